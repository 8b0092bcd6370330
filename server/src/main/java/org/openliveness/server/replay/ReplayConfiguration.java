package org.openliveness.server.replay;

import java.time.Clock;
import org.openliveness.server.RetentionJob;
import org.openliveness.server.erasure.PersonalData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * The replay fingerprint store and its purge. The purge runs with a fixed delay of
 * {@code openliveness.replay.purge-interval}, first one minute after start (or one interval, if
 * shorter) so a short-lived command does not purge on its way through.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReplayConfiguration {

    @Bean
    ReplayFingerprints replayFingerprints(JdbcClient jdbc) {
        return new ReplayFingerprints(jdbc);
    }

    @Bean
    SchedulingConfigurer replayRetentionSchedule(ReplayFingerprints fingerprints, ReplayProperties settings, Clock clock) {
        return new RetentionJob("replay fingerprints", fingerprints::purgeOlderThan, settings.window(), clock)
                .every(settings.purgeInterval());
    }

    /** A user's replay fingerprints are erased with their sessions. */
    @Bean
    PersonalData replayFingerprintData(ReplayFingerprints fingerprints) {
        return PersonalData.of("replayFingerprints", PersonalData.ORDER_DERIVED, fingerprints::eraseUser);
    }
}
