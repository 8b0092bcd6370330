package org.openliveness.server.process;

import org.springdoc.core.models.GroupedOpenApi;
import org.openliveness.server.enrolment.UserDetailsProvider;
import org.openliveness.server.session.LivenessSessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process profile (seed 004); on unless {@code openliveness.profiles.process.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ProcessConfiguration.ENABLED, havingValue = "true", matchIfMissing = true)
class ProcessConfiguration {

    static final String ENABLED = "openliveness.profiles.process.enabled";

    @Bean
    Processes processes(LivenessSessions sessions, ObjectProvider<UserDetailsProvider> users) {
        return new Processes(sessions, users.getIfAvailable());
    }

    /** The profile's operations as their own group of the OpenAPI description ({@code /actuator/openapi/process}). */
    @Bean
    GroupedOpenApi processOpenApi() {
        return GroupedOpenApi.builder().group("process").displayName("Liveness + identity process (seed 004)")
                .packagesToScan(ProcessController.class.getPackageName())
                .build();
    }
}
