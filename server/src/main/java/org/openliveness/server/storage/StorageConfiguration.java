package org.openliveness.server.storage;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.openliveness.server.OpenLivenessProperties;
import org.openliveness.server.erasure.PersonalData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Photo store and its retention purge. The purge runs on {@code @EnableScheduling}'s scheduler
 * with a fixed delay of {@code openliveness.storage.purge-interval}, first one minute after start
 * (or one interval, if shorter) so a short-lived command does not purge on its way through.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StorageConfiguration {

    private static final Duration FIRST_PURGE_AFTER = Duration.ofMinutes(1);

    @Bean
    PhotoStore photoStore(JdbcClient jdbc, StorageProperties storage, OpenLivenessProperties settings, Clock clock) {
        return new PhotoStore(jdbc, EncryptionKeyFile.resolve(storage.encryptionKey(), settings.dataDir(), new SecureRandom()), clock);
    }

    @Bean
    SchedulingConfigurer photoRetentionSchedule(PhotoStore photoStore, StorageProperties storage, Clock clock) {
        PhotoRetentionJob job = new PhotoRetentionJob(photoStore, storage.retention(), clock);
        Duration firstRun = storage.purgeInterval().compareTo(FIRST_PURGE_AFTER) < 0 ? storage.purgeInterval() : FIRST_PURGE_AFTER;
        return (ScheduledTaskRegistrar registrar) ->
                registrar.addFixedDelayTask(new FixedDelayTask(job, storage.purgeInterval(), firstRun));
    }

    /** Photos go first in an erasure. */
    @Bean
    PersonalData storedPhotos(PhotoStore photoStore) {
        return PersonalData.of("photos", PersonalData.ORDER_PHOTOS, photoStore::eraseUser);
    }
}
