package org.openliveness.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.openliveness.engine.verdict.CannedEvidence;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.FramePreview;
import org.openliveness.engine.verdict.PhotoExaminer;
import org.openliveness.server.OpenLivenessServer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A {@link PhotoExaminer} that a test can hold inside an examination: every photo examines as a
 * usable frontal face, and it counts how many examinations ran at once. {@link #holdNext} makes
 * the next examination wait (a test then knows it is in flight) until its gate opens or its bound
 * passes. {@link #replacing()} puts it in place of a server's {@code photoExaminer} bean (the
 * engine is still created, and closed, as in production).
 */
public final class HoldingExaminer implements PhotoExaminer {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final BlockingQueue<Hold> holds = new LinkedBlockingQueue<>();
    private volatile Consumer<String> events = e -> { };

    /** A held examination: {@code entered} opens once it is in flight. */
    public record Hold(CountDownLatch entered, CountDownLatch gate, Duration atMost) {
    }

    /** The next examination waits, once in flight, until {@code gate} opens or {@code atMost} passes. */
    public Hold holdNext(CountDownLatch gate, Duration atMost) {
        Hold hold = new Hold(new CountDownLatch(1), gate, atMost);
        holds.add(hold);
        return hold;
    }

    /** Where "examination finished" is reported (in the examining thread, before it returns). */
    public void reportTo(Consumer<String> events) {
        this.events = events;
    }

    /** The most examinations that were ever in flight at the same time. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public Examination examine(byte[] photo) {
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Hold hold = holds.poll();
            if (hold != null) {
                hold.entered.countDown();
                try {
                    hold.gate.await(hold.atMost.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            events.accept("examination finished");
            return Examination.usable(CannedEvidence.shot().evidence());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public FramePreview preview(byte[] frame) {
        return new FramePreview(640, 480, 0, null, List.of(FramePreview.Hint.NO_FACE));
    }

    /**
     * A whole server (127.0.0.1, random ports, a fresh data directory under {@code target/}) whose
     * photo examiner is this one, with {@code settings} ({@code --name=value}) added.
     */
    public ConfigurableApplicationContext startServer(String... settings) throws IOException {
        return startServer(List.of(), settings);
    }

    /** {@link #startServer(String...)}, with {@code postProcessors} watching the server's beans from the start. */
    public ConfigurableApplicationContext startServer(List<BeanPostProcessor> postProcessors, String... settings) throws IOException {
        Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        Path dataDir = Files.createTempDirectory(base, "held-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--management.server.port=0", "--openliveness.data-dir=" + dataDir));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(OpenLivenessServer.class).main(OpenLivenessServer.class)
                .initializers(context -> {
                    context.getBeanFactory().addBeanPostProcessor(replacing());
                    postProcessors.forEach(context.getBeanFactory()::addBeanPostProcessor);
                })
                .run(args.toArray(String[]::new));
    }

    /** A post-processor that hands out this examiner for the server's {@code photoExaminer} bean. */
    public BeanPostProcessor replacing() {
        HoldingExaminer self = this;
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return beanName.equals("photoExaminer") ? self : bean;
            }
        };
    }
}
