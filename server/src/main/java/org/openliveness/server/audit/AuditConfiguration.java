package org.openliveness.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.openliveness.server.erasure.PersonalData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(JdbcClient jdbc, ObjectMapper objectMapper, Clock clock) {
        return new AuditLog(jdbc, objectMapper, clock);
    }

    @Bean
    AuditTrail auditTrailReader(JdbcClient jdbc, ObjectMapper objectMapper) {
        return new AuditTrail(jdbc, objectMapper);
    }

    /** The audit trail about a user goes last in an erasure. */
    @Bean
    PersonalData auditTrail(AuditLog auditLog) {
        return PersonalData.of("auditEvents", PersonalData.ORDER_AUDIT, auditLog::eraseUser);
    }
}
