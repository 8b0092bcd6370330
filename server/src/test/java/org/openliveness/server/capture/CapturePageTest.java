package org.openliveness.server.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The capture component's files are served from the capture module's jar, without an API key. */
@IntegrationTest
class CapturePageTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void theModuleItsTypesAndTheDemoPageAreServed() {
        ResponseEntity<String> module = http.getForEntity("/capture/openliveness-capture.js", String.class);
        assertThat(module.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(module.getHeaders().getContentType().toString()).contains("javascript");
        assertThat(module.getBody()).contains("export class OpenLivenessCapture");

        ResponseEntity<String> types = http.getForEntity("/capture/openliveness-capture.d.ts", String.class);
        assertThat(types.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(types.getBody()).contains("export declare class OpenLivenessCapture");

        ResponseEntity<String> page = http.getForEntity("/capture/index.html", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("src=\"demo.js\"").doesNotContain("<style", "<script>");
        ResponseEntity<String> demo = http.getForEntity("/capture/demo.js", String.class);
        assertThat(demo.getBody()).contains("./openliveness-capture.js", "location.hash");
    }

    @Test
    void thePageMayRunItsOwnScriptsAndCallTheServiceButNothingElse() {
        for (String path : new String[] {"/capture/index.html", "/capture/", "/capture/openliveness-capture.js"}) {
            ResponseEntity<String> reply = http.getForEntity(path, String.class);
            String policy = reply.getHeaders().getFirst("Content-Security-Policy");
            assertThat(policy).as(path).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                    "frame-ancestors 'none'").doesNotContain("unsafe-inline", "sandbox");
            assertThat(reply.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        ResponseEntity<String> api = http.getForEntity("/v1/verifications/liveness/x", String.class);
        assertThat(api.getHeaders().getFirst("Content-Security-Policy")).as("the API's replies stay unrenderable").contains("sandbox");
    }

    @Test
    void theDemoPageHasAShortAddress() throws Exception {
        ResponseEntity<String> page = http.getForEntity("/capture/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("<title>Liveness check</title>");

        HttpResponse<Void> bare = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(http.getRootUri() + "/capture")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(bare.statusCode()).as("redirected, so the page's relative links resolve").isBetween(300, 399);
        assertThat(URI.create(http.getRootUri()).resolve(bare.headers().firstValue("Location").orElseThrow()).getPath())
                .isEqualTo("/capture/");
    }

    @Test
    void aMissingFileIsANotFoundProblem() {
        ResponseEntity<String> missing = http.getForEntity("/capture/nothing-here.js", String.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).contains("NOT_FOUND");
    }
}
