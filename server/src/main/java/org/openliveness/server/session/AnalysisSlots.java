package org.openliveness.server.session;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.PhotoExaminer;

/**
 * Bounds how many photos are examined at once (the engine's models use the processors fully), and
 * how long an upload waits for a turn. Thread-safe.
 */
final class AnalysisSlots {

    /**
     * A photo's examination and where its time went.
     *
     * @param queueMs    milliseconds spent waiting for a slot
     * @param analysisMs milliseconds spent examining
     */
    record Examined(Examination examination, double queueMs, double analysisMs) {
    }

    private final PhotoExaminer examiner;
    private final Semaphore slots;
    private final Duration wait;

    AnalysisSlots(PhotoExaminer examiner, int slots, Duration wait) {
        this.examiner = examiner;
        this.slots = new Semaphore(slots, true);
        this.wait = wait;
    }

    /**
     * Examines a photo in a free slot.
     *
     * @throws SessionException.Overloaded    when no slot frees up in time
     * @throws SessionException.UnusablePhoto when the bytes cannot be decoded
     */
    Examined examine(byte[] photo) {
        long start = System.nanoTime();
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException.Overloaded("interrupted while waiting to analyse");
        }
        if (!acquired) {
            throw new SessionException.Overloaded("all analysis slots are busy; try again");
        }
        long slot = System.nanoTime();
        try {
            Examination examination = examiner.examine(photo);
            return new Examined(examination, (slot - start) / 1e6, (System.nanoTime() - slot) / 1e6);
        } catch (ImageException e) {
            throw new SessionException.UnusablePhoto(e);
        } finally {
            slots.release();
        }
    }
}
