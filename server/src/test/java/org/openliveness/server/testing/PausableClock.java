package org.openliveness.server.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system's UTC clock, which a test can stop at the current instant and start again: the server
 * clock of every {@link IntegrationTest} context, so that a rule counted per time window (the preview
 * limit) can be tested over HTTP without the test's speed deciding the outcome.
 */
public final class PausableClock extends Clock {

    private volatile Instant paused;

    /** From now on, {@link #instant()} answers the instant of this call, until {@link #resume()}. */
    public void pause() {
        paused = Instant.now();
    }

    /** Back to the system's time. */
    public void resume() {
        paused = null;
    }

    @Override
    public Instant instant() {
        Instant p = paused;
        return p != null ? p : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a PausableClock is always UTC");
    }
}
