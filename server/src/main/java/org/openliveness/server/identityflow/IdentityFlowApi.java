package org.openliveness.server.identityflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Check;
import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.server.session.CaptureMode;
import org.openliveness.server.session.ChallengeStatus;
import org.openliveness.server.session.LivenessSession;
import org.openliveness.server.session.SessionResult;
import org.openliveness.server.session.SessionStatus;

/**
 * The identity-flow profile's request and response bodies (seed 000 names
 * {@code LivenessInitResponse}, {@code LivenessVerifyResponse} and
 * {@code LivenessVerificationResponse}; their fields are this service's choice, see
 * docs/PROFILES.md), mapped from the session core's types.
 */
final class IdentityFlowApi {

    private IdentityFlowApi() {
    }

    /** The body of a flow-session creation. */
    record FlowSessionRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "your id of the person; 1–200 characters")
            String userId,
            @Schema(description = "your reference for this flow, carried to each liveness session") String externalReference,
            @Schema(description = "challenges per liveness step, 2 or 3 (default: the operator's setting)") Integer challengeCount,
            @Schema(description = "challenge types each step draws from (default: all the operator enabled); must include a turn")
            List<ChallengeType> challengeTypes) {
    }

    /** A new flow session: send {@code sessionId} as {@code Session-Id} and {@code clientId} as {@code Client-Id}. */
    record FlowSession(
            @Schema(description = "the Session-Id header of the liveness calls; shown once") String sessionId,
            @Schema(description = "the Client-Id header of the liveness calls: your tenant's name (not a secret)") String clientId,
            String userId,
            String externalReference,
            @Schema(description = "challenges per liveness step; null for the operator's setting") Integer challengeCount,
            @Schema(description = "the types each step draws from; null for all the operator enabled") List<ChallengeType> challengeTypes,
            Instant createdAt,
            @Schema(description = "after this, no new liveness step starts; results stay readable") Instant expiresAt) {

        static FlowSession of(IdentityFlows.Opened opened, String clientId) {
            IdentityFlows.Flow f = opened.flow();
            return new FlowSession(opened.sessionId(), clientId, f.userId(), f.externalReference(), f.challengeCount(),
                    f.challengeTypes(), f.createdAt(), f.expiresAt());
        }
    }

    /** A challenge of the step's liveness session, as the capture component shows it. */
    record FlowChallenge(String id, ChallengeType type, String instruction) {
    }

    /** The reply to liveness init. */
    record LivenessInitResponse(
            @JsonProperty("step_id") @Schema(description = "the step_id of the request") String stepId,
            @Schema(description = "the liveness session of this step (the native API's session id)") String livenessSessionId,
            @Schema(description = "IN_PROGRESS while the capture may run; COMPLETED once judged (call verify)") SessionStatus status,
            @Schema(description = "true when this call created the liveness session, false when it returned the step's existing one")
            boolean created,
            @Schema(description = "while IN_PROGRESS: the capture token for the capture component (the native capture calls); "
                    + "null after") String captureToken,
            @Schema(description = "when the capture must be finished") Instant expiresAt,
            List<FlowChallenge> challenges) {

        static LivenessInitResponse of(IdentityFlows.Step step) {
            LivenessSession s = step.session();
            return new LivenessInitResponse(step.stepId(), s.id(), s.status(), step.created(), step.captureToken(), s.expiresAt(),
                    s.challenges().stream().map(c -> new FlowChallenge(c.id(), c.type(), c.instruction())).toList());
        }
    }

    /** The reply to liveness verify: the step's verdict, as the session core reached it. */
    record LivenessVerifyResponse(
            @JsonProperty("step_id") String stepId,
            String livenessSessionId,
            @Schema(description = "COMPLETED (judged) or EXPIRED (not every challenge answered in time)") SessionStatus status,
            @JsonProperty("isAlive") @Schema(description = "whether a live person was judged present") boolean alive,
            @Schema(description = "the weakest check's score, 0..1") double confidence,
            @Schema(description = "similarity to the reference selfie, null without one") Double faceMatchScore,
            @Schema(description = "why not alive (or FACE_MISMATCH), null when alive and matched") FailureReason failureReason,
            String failureDetail,
            @Schema(description = "when verify first answered for this step") Instant verifiedAt) {

        static LivenessVerifyResponse of(IdentityFlows.Step step) {
            LivenessSession s = step.session();
            SessionResult r = s.result().orElseThrow(() -> new IllegalStateException("a final session has a result"));
            return new LivenessVerifyResponse(step.stepId(), s.id(), s.status(), r.alive(), r.confidence(), r.faceMatchScore(),
                    r.failureReason(), r.failureDetail(), step.verifiedAt());
        }
    }

    /** A challenge of the step and where it stands. */
    record FlowChallengeDetail(String id, ChallengeType type, String instruction, ChallengeStatus status, int attempts,
                           @Schema(description = "PHOTO or BURST once answered, else null") CaptureMode captureMode) {
    }

    /** One check of the verdict. */
    record FlowCheck(Check check, CheckResult.Status status,
                       @Schema(description = "margin score 0..1, 0.5 at the threshold; null when not applicable") Double score,
                       String detail) {
    }

    /** The verdict in full. */
    record FlowVerdict(
            @JsonProperty("isAlive") boolean alive,
            double confidence,
            @Schema(description = "the weakest score of the presentation-attack checks that vote") double antiSpoofScore,
            Double faceMatchScore,
            FailureReason failureReason,
            String failureDetail,
            List<FlowCheck> checks,
            @Schema(description = "BURST when every challenge was answered by a burst of frames, else PHOTO") CaptureMode captureMode) {

        static FlowVerdict of(SessionResult r) {
            return r == null ? null : new FlowVerdict(r.alive(), r.confidence(), r.antiSpoofScore(), r.faceMatchScore(),
                    r.failureReason(), r.failureDetail(),
                    r.checks().stream().map(c -> new FlowCheck(c.check(), c.status(), c.score(), c.detail())).toList(),
                    r.captureMode());
        }
    }

    /** The reply to liveness details: everything about the step's verification. */
    record LivenessVerificationResponse(
            @JsonProperty("step_id") String stepId,
            String livenessSessionId,
            String userId,
            String externalReference,
            SessionStatus status,
            @Schema(description = "when the step's liveness session was created") Instant createdAt,
            Instant expiresAt,
            @Schema(description = "when the verdict was reached or the session expired, null before") Instant completedAt,
            @Schema(description = "when verify first answered, null before") Instant verifiedAt,
            long challengesCompleted,
            int challengesTotal,
            List<FlowChallengeDetail> challenges,
            @Schema(description = "whether a reference selfie was given") boolean referenceSelfie,
            @Schema(description = "the verdict, null while in progress") FlowVerdict result) {

        static LivenessVerificationResponse of(IdentityFlows.Step step) {
            LivenessSession s = step.session();
            return new LivenessVerificationResponse(step.stepId(), s.id(), s.userId(), s.externalReference(), s.status(),
                    s.createdAt(), s.expiresAt(), s.completedAt(), step.verifiedAt(), s.challengesCompleted(), s.challengesTotal(),
                    s.challenges().stream().map(c -> new FlowChallengeDetail(c.id(), c.type(), c.instruction(), c.status(), c.attempts(),
                            c.captureMode())).toList(),
                    s.hasReference(), FlowVerdict.of(s.result().orElse(null)));
        }
    }

    /**
     * Every error of the profile: the HTTP status again, a stable code, and a message for people.
     * The seed's SDK hands this body to the caller as {@code ApiError.result}.
     */
    record FlowError(int status, String code, String message) {
    }
}
