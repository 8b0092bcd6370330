package org.openliveness.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Base64;
import org.openliveness.server.RetentionJob;
import org.openliveness.server.Sha256;
import org.openliveness.server.erasure.PersonalData;
import org.openliveness.server.storage.Keyring;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    /** Label of the pseudonym key derived from the oldest photo key. */
    static final String DERIVED_LABEL = "openliveness audit pseudonym";

    @Bean
    AuditLog auditLog(JdbcClient jdbc, ObjectMapper objectMapper, Clock clock, AuditProperties audit, Keyring photoKeyring) {
        return new AuditLog(jdbc, objectMapper, clock, pseudonyms(audit, photoKeyring));
    }

    /** The configured pseudonym key (named by the first 16 hex characters of its SHA-256), or one derived from the oldest photo key. */
    static Pseudonyms pseudonyms(AuditProperties audit, Keyring photoKeyring) {
        if (audit.pseudonymKey() != null && !audit.pseudonymKey().isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(audit.pseudonymKey().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("openliveness.audit.pseudonym-key is not valid base64");
            }
            if (key.length < Pseudonyms.MIN_KEY_BYTES) {
                throw new IllegalStateException("openliveness.audit.pseudonym-key decodes to " + key.length
                        + " bytes; it needs at least " + Pseudonyms.MIN_KEY_BYTES);
            }
            return new Pseudonyms(key, "configured-" + Sha256.hex(audit.pseudonymKey().strip()).substring(0, 16));
        }
        Keyring.Key derived = photoKeyring.derive(DERIVED_LABEL);
        return new Pseudonyms(derived.secret().getEncoded(), "photo-" + derived.id());
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

    /** Records older than {@code openliveness.audit.retention} are purged; erasure records stay. */
    @Bean
    SchedulingConfigurer auditRetentionSchedule(AuditLog auditLog, AuditProperties audit, Clock clock) {
        return new RetentionJob("audit events", auditLog::purgeOlderThan, audit.retention(), clock).every(audit.purgeInterval());
    }
}
