package org.openliveness.server.orderstatus;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The seed-002 profile's place in the OpenAPI description; the profile itself is its controller. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = OrderStatusController.ENABLED, havingValue = "true", matchIfMissing = true)
class OrderStatusConfiguration {

    /** The profile's operations as their own group of the OpenAPI description ({@code /actuator/openapi/order-status}). */
    @Bean
    GroupedOpenApi orderStatusOpenApi() {
        return GroupedOpenApi.builder().group("order-status").displayName("Order liveness status (seed 002)")
                .packagesToScan(OrderStatusController.class.getPackageName())
                .build();
    }
}
