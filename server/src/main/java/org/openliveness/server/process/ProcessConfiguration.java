package org.openliveness.server.process;

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
}
