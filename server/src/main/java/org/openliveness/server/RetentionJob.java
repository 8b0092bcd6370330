package org.openliveness.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Deletes what is older than a retention period: one job per kind of data (photos, replay
 * fingerprints), each run on a fixed delay, first one minute after start (or one interval, if
 * shorter) so a short-lived command does not purge on its way through.
 */
public final class RetentionJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

    private final String what;
    private final ToIntFunction<Instant> purgeOlderThan;
    private final Duration keep;
    private final Clock clock;

    /**
     * @param what           what is deleted, in the plural, for the log ({@code photos})
     * @param purgeOlderThan deletes what was stored before the instant given; returns how many
     * @param keep           how long to keep it
     */
    public RetentionJob(String what, ToIntFunction<Instant> purgeOlderThan, Duration keep, Clock clock) {
        this.what = Objects.requireNonNull(what, "what");
        this.purgeOlderThan = Objects.requireNonNull(purgeOlderThan, "purgeOlderThan");
        this.keep = Objects.requireNonNull(keep, "keep");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run() {
        Instant cutoff = clock.instant().minus(keep);
        int deleted = purgeOlderThan.applyAsInt(cutoff);
        if (deleted > 0) {
            log.info("Retention: deleted {} {} stored before {}", deleted, what, cutoff);
        }
    }

    /** This job on the application's scheduler, every {@code interval}. */
    public SchedulingConfigurer every(Duration interval) {
        Duration firstRun = interval.compareTo(FIRST_RUN_AFTER) < 0 ? interval : FIRST_RUN_AFTER;
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(this, interval, firstRun));
    }
}
