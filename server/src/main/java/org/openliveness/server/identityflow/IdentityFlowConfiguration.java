package org.openliveness.server.identityflow;

import java.time.Clock;
import java.time.Duration;
import org.openliveness.server.erasure.PersonalData;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.storage.PhotoStore;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/** The identity-flow profile, on unless {@code openliveness.profiles.identity-flow.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "openliveness.profiles.identity-flow", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(IdentityFlowProperties.class)
class IdentityFlowConfiguration {

    @Bean
    IdentityFlows identityFlows(JdbcClient jdbc, LivenessSessions sessions, PhotoStore photos, IdentityFlowProperties settings,
                                Clock clock) {
        return new IdentityFlows(jdbc, sessions, photos, settings, clock);
    }

    /** A user's flow sessions are erased with the rest of their data (their steps' sessions go with the sessions). */
    @Bean
    PersonalData identityFlowData(IdentityFlows flows) {
        return PersonalData.of("identityFlowSessions", PersonalData.ORDER_DERIVED, flows::eraseUser);
    }

    /** Deletes long-expired flow sessions once an hour. */
    @Bean
    SchedulingConfigurer identityFlowCleanup(IdentityFlows flows) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(flows::deleteExpired, Duration.ofHours(1), Duration.ofMinutes(5)));
    }

    /** The profile's operations as their own group of the OpenAPI description ({@code /actuator/openapi/identity-flow}). */
    @Bean
    GroupedOpenApi identityFlowOpenApi() {
        return GroupedOpenApi.builder().group("identity-flow").displayName("Identity flow (seed 000)")
                .packagesToScan(IdentityFlowController.class.getPackageName())
                .build();
    }
}
