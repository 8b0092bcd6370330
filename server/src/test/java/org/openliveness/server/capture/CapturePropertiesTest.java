package org.openliveness.server.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CapturePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CaptureProperties.class)
    static class Bind {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

    @Test
    void byDefaultNoOriginMayCallTheCaptureEndpoints() throws Exception {
        runner.run(context -> assertThat(context.getBean(CaptureProperties.class).allowedOrigins()).isEmpty());

        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/v1/verifications/liveness/challenge");
        preflight.addHeader("Origin", "https://capture.example.test");
        preflight.addHeader("Access-Control-Request-Method", "POST");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new CaptureCorsFilter(List.of()).doFilter(preflight, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void originsAreNormalisedAndAnythingElseStopsTheStart() {
        runner.withPropertyValues("openliveness.capture.allowed-origins=HTTPS://Capture.Example.test/, http://localhost:5173")
                .run(context -> assertThat(context.getBean(CaptureProperties.class).allowedOrigins())
                        .containsExactly("https://capture.example.test", "http://localhost:5173"));
        for (String invalid : List.of("*", "https://a.test/capture", "capture.example.test", "ftp://a.test", "https://a.test?x=1",
                "https://user@a.test")) {
            runner.withPropertyValues("openliveness.capture.allowed-origins=" + invalid)
                    .run(context -> assertThat(context).as(invalid).hasFailed());
        }
    }
}
