package org.openliveness.server.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes fingerprints older than the replay window; scheduled every {@code purge-interval} by {@link ReplayConfiguration}. */
final class ReplayRetentionJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReplayRetentionJob.class);

    private final ReplayFingerprints fingerprints;
    private final Duration window;
    private final Clock clock;

    ReplayRetentionJob(ReplayFingerprints fingerprints, Duration window, Clock clock) {
        this.fingerprints = fingerprints;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public void run() {
        Instant cutoff = clock.instant().minus(window);
        int deleted = fingerprints.purgeOlderThan(cutoff);
        if (deleted > 0) {
            log.info("Replay window: deleted {} fingerprints recorded before {}", deleted, cutoff);
        }
    }
}
