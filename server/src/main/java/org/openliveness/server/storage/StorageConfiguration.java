package org.openliveness.server.storage;

import java.security.SecureRandom;
import java.time.Clock;
import org.openliveness.server.OpenLivenessProperties;
import org.openliveness.server.RetentionJob;
import org.openliveness.server.erasure.PersonalData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * Photo store and its retention purge. The purge runs on {@code @EnableScheduling}'s scheduler
 * with a fixed delay of {@code openliveness.storage.purge-interval}, first one minute after start
 * (or one interval, if shorter) so a short-lived command does not purge on its way through.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StorageConfiguration {

    @Bean
    PhotoStore photoStore(JdbcClient jdbc, StorageProperties storage, OpenLivenessProperties settings, Clock clock) {
        return new PhotoStore(jdbc, EncryptionKeyFile.resolve(storage.encryptionKey(), settings.dataDir(), new SecureRandom()), clock);
    }

    @Bean
    SchedulingConfigurer photoRetentionSchedule(PhotoStore photoStore, StorageProperties storage, Clock clock) {
        return new RetentionJob("photos", photoStore::purgeOlderThan, storage.retention(), clock).every(storage.purgeInterval());
    }

    /** Photos go first in an erasure. */
    @Bean
    PersonalData storedPhotos(PhotoStore photoStore) {
        return PersonalData.of("photos", PersonalData.ORDER_PHOTOS, photoStore::eraseUser);
    }
}
