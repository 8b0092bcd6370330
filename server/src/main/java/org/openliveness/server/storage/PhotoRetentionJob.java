package org.openliveness.server.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes photos older than the retention period; scheduled every {@code purge-interval} by {@link StorageConfiguration}. */
final class PhotoRetentionJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PhotoRetentionJob.class);

    private final PhotoStore photos;
    private final Duration retention;
    private final Clock clock;

    PhotoRetentionJob(PhotoStore photos, Duration retention, Clock clock) {
        this.photos = photos;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void run() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = photos.purgeOlderThan(cutoff);
        if (deleted > 0) {
            log.info("Retention: deleted {} photos stored before {}", deleted, cutoff);
        }
    }
}
