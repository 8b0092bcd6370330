package org.openliveness.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openliveness.server.OpenLivenessServer;
import org.openliveness.server.testing.TemporaryDataDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** Over the HTTP port: the per-address limit answers 429 with Retry-After before the request is read; tokens in URLs are refused. */
@SpringBootTest(classes = OpenLivenessServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.port=0", "openliveness.rate-limit.per-address-per-minute=3"})
@ContextConfiguration(initializers = TemporaryDataDir.class)
class RateLimitHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String pathAndQuery, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenInTheQueryStringIsRefusedAndTheFourthRequestOfAMinuteFromOneAddressIs429() throws Exception {
        HttpResponse<String> inQuery = post("/v1/verifications/liveness/progress?sessionToken=ses_abc", "{}");
        assertThat(inQuery.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(inQuery.body()).path("code").asText()).isEqualTo("TOKEN_IN_QUERY");
        HttpResponse<String> encoded = post("/v1/verifications/liveness/progress?%73essionToken=ses_abc", "{}");
        assertThat(JSON.readTree(encoded.body()).path("code").asText()).as("percent-encoded").isEqualTo("TOKEN_IN_QUERY");
        assertThat(encoded.body()).doesNotContain("ses_abc");

        HttpResponse<String> third = post("/v1/verifications/liveness/progress", "{\"sessionToken\":\"ses_unknown\"}");
        assertThat(third.statusCode()).as(third.body()).isEqualTo(401);

        HttpResponse<String> limited = post("/v1/verifications/liveness/progress", "{\"sessionToken\":\"ses_unknown\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(limited.body());
        assertThat(problem.path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(problem.path("type").asText()).isEqualTo("urn:openliveness:problem:rate-limited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(limited.headers().firstValue("Cache-Control")).as("security headers come first").contains("no-store");
    }
}
