package org.openliveness.server.nativeapi;

import org.openliveness.server.session.LivenessSessions;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class NativeApiConfiguration {

    /** After the security headers, the rate limits and CORS (so a refusal carries their headers). */
    @Bean
    FilterRegistrationBean<CaptureUploadGate> captureUploadGate(LivenessSessions sessions) {
        FilterRegistrationBean<CaptureUploadGate> registration = new FilterRegistrationBean<>(new CaptureUploadGate(sessions::knowsToken));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns(SessionController.BASE + "/*");
        return registration;
    }

    /**
     * The native API (seed 003) as its own group of the OpenAPI description
     * ({@code /actuator/openapi/native}): the sessions and the user calls under {@code /v1}, the
     * identity-flow profile's paths left to its own group.
     */
    @Bean
    GroupedOpenApi nativeOpenApi() {
        return GroupedOpenApi.builder().group("native").displayName("OpenLiveness native API (seed 003)")
                .pathsToMatch("/v1/**").pathsToExclude("/v1/identity-flow/**")
                .build();
    }
}
