package org.openliveness.server.identityflow;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.server.Sha256;
import org.openliveness.server.session.LivenessSession;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.session.SessionStatus;
import org.openliveness.server.storage.PhotoStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Identity flows: a flow session for one user, opened by the integrating backend, whose liveness
 * steps are liveness sessions of the core. Keeps only the link (flow, step id → liveness session,
 * the capture token sealed while the capture may still run, when the step was verified); every
 * verdict is the core's. Refusals are {@link IdentityFlowException}s and the core's
 * {@link org.openliveness.server.session.SessionException}s.
 */
final class IdentityFlows {

    /** How a Session-Id starts. */
    static final String SESSION_PREFIX = "ifs_";
    /** What a {@code step_id} may be: 1 to 64 letters, digits, {@code . _ : -}. */
    static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final JdbcClient jdbc;
    private final LivenessSessions sessions;
    private final PhotoStore store;
    private final IdentityFlowProperties settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    IdentityFlows(JdbcClient jdbc, LivenessSessions sessions, PhotoStore store, IdentityFlowProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** A flow session as stored. */
    record Flow(String id, String tenantId, String userId, String externalReference, Integer challengeCount,
                List<ChallengeType> challengeTypes, Instant createdAt, Instant expiresAt) {
    }

    /** A new flow session and its Session-Id (shown once; only its hash is stored). */
    record Opened(Flow flow, String sessionId) {
    }

    /**
     * A liveness step and its liveness session.
     *
     * @param captureToken the liveness session's capture token while it is in progress, else null
     * @param created      whether this call created the liveness session
     * @param verifiedAt   when verify first answered for it, or null
     */
    record Step(String stepId, LivenessSession session, String captureToken, boolean created, Instant createdAt,
                Instant verifiedAt) {
    }

    private record Row(String flowId, String stepId, String livenessSessionId, String captureToken, Instant createdAt,
                       Instant verifiedAt) {
    }

    /**
     * Opens a flow session for {@code userId} of the tenant.
     *
     * @param challengeCount 2 or 3 challenges per liveness step, or null for the core's default
     * @param challengeTypes the types each step draws from, or null for all the operator enabled
     */
    Opened open(String tenantId, String userId, String externalReference, Integer challengeCount,
                List<ChallengeType> challengeTypes) {
        if (userId == null || userId.isBlank() || userId.length() > PhotoStore.MAX_USER_ID_LENGTH) {
            throw new IdentityFlowException.InvalidRequest("userId is required (1 to " + PhotoStore.MAX_USER_ID_LENGTH + " characters)");
        }
        if (externalReference != null && externalReference.length() > LivenessSessions.MAX_EXTERNAL_REFERENCE_LENGTH) {
            throw new IdentityFlowException.InvalidRequest("externalReference may have at most "
                    + LivenessSessions.MAX_EXTERNAL_REFERENCE_LENGTH + " characters");
        }
        // The core checks the challenge choice when it creates a step's liveness session (a bad one: 400 at init).
        List<ChallengeType> types = challengeTypes == null || challengeTypes.isEmpty() ? null : List.copyOf(challengeTypes);
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String sessionId = SESSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = now();
        Flow flow = new Flow(UUID.randomUUID().toString(), tenantId, userId, externalReference, challengeCount, types, now,
                now.plus(settings.sessionTtl()));
        jdbc.sql("""
                        INSERT INTO identity_flow_session (id, tenant_id, session_hash, user_id, external_reference, challenge_count,
                                                           challenge_types, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(flow.id(), tenantId, Sha256.hex(sessionId), userId, externalReference, challengeCount,
                        types == null ? null : types.stream().map(Enum::name).collect(Collectors.joining(",")),
                        time(flow.createdAt()), time(flow.expiresAt()))
                .update();
        return new Opened(flow, sessionId);
    }

    /**
     * The liveness session of a step, created if the step has none (or only an expired one). A
     * repeated call returns the same liveness session and capture token while the capture may still
     * run, and the completed session after; a new attempt after a completed one takes a new step id.
     */
    Step init(String tenantId, String sessionId, String stepId) {
        Flow flow = flow(tenantId, sessionId);
        requireStepId(stepId);
        Optional<Row> existing = row(flow.id(), stepId);
        if (existing.isPresent()) {
            LivenessSession s = sessions.get(tenantId, existing.get().livenessSessionId());
            if (s.status() != SessionStatus.EXPIRED) {
                return step(existing.get(), s, false);
            }
        }
        if (!now().isBefore(flow.expiresAt())) {
            throw new IdentityFlowException.SessionExpired(flow.expiresAt());
        }
        if (existing.isEmpty() && countSteps(flow.id()) >= settings.maxLivenessSteps()) {
            throw new IdentityFlowException.TooManySteps(settings.maxLivenessSteps());
        }
        LivenessSessions.Created created = sessions.create(tenantId, flow.userId(), flow.challengeCount(), flow.challengeTypes(),
                flow.externalReference());
        String sealed = seal(flow.id(), stepId, created.session().id(), created.token());
        Instant now = now();
        boolean stored;
        if (existing.isPresent()) {
            stored = jdbc.sql("""
                            UPDATE identity_flow_liveness_step SET liveness_session_id = ?, capture_token = ?, created_at = ?, verified_at = NULL
                            WHERE flow_id = ? AND step_id = ? AND liveness_session_id = ?""")
                    .params(created.session().id(), sealed, time(now), flow.id(), stepId, existing.get().livenessSessionId())
                    .update() == 1;
        } else {
            try {
                jdbc.sql("""
                                INSERT INTO identity_flow_liveness_step (flow_id, step_id, liveness_session_id, capture_token, created_at)
                                VALUES (?, ?, ?, ?, ?)""")
                        .params(flow.id(), stepId, created.session().id(), sealed, time(now))
                        .update();
                stored = true;
            } catch (DuplicateKeyException e) {
                stored = false;
            }
        }
        if (!stored) {
            // A concurrent init of the same step won; its session is the step's (ours expires unused).
            Row winner = row(flow.id(), stepId).orElseThrow(() -> new IdentityFlowException.StepNotFound(stepId));
            return step(winner, sessions.get(tenantId, winner.livenessSessionId()), false);
        }
        return new Step(stepId, created.session(), created.token(), true, now, null);
    }

    /**
     * The step once its capture is over: records when it was first verified and drops the sealed
     * capture token. Works after the flow session expired, until it is deleted.
     */
    Step verify(String tenantId, String sessionId, String stepId) {
        Flow flow = flow(tenantId, sessionId);
        Row row = requireRow(flow, stepId);
        LivenessSession s = sessions.get(tenantId, row.livenessSessionId());
        if (s.status() == SessionStatus.IN_PROGRESS) {
            throw new IdentityFlowException.LivenessInProgress(s.challengesCompleted(), s.challengesTotal(), s.expiresAt());
        }
        jdbc.sql("""
                        UPDATE identity_flow_liveness_step SET verified_at = COALESCE(verified_at, ?), capture_token = NULL
                        WHERE flow_id = ? AND step_id = ? AND liveness_session_id = ?""")
                .params(time(now()), flow.id(), stepId, row.livenessSessionId())
                .update();
        Row after = row(flow.id(), stepId).orElseThrow(() -> new IdentityFlowException.StepNotFound(stepId));
        return step(after, after.livenessSessionId().equals(s.id()) ? s : sessions.get(tenantId, after.livenessSessionId()), false);
    }

    /** The step and its liveness session as they stand; changes nothing. */
    Step details(String tenantId, String sessionId, String stepId) {
        Flow flow = flow(tenantId, sessionId);
        Row row = requireRow(flow, stepId);
        return step(row, sessions.get(tenantId, row.livenessSessionId()), false);
    }

    /** Deletes the tenant's flow sessions of a user (their steps go with them); the number deleted. */
    int eraseUser(String tenantId, String userId) {
        return jdbc.sql("DELETE FROM identity_flow_session WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId).update();
    }

    /** Deletes flow sessions expired for longer than the configured keep time; the number deleted. */
    int deleteExpired() {
        return jdbc.sql("DELETE FROM identity_flow_session WHERE expires_at < ?")
                .params(time(now().minus(settings.keepFor()))).update();
    }

    // ---------------------------------------------------------------------------------------

    private Flow flow(String tenantId, String sessionId) {
        if (sessionId == null || !sessionId.startsWith(SESSION_PREFIX) || sessionId.length() > 100) {
            throw new IdentityFlowException.SessionNotFound();
        }
        return jdbc.sql("""
                        SELECT id, tenant_id, user_id, external_reference, challenge_count, challenge_types, created_at, expires_at
                        FROM identity_flow_session WHERE tenant_id = ? AND session_hash = ?""")
                .params(tenantId, Sha256.hex(sessionId))
                .query((rs, n) -> new Flow(rs.getString("id"), rs.getString("tenant_id"), rs.getString("user_id"),
                        rs.getString("external_reference"), rs.getObject("challenge_count", Integer.class),
                        types(rs.getString("challenge_types")), instant(rs, "created_at"), instant(rs, "expires_at")))
                .optional()
                .orElseThrow(IdentityFlowException.SessionNotFound::new);
    }

    private static void requireStepId(String stepId) {
        if (stepId == null || !STEP_ID.matcher(stepId).matches()) {
            throw new IdentityFlowException.InvalidRequest("step_id must be 1 to 64 letters, digits or . _ : -");
        }
    }

    private Row requireRow(Flow flow, String stepId) {
        requireStepId(stepId);
        return row(flow.id(), stepId).orElseThrow(() -> new IdentityFlowException.StepNotFound(stepId));
    }

    private Optional<Row> row(String flowId, String stepId) {
        return jdbc.sql("""
                        SELECT flow_id, step_id, liveness_session_id, capture_token, created_at, verified_at
                        FROM identity_flow_liveness_step WHERE flow_id = ? AND step_id = ?""")
                .params(flowId, stepId)
                .query((rs, n) -> new Row(rs.getString("flow_id"), rs.getString("step_id"), rs.getString("liveness_session_id"),
                        rs.getString("capture_token"), instant(rs, "created_at"), instant(rs, "verified_at")))
                .optional();
    }

    private int countSteps(String flowId) {
        return jdbc.sql("SELECT COUNT(*) FROM identity_flow_liveness_step WHERE flow_id = ?").params(flowId)
                .query(Integer.class).single();
    }

    private Step step(Row row, LivenessSession s, boolean created) {
        String token = s.status() == SessionStatus.IN_PROGRESS && row.captureToken() != null
                ? unseal(row.flowId(), row.stepId(), row.livenessSessionId(), row.captureToken()) : null;
        return new Step(row.stepId(), s, token, created, row.createdAt(), row.verifiedAt());
    }

    private String seal(String flowId, String stepId, String livenessSessionId, String token) {
        return Base64.getEncoder().encodeToString(
                store.seal(context(flowId, stepId, livenessSessionId), token.getBytes(StandardCharsets.UTF_8)));
    }

    private String unseal(String flowId, String stepId, String livenessSessionId, String sealed) {
        return new String(store.open(context(flowId, stepId, livenessSessionId), Base64.getDecoder().decode(sealed)),
                StandardCharsets.UTF_8);
    }

    /** The sealed token opens only for the step and liveness session it was sealed for. */
    static String context(String flowId, String stepId, String livenessSessionId) {
        return "identity-flow-token:" + flowId + ":" + stepId + ":" + livenessSessionId;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<ChallengeType> types(String stored) {
        return stored == null ? null : Arrays.stream(stored.split(",")).map(ChallengeType::valueOf).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
