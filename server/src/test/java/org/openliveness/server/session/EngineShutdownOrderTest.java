package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openliveness.server.testing.HoldingExaminer;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server closes the engine only after the examinations in flight have finished: closing its
 * ONNX sessions under a running inference crashes the JVM. An examination is held in the examiner
 * while the server shuts down; it stays in flight until the engine's close begins (which, were the
 * order wrong, would come first) or a bound passes, and the order of the two is recorded.
 */
class EngineShutdownOrderTest {

    private static final Duration HELD_AT_MOST = Duration.ofSeconds(3);

    @Test
    void theEngineIsClosedAfterTheExaminationInFlightFinished() throws Exception {
        HoldingExaminer examiner = new HoldingExaminer();
        List<String> events = new CopyOnWriteArrayList<>();
        examiner.reportTo(events::add);
        CountDownLatch engineClosing = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            DestructionAwareBeanPostProcessor engineWatch = new DestructionAwareBeanPostProcessor() {
                @Override
                public void postProcessBeforeDestruction(Object bean, String beanName) {
                    if (beanName.equals("faceEngine")) {
                        events.add("engine closing");
                        engineClosing.countDown();
                    }
                }

                @Override
                public boolean requiresDestruction(Object bean) {
                    return bean instanceof org.openliveness.engine.FaceEngine;
                }
            };
            ConfigurableApplicationContext server = examiner.startServer(List.of(engineWatch), "--openliveness.session.analysis-slots=1");
            AnalysisSlots slots = server.getBean(AnalysisSlots.class);

            HoldingExaminer.Hold hold = examiner.holdNext(engineClosing, HELD_AT_MOST);
            Future<AnalysisSlots.Examined> inFlight = pool.submit(() -> slots.examine(new byte[] {1, 2, 3}));
            assertThat(hold.entered().await(60, TimeUnit.SECONDS)).as("the examination is in flight").isTrue();
            Future<?> shutdown = pool.submit(server::close);

            assertThat(inFlight.get(60, TimeUnit.SECONDS).examination().isUsable()).as("the examination finished normally").isTrue();
            shutdown.get(60, TimeUnit.SECONDS);
            assertThat(events).as("what happened, in order").containsExactly("examination finished", "engine closing");
            assertThatThrownBy(() -> slots.examine(new byte[] {4}))
                    .as("no examination starts once the slots are closed").isInstanceOf(SessionException.Overloaded.class);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A closed slot set refuses at once, and its close waits no longer than the bound when a slot never frees up. */
    @Test
    void closingWaitsAtMostTheShutdownWait() throws Exception {
        HoldingExaminer examiner = new HoldingExaminer();
        AnalysisSlots slots = new AnalysisSlots(examiner, 1, Duration.ofSeconds(10), Duration.ZERO);
        CountDownLatch never = new CountDownLatch(1);
        HoldingExaminer.Hold hold = examiner.holdNext(never, Duration.ofSeconds(60));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<AnalysisSlots.Examined> stuck = pool.submit(() -> slots.examine(new byte[] {1}));
            assertThat(hold.entered().await(60, TimeUnit.SECONDS)).isTrue();
            slots.close(); // returns although the examination still holds its slot
            assertThat(stuck.isDone()).as("the stuck examination is still in flight").isFalse();
            assertThatThrownBy(() -> slots.examine(new byte[] {2})).isInstanceOf(SessionException.Overloaded.class);
        } finally {
            never.countDown();
            pool.shutdownNow();
        }
    }
}
