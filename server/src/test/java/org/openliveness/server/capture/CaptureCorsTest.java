package org.openliveness.server.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CORS over HTTP, as a browser does it: a capture page hosted by the integrator, at the one
 * configured origin ({@link IntegrationTest#CAPTURE_ORIGIN}), may call the capture endpoints;
 * no other origin may, and no origin may call an API-key endpoint.
 */
@IntegrationTest
class CaptureCorsTest {

    private static final String BASE = "/v1/verifications/liveness";
    private static final String OTHER_ORIGIN = "https://attacker.example.test";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> preflight(String path, String origin, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A capture upload with an unknown token, as a browser sends it (multipart needs no preflight). */
    private HttpResponse<String> upload(String origin) throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sessionToken\"\r\n\r\nses_unknown\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"challengeId\"\r\n\r\nch_x\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\nxyz\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + BASE + "/challenge"))
                .header("Origin", origin)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE + "/challenge", BASE + "/reference-selfie", BASE + "/challenge/start", BASE + "/preview",
            BASE + "/progress"})
    void theConfiguredOriginsPreflightToACaptureEndpointIsAnswered(String path) throws Exception {
        HttpResponse<String> reply = preflight(path, IntegrationTest.CAPTURE_ORIGIN, "POST");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).contains(IntegrationTest.CAPTURE_ORIGIN);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(reply.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("content-type");
        assertThat(reply.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE + "/challenge", BASE + "/reference-selfie", BASE + "/challenge/start", BASE + "/preview",
            BASE + "/progress"})
    void anotherOriginsPreflightIsRefused(String path) throws Exception {
        HttpResponse<String> reply = preflight(path, OTHER_ORIGIN, "POST");

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({BASE + "/session, POST", BASE + "/some-id, GET", BASE + "/user/u1, GET", "/v1/users/u1, DELETE",
            BASE + "/challenge, GET"})
    void apiKeyEndpointsAreNeverCorsEnabledEvenForTheConfiguredOrigin(String path, String method) throws Exception {
        HttpResponse<String> reply = preflight(path, IntegrationTest.CAPTURE_ORIGIN, method);

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theConfiguredOriginCanReadACaptureReplyErrorsIncluded() throws Exception {
        HttpResponse<String> reply = upload(IntegrationTest.CAPTURE_ORIGIN);

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.body()).contains("INVALID_SESSION_TOKEN");
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).contains(IntegrationTest.CAPTURE_ORIGIN);
        assertThat(reply.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Server-Timing");
    }

    @Test
    void anotherOriginsUploadIsRefusedBeforeItIsHandled() throws Exception {
        HttpResponse<String> reply = upload(OTHER_ORIGIN);

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(reply.body()).doesNotContain("INVALID_SESSION_TOKEN");
    }
}
