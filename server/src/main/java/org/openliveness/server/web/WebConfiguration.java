package org.openliveness.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The security headers on every reply of the API port, and the OpenAPI description, served
 * when {@code openliveness.management.expose-api-docs} is true on the management port at
 * {@code /actuator/openapi/all} (every operation; each API profile adds its own group,
 * {@code /actuator/openapi/{group}}; Swagger UI at {@code /actuator/swagger-ui}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Name of the OpenAPI security scheme for the {@code X-API-Key} header. */
    static final String API_KEY_SCHEME = "apiKey";

    /** First of all filters, so that even a refusal by another filter carries the headers. */
    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * The whole API as one group. Once any group exists (each profile declares one), springdoc
     * serves groups only, at {@code /actuator/openapi/{group}}: this one keeps the whole document.
     */
    @Bean
    GroupedOpenApi allOperations() {
        return GroupedOpenApi.builder().group("all").displayName("OpenLiveness API: every operation").pathsToMatch("/**").build();
    }

    /** Before anything reads the request's parameters: a session token in the URL is refused. */
    @Bean
    FilterRegistrationBean<NoTokenInQuery> noTokenInQuery() {
        FilterRegistrationBean<NoTokenInQuery> registration = new FilterRegistrationBean<>(new NoTokenInQuery());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.addUrlPatterns("/v1/*");
        return registration;
    }

    @Bean
    OpenAPI openLivenessOpenApi() {
        return new OpenAPI()
                .info(new Info().title("OpenLiveness API").version("v1")
                        .description("Self-hosted face liveness. Errors are RFC 9457 problem details with a stable `code`."))
                .components(new Components().addSecuritySchemes(API_KEY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                        .description("An API key from `openliveness apikey create`; its scopes decide what it may call.")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
    }
}
