package org.openliveness.server.process;

import org.openliveness.server.enrolment.UserDetailsProvider;
import org.openliveness.server.session.LivenessSessions;
import org.springdoc.core.models.GroupedOpenApi;
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

    /** The profile's OpenAPI group: its operation and the token endpoint it needs. */
    @Bean
    GroupedOpenApi processApiGroup() {
        return GroupedOpenApi.builder().group("process").displayName("Seed 004: liveness + identity process")
                .pathsToMatch(ProcessController.PATH, "/oauth2/token")
                .build();
    }
}
