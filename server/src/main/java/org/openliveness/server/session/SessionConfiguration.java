package org.openliveness.server.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.verdict.EnginePhotoExaminer;
import org.openliveness.engine.verdict.PhotoExaminer;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.SingleImageJudge;
import org.openliveness.engine.verdict.VerdictThresholds;
import org.openliveness.server.RetentionJob;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.erasure.PersonalData;
import org.openliveness.server.ratelimit.RateLimitProperties;
import org.openliveness.server.replay.ReplayFingerprints;
import org.openliveness.server.replay.ReplayProperties;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.storage.SealedData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SessionProperties.class, EngineProperties.class})
class SessionConfiguration {

    /**
     * The engine with the bundled models (or the operator's own presentation-attack model,
     * {@code openliveness.engine.pad-descriptor}), one per service instance, shared by all requests;
     * loaded since the context was created ({@link EngineLoading}).
     */
    @Bean(destroyMethod = "close")
    FaceEngine faceEngine(EngineLoading loading) {
        return loading.takeEngine();
    }

    /**
     * The verdict thresholds: {@link VerdictThresholds#DEFAULTS}, each overridable as
     * {@code openliveness.verdict.<kebab-case-name>} (for example {@code openliveness.verdict.same-identity}).
     * The record validates the result; a bad value stops the service at start with the field's name.
     */
    @Bean
    VerdictThresholds verdictThresholds(Environment env) throws ReflectiveOperationException {
        RecordComponent[] components = VerdictThresholds.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object fallback = c.getAccessor().invoke(VerdictThresholds.DEFAULTS);
            String key = "openliveness.verdict." + kebab(c.getName());
            values[i] = c.getType() == int.class
                    ? env.getProperty(key, Integer.class, (Integer) fallback)
                    : env.getProperty(key, Double.class, (Double) fallback);
        }
        try {
            return VerdictThresholds.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("invalid openliveness.verdict settings: " + e.getCause().getMessage(), e.getCause());
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Expires abandoned sessions once a minute (their sealed evidence goes with it). */
    @Bean
    SchedulingConfigurer sessionExpirySchedule(LivenessSessions sessions) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(() -> {
            sessions.expireOverdue();
            sessions.purgeFailedAttempts();
            sessions.purgeIdempotencyKeys();
        }, Duration.ofMinutes(1), Duration.ofMinutes(1)));
    }

    /** Every liveness rule, with the operator's thresholds and retry count. */
    @Bean
    SessionJudge sessionJudge(VerdictThresholds thresholds, SessionProperties settings) {
        return new SessionJudge(thresholds, settings.maxRetries());
    }

    /** From uploaded bytes to evidence: the engine's analysis and the judge's usable-face rule. */
    @Bean
    PhotoExaminer photoExaminer(FaceEngine engine, SessionJudge judge) {
        return new EnginePhotoExaminer(engine, judge);
    }

    /**
     * The analysis slots every examination of uploaded photos shares: sessions' photos and bursts,
     * previews, single-image checks and enrolments alike, so at most
     * {@code openliveness.session.analysis-slots} photos are examined at once. Closed before the
     * engine (it depends on it, so the container destroys it first): the close waits, at most
     * {@code openliveness.session.shutdown-wait}, for the examinations in flight.
     */
    @Bean(destroyMethod = "close")
    @DependsOn("faceEngine")
    AnalysisSlots analysisSlots(PhotoExaminer examiner, SessionProperties settings) {
        return new AnalysisSlots(examiner, settings.slots(), settings.analysisWait(), settings.shutdownWait());
    }

    @Bean
    LivenessSessions livenessSessions(JdbcClient jdbc, ObjectMapper json, PhotoStore photos, AuditLog audit, AnalysisSlots slots,
                                      ReplayFingerprints fingerprints, ReplayProperties replay, SessionJudge judge,
                                      SessionProperties settings, Clock clock, RateLimitProperties limits,
                                      PlatformTransactionManager transactionManager) {
        return new LivenessSessions(new SessionRepository(jdbc, json), photos, new SealedEvidence(photos, json), audit,
                slots, fingerprints, replay.window(), judge, settings, clock, new UsageLimits(limits, jdbc, clock),
                new IdempotencyKeys(jdbc, photos, clock), new TransactionTemplate(transactionManager));
    }

    /** Single-image checks (for the API profiles that verify one selfie against a trusted image). */
    @Bean
    SingleImageChecks singleImageChecks(AnalysisSlots slots, SessionJudge judge, PhotoStore photos, ReplayFingerprints fingerprints,
                                        ReplayProperties replay, AuditLog audit, Clock clock) {
        return new SingleImageChecks(slots, new SingleImageJudge(judge), photos, fingerprints, replay.window(),
                judge.thresholds().replayMaxHashDistance(), audit, clock);
    }

    /**
     * Finished sessions (and their photos) are deleted {@code openliveness.session.retention}
     * after creation (default 90 days), checked every {@code openliveness.session.purge-interval} (1 hour).
     */
    @Bean
    SchedulingConfigurer sessionRetentionSchedule(JdbcClient jdbc, ObjectMapper json, Clock clock,
                                                  @Value("${openliveness.session.retention:90d}") Duration retention,
                                                  @Value("${openliveness.session.purge-interval:1h}") Duration interval) {
        if (retention.isNegative() || retention.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("openliveness.session.retention and purge-interval must be positive");
        }
        SessionRepository repository = new SessionRepository(jdbc, json);
        return new RetentionJob("finished sessions", repository::deleteFinishedBefore, retention, clock).every(interval);
    }

    /** In-progress sessions' sealed evidence, re-sealed by a key rotation. */
    @Bean
    SealedData sealedSessionEvidence(JdbcClient jdbc, ObjectMapper json, PhotoStore photos) {
        return new SealedSessionEvidence(jdbc, json, photos);
    }

    /** The session tokens idempotency keys keep, re-sealed by a key rotation. */
    @Bean
    SealedData sealedIdempotencyTokens(JdbcClient jdbc, PhotoStore photos) {
        return new SealedIdempotencyTokens(jdbc, photos);
    }

    /** A user's sessions are erased after their photos. */
    @Bean
    PersonalData livenessSessionData(LivenessSessions sessions) {
        return PersonalData.of("sessions", PersonalData.ORDER_SESSIONS, sessions::eraseUser);
    }
}
