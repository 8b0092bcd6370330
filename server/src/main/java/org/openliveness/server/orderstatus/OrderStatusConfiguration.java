package org.openliveness.server.orderstatus;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order-status profile (seed 002); on unless {@code openliveness.profiles.order-status.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = OrderStatusController.ENABLED, havingValue = "true", matchIfMissing = true)
class OrderStatusConfiguration {

    /** The profile's OpenAPI group: its operation and the token endpoints it needs. */
    @Bean
    GroupedOpenApi orderStatusApiGroup() {
        return GroupedOpenApi.builder().group("order-status").displayName("Seed 002: order liveness status")
                .pathsToMatch("/api/v2/buy/**", "/oauth2/token", "/oauth2/user-token")
                .build();
    }
}
