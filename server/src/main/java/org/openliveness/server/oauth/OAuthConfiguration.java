package org.openliveness.server.oauth;

import org.springdoc.core.models.GroupedOpenApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.security.SecureRandom;
import java.time.Clock;
import org.openliveness.server.OpenLivenessProperties;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.tenant.Tenants;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access-token issuer, on while a profile that takes access tokens is on (order-status, process):
 * with both switched off no token would be accepted anywhere, so the token endpoints are not served
 * and no signing key is needed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(OAuthConfiguration.IN_USE)
class OAuthConfiguration {

    /** Whether a profile that takes access tokens is on. */
    static final String IN_USE = "${openliveness.profiles.order-status.enabled:true} or ${openliveness.profiles.process.enabled:true}";

    /** The token checks, signed with the configured key (outside dev mode the service does not start without one). */
    @Bean
    AccessTokens accessTokens(OAuthProperties oauth, OpenLivenessProperties settings, ObjectMapper json, ApiKeys apiKeys,
                              Tenants tenants, Clock clock) {
        Hs256Jwt jwt = new Hs256Jwt(SigningKeyFile.resolve(oauth.signingKey(), settings.dataDir(), settings.devMode(),
                new SecureRandom()), json);
        return new AccessTokens(jwt, json, apiKeys, tenants, oauth, clock);
    }

    /** The access-token security scheme, in every OpenAPI document (the profiles' operations name it). */
    @Bean
    GlobalOpenApiCustomizer accessTokenScheme() {
        return api -> api.getComponents().addSecuritySchemes(AccessTokens.OPENAPI_SCHEME, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from POST /oauth2/token (OAuth2 client credentials; the client is an API key)."));
    }

    /** The token endpoints as their own group of the OpenAPI description ({@code /actuator/openapi/oauth}). */
    @Bean
    GroupedOpenApi oauthOpenApi() {
        return GroupedOpenApi.builder().group("oauth").displayName("Access tokens (OAuth2 client credentials)")
                .packagesToScan(TokenController.class.getPackageName())
                .build();
    }
}
