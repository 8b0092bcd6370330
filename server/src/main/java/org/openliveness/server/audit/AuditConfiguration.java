package org.openliveness.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(JdbcClient jdbc, ObjectMapper objectMapper, Clock clock) {
        return new AuditLog(jdbc, objectMapper, clock);
    }
}
