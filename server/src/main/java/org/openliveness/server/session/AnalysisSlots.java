package org.openliveness.server.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.BurstFrame;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.FramePreview;
import org.openliveness.engine.verdict.PhotoExaminer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how many photos are examined at once (the engine's models use the processors fully), and
 * how long an upload waits for a turn. Every examination of uploaded bytes goes through here:
 * sessions' photos and bursts, previews, single-image checks and enrolments. At shutdown
 * ({@link #close()}) it lets the examinations in flight finish before the engine they use is
 * closed. Thread-safe.
 */
public final class AnalysisSlots implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalysisSlots.class);

    /**
     * A photo's examination and where its time went.
     *
     * @param queueMs    milliseconds spent waiting for a slot
     * @param analysisMs milliseconds spent examining
     */
    public record Examined(Examination examination, double queueMs, double analysisMs) {
    }

    /**
     * A burst's examinations, in frame order, and where the time went.
     *
     * @param frames     every frame's examination, the answer frame's in full
     * @param answer     the index of the answer frame
     * @param queueMs    milliseconds until the first frame had a slot
     * @param analysisMs milliseconds from then until every frame was examined
     */
    record ExaminedBurst(List<Examination> frames, int answer, double queueMs, double analysisMs) {
    }

    private final PhotoExaminer examiner;
    private final int count;
    private final Semaphore slots;
    private final Duration wait;
    private final Duration shutdownWait;
    private final ExecutorService frameWorkers;
    private volatile boolean closed;

    AnalysisSlots(PhotoExaminer examiner, int slots, Duration wait, Duration shutdownWait) {
        this.examiner = examiner;
        this.count = slots;
        this.slots = new Semaphore(slots, true);
        this.wait = wait;
        this.shutdownWait = shutdownWait;
        // Frames of a burst are examined side by side, each in a slot of its own; a daemon pool of
        // one thread per slot is enough, since a frame holds its thread only while it holds a slot.
        AtomicInteger n = new AtomicInteger();
        this.frameWorkers = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "burst-frame-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Examines the frames of a burst for {@code type} in parallel, each in a free slot, for what the burst's rules
     * read on every frame; then the answer frame ({@code answerOf} the frames) in full.
     *
     * @throws SessionException.Overloaded    when a frame finds no slot in time
     * @throws SessionException.UnusablePhoto when a frame cannot be decoded (naming it)
     */
    ExaminedBurst examineAll(List<byte[]> frames, ChallengeType type, ToIntFunction<List<Examination>> answerOf) {
        long start = System.nanoTime();
        List<Future<Timed<BurstFrame>>> pending = new ArrayList<>();
        try {
            for (byte[] frame : frames) {
                pending.add(frameWorkers.submit(() -> inSlot(() -> examiner.examineBurstFrame(frame, type))));
            }
        } catch (RejectedExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            throw new SessionException.Overloaded("the server is shutting down; try again");
        }
        List<BurstFrame> examined = new ArrayList<>();
        double firstQueueMs = Double.NaN;
        try {
            for (Future<Timed<BurstFrame>> f : pending) {
                Timed<BurstFrame> e = f.get();
                examined.add(e.result());
                firstQueueMs = Double.isNaN(firstQueueMs) ? e.queueMs() : Math.min(firstQueueMs, e.queueMs());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.forEach(f -> f.cancel(true));
            throw new SessionException.Overloaded("interrupted while analysing the burst");
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("examining a frame failed", e.getCause());
        }
        List<Examination> out = new ArrayList<>(examined.stream().map(BurstFrame::examination).toList());
        int answer = answerOf.applyAsInt(List.copyOf(out));
        out.set(answer, inSlot(() -> examiner.examineAnswer(examined.get(answer))).result());
        double totalMs = (System.nanoTime() - start) / 1e6;
        return new ExaminedBurst(List.copyOf(out), answer, firstQueueMs, totalMs - firstQueueMs);
    }

    /**
     * Previews a frame in a free slot.
     *
     * @throws SessionException.Overloaded    when no slot frees up in time
     * @throws SessionException.UnusablePhoto when the bytes cannot be decoded
     */
    FramePreview preview(byte[] frame) {
        acquire();
        try {
            return examiner.preview(frame);
        } catch (ImageException e) {
            throw new SessionException.UnusablePhoto(e);
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        if (closed) {
            throw new SessionException.Overloaded("the server is shutting down; try again");
        }
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
    }

    /**
     * Examines a photo in a free slot.
     *
     * @throws SessionException.Overloaded    when no slot frees up in time
     * @throws SessionException.UnusablePhoto when the bytes cannot be decoded
     */
    public Examined examine(byte[] photo) {
        Timed<Examination> e = inSlot(() -> examiner.examine(photo));
        return new Examined(e.result(), e.queueMs(), e.analysisMs());
    }

    private record Timed<T>(T result, double queueMs, double analysisMs) {
    }

    /** Runs {@code work} in a free slot, an undecodable image becoming an unusable photo. */
    private <T> Timed<T> inSlot(Supplier<T> work) {
        long start = System.nanoTime();
        acquire();
        long slot = System.nanoTime();
        try {
            T result = work.get();
            return new Timed<>(result, (slot - start) / 1e6, (System.nanoTime() - slot) / 1e6);
        } catch (ImageException e) {
            throw new SessionException.UnusablePhoto(e);
        } finally {
            slots.release();
        }
    }

    /**
     * Stops handing out slots (a later upload is {@link SessionException.Overloaded}) and waits, at
     * most the shutdown wait, until every examination in flight has finished: the engine they use
     * is closed after this returns, and closing its models under a running inference crashes the
     * JVM. Called by the container before it closes the engine (this bean depends on it).
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (!slots.tryAcquire(count, shutdownWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} of {} examinations were still running after {}; closing the engine under them",
                        count - slots.availablePermits(), count, shutdownWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            frameWorkers.shutdownNow();
        }
    }
}
