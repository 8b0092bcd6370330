package org.openliveness.server.storage;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.openliveness.server.OpenLivenessProperties;
import org.openliveness.server.RetentionJob;
import org.openliveness.server.erasure.PersonalData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Photo keys, photo store, the retention purge, the background re-encryption after a key
 * rotation and the embedded database's compaction. The purge runs on {@code @EnableScheduling}'s
 * scheduler with a fixed delay of {@code openliveness.storage.purge-interval}, first one minute
 * after start (or one interval, if shorter) so a short-lived command does not purge on its way
 * through; the re-encryption every {@code openliveness.storage.rotation-interval}; the compaction
 * every {@code openliveness.storage.compaction-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StorageConfiguration {

    /** Re-sealed per batch (one transaction-free update per item). */
    private static final int ROTATION_BATCH = 100;

    @Bean
    Keyring photoKeyring(StorageProperties storage, OpenLivenessProperties settings) {
        return EncryptionKeyFile.keyring(storage, settings.dataDir(), settings.devMode(), new SecureRandom());
    }

    @Bean
    PhotoStore photoStore(JdbcClient jdbc, Keyring photoKeyring, Clock clock) {
        return new PhotoStore(jdbc, photoKeyring, clock);
    }

    /** Photos first, then what other features sealed. */
    @Bean
    PhotoKeys photoKeys(Keyring photoKeyring, PhotoStore photoStore, ObjectProvider<SealedData> sealedData,
                        StorageProperties storage, OpenLivenessProperties settings) {
        List<SealedData> features = new ArrayList<>();
        features.add(photoStore.photos());
        sealedData.orderedStream().forEach(features::add);
        Path file = storage.encryptionKey() != null && !storage.encryptionKey().isBlank() ? null
                : storage.keyFile() != null ? storage.keyFile().toAbsolutePath().normalize()
                : settings.dataDir().resolve(EncryptionKeyFile.FILE_NAME).toAbsolutePath().normalize();
        return new PhotoKeys(photoKeyring, file, new KeyRotation(photoKeyring, features, ROTATION_BATCH), new SecureRandom());
    }

    @Bean
    SchedulingConfigurer keyRotationSchedule(PhotoKeys photoKeys, StorageProperties storage) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(
                photoKeys.rotation()::runInBackground, storage.rotationInterval(), storage.rotationInterval()));
    }

    @Bean
    SchedulingConfigurer photoRetentionSchedule(PhotoStore photoStore, StorageProperties storage, Clock clock) {
        return new RetentionJob("photos", photoStore::purgeOlderThan, storage.retention(), clock).every(storage.purgeInterval());
    }

    @Bean
    SchedulingConfigurer embeddedDatabaseCompactionSchedule(DataSource dataSource, StorageProperties storage) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(
                new EmbeddedDatabaseCompaction(dataSource), storage.compactionInterval(), storage.compactionInterval()));
    }

    /** Photos go first in an erasure. */
    @Bean
    PersonalData storedPhotos(PhotoStore photoStore) {
        return PersonalData.of("photos", PersonalData.ORDER_PHOTOS, photoStore::eraseUser);
    }
}
