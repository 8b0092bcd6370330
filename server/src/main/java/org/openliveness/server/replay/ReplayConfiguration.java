package org.openliveness.server.replay;

import java.time.Clock;
import java.time.Duration;
import org.openliveness.server.erasure.PersonalData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The replay fingerprint store and its purge. The purge runs with a fixed delay of
 * {@code openliveness.replay.purge-interval}, first one minute after start (or one interval, if
 * shorter) so a short-lived command does not purge on its way through.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReplayConfiguration {

    private static final Duration FIRST_PURGE_AFTER = Duration.ofMinutes(1);

    @Bean
    ReplayFingerprints replayFingerprints(JdbcClient jdbc) {
        return new ReplayFingerprints(jdbc);
    }

    @Bean
    SchedulingConfigurer replayRetentionSchedule(ReplayFingerprints fingerprints, ReplayProperties settings, Clock clock) {
        ReplayRetentionJob job = new ReplayRetentionJob(fingerprints, settings.window(), clock);
        Duration interval = settings.purgeInterval();
        Duration firstRun = interval.compareTo(FIRST_PURGE_AFTER) < 0 ? interval : FIRST_PURGE_AFTER;
        return (ScheduledTaskRegistrar registrar) -> registrar.addFixedDelayTask(new FixedDelayTask(job, interval, firstRun));
    }

    /** A user's replay fingerprints are erased with their sessions. */
    @Bean
    PersonalData replayFingerprintData(ReplayFingerprints fingerprints) {
        return PersonalData.of("replayFingerprints", PersonalData.ORDER_DERIVED, fingerprints::eraseUser);
    }
}
