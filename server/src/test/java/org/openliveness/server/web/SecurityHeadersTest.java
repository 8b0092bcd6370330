package org.openliveness.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every reply of the API port carries the security headers and is never cached, errors included. */
@IntegrationTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys apiKeys;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static void assertHardened(HttpResponse<String> reply) {
        HttpHeaders headers = reply.headers();
        assertThat(headers.firstValue("X-Content-Type-Options")).as("nosniff on %s", reply).contains("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).as("referrer policy on %s", reply).contains("no-referrer");
        assertThat(headers.firstValue("Content-Security-Policy")).as("CSP on %s", reply)
                .contains("default-src 'none'; frame-ancestors 'none'; sandbox");
        assertThat(headers.firstValue("Cache-Control")).as("cache control on %s", reply).contains("no-store");
    }

    @Test
    void aCreatedSessionIsNeverCached() throws Exception {
        String key = apiKeys.create("it-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));

        HttpResponse<String> created = send(request("/v1/verifications/liveness/session")
                .header(ApiKeys.HEADER, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u1\"}")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("sessionToken");
        assertHardened(created);
    }

    @Test
    void problemRepliesCarryTheHeadersToo() throws Exception {
        HttpResponse<String> unauthorised = send(request("/v1/verifications/liveness/some-id").GET());
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        assertHardened(unauthorised);

        HttpResponse<String> notFound = send(request("/no/such/path").GET());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertHardened(notFound);
    }
}
