package org.openliveness.server.nativeapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.openliveness.engine.verdict.AttemptHint;
import org.openliveness.engine.verdict.Burst;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Check;
import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.FramePreview;
import org.openliveness.engine.verdict.Measure;
import org.openliveness.server.session.AttemptOutcome;
import org.openliveness.server.session.CaptureMode;
import org.openliveness.server.session.ChallengeStatus;
import org.openliveness.server.session.LivenessSession;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.session.SessionChallenge;
import org.openliveness.server.session.SessionResult;
import org.openliveness.server.session.SessionStatus;

/** The request and response bodies of the native API, and their mapping from the session core's types. */
final class NativeApi {

    private NativeApi() {
    }

    /** The body of a create-session request. */
    record CreateRequest(
            @Schema(description = "your id of the person; required, 1–200 characters") String userId,
            @Schema(description = "2 or 3 (default: the operator's setting)") Integer challengeCount,
            @Schema(description = "challenge types to draw from (default: all the operator enabled); must include a turn")
            List<ChallengeType> challengeTypes,
            @Schema(description = "your reference for this check, echoed back") String externalReference) {
    }

    /** The multipart form of a challenge's answer (described for the OpenAPI document; read as request parts). */
    record ChallengeForm(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the session token from create") String sessionToken,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the id of the challenge answered") String challengeId,
            @Schema(type = "string", format = "binary",
                    description = "one still photo: JPEG, PNG, WebP or HEIC, at most 10 MB (send either photo or frames)") String photo,
            @ArraySchema(schema = @Schema(type = "string", format = "binary"), minItems = 3, maxItems = 15,
                    arraySchema = @Schema(description = "a burst: 3 to 15 JPEG or PNG frames recorded during the movement, in order, "
                            + "each at most 2 MB, after challenge/start")) List<String> frames,
            @Schema(description = "with frames: milliseconds since the client began the challenge (for LIGHT, since the first "
                    + "colour was shown), one per frame, increasing, comma-separated, e.g. 0,100,200; without them the "
                    + "continuity check cannot count", example = "0,100,200,300") String frameTimes) {
    }

    /** The body of a challenge start. */
    record StartRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the session token from create") String sessionToken,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the challenge about to be shown") String challengeId) {
    }

    /** The body of a progress read. */
    record ProgressRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the session token from create") String sessionToken) {
    }

    /** The colours a LIGHT challenge shows, full-screen, one after another, from the moment the client begins. */
    record Light(
            @Schema(description = "3 to 5 colours, #rrggbb") List<String> colours,
            @Schema(description = "how long to show each colour, milliseconds") int colourMs) {
    }

    /** The reply to a challenge start: what the client needs to record the challenge's burst. */
    record StartedChallenge(
            String challengeId,
            ChallengeType type,
            String instruction,
            Instant startedAt,
            @Schema(description = "the frames must arrive before this time (server clock)") Instant burstDeadline,
            int minFrames,
            int maxFrames,
            @Schema(description = "largest frame, bytes") long maxFrameBytes,
            @Schema(description = "for LIGHT: the colour sequence to show; null otherwise") Light light) {

        static StartedChallenge of(LivenessSessions.Started s) {
            return new StartedChallenge(s.challenge().id(), s.challenge().type(), s.challenge().instruction(), s.startedAt(),
                    s.deadline(), Burst.MIN_FRAMES, Burst.MAX_FRAMES, MAX_FRAME_BYTES,
                    s.light() == null ? null : new Light(s.light().colours(), s.light().colourMs()));
        }
    }

    /** The multipart form of a preview frame (described for the OpenAPI document). */
    record PreviewForm(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the session token from create") String sessionToken,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", format = "binary",
                    description = "a small JPEG or PNG frame (about 320×240), at most 512 kB") String frame) {
    }

    /** A face box in frame pixels, origin top-left. */
    record FaceBox(double x, double y, double width, double height) {
    }

    /** Guidance for a preview frame: where the face is and what the person should change. */
    record Preview(
            int width,
            int height,
            @Schema(description = "faces found") int faces,
            @Schema(description = "the largest face, null without one") FaceBox box,
            @Schema(description = "what to change, most important first; OK alone when nothing") List<FramePreview.Hint> hints) {

        static Preview of(FramePreview p) {
            return new Preview(p.width(), p.height(), p.faces(),
                    p.box() == null ? null : new FaceBox(p.box().x(), p.box().y(), p.box().width(), p.box().height()), p.hints());
        }
    }

    /** Largest preview frame. */
    static final long MAX_PREVIEW_BYTES = 512L * 1024;

    /** Largest frame of a burst. */
    static final long MAX_FRAME_BYTES = 2L * 1024 * 1024;

    /** The multipart form of a reference selfie (described for the OpenAPI document; read as request parts). */
    record ReferenceForm(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the session token from create") String sessionToken,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", format = "binary",
                    description = "a clear, front-facing selfie: JPEG, PNG, WebP or HEIC, at most 10 MB") String selfie) {
    }

    /** A challenge as the capture client shows it. */
    record ChallengePrompt(String id, ChallengeType type, String instruction) {
    }

    /** The reply to create: the token is shown here only. */
    record CreatedSession(
            String id,
            @Schema(description = "authorises the capture calls of this session only; shown once") String sessionToken,
            Instant expiresAt,
            List<ChallengePrompt> challenges,
            String instructions) {

        static CreatedSession of(LivenessSessions.Created created, String instructions) {
            LivenessSession s = created.session();
            return new CreatedSession(s.id(), created.token(), s.expiresAt(),
                    s.challenges().stream().map(c -> new ChallengePrompt(c.id(), c.type(), c.instruction())).toList(), instructions);
        }
    }

    /** How a challenge's latest attempt was judged (present once it has one). */
    record Attempt(
            boolean met,
            @Schema(description = "why not met: CHALLENGE_NOT_MET, a photo problem such as NO_FACE, or REPLAYED_IMAGE")
            FailureReason failureReason,
            @Schema(description = "what was measured", implementation = Measure.class) Measure measure,
            Double value,
            Double threshold,
            @Schema(description = "the same measure on the session's other photos, null without any") Double baseline,
            String detail) {

        static Attempt of(AttemptOutcome o) {
            return o == null ? null
                    : new Attempt(o.met(), o.failureReason(), o.measure(), o.value(), o.threshold(), o.baseline(), o.detail());
        }
    }

    /** A challenge of a session and where it stands. */
    record ChallengeState(String id, ChallengeType type, String instruction, ChallengeStatus status, int attempts,
                          @Schema(description = "how the accepted answer came: a still PHOTO or a BURST of frames; null before one")
                          CaptureMode captureMode,
                          @JsonUnwrapped Attempt attempt) {

        static ChallengeState of(SessionChallenge c) {
            return new ChallengeState(c.id(), c.type(), c.instruction(), c.status(), c.attempts(), c.captureMode(),
                    Attempt.of(c.outcome()));
        }
    }

    /** One check of the verdict. */
    record CheckView(
            @Schema(description = "replay, planarity, continuity, lightResponse, challenges, identity, passiveAntiSpoof or faceMatch")
            Check check,
            CheckResult.Status status,
            @Schema(description = "margin score 0..1, 0.5 at the threshold; null when not applicable") Double score,
            String detail) {
    }

    /** The verdict. */
    record Result(
            @JsonProperty("isAlive") boolean alive,
            @Schema(description = "the weakest check's score, 0..1") double confidence,
            @Schema(description = "the weakest score of the presentation-attack checks that vote") double antiSpoofScore,
            @Schema(description = "similarity to the reference selfie, null without one") Double faceMatchScore,
            FailureReason failureReason,
            String failureDetail,
            List<CheckView> checks,
            @Schema(description = "BURST when every challenge was answered by a burst of frames, else PHOTO") CaptureMode captureMode) {

        static Result of(SessionResult r) {
            return r == null ? null : new Result(r.alive(), r.confidence(), r.antiSpoofScore(), r.faceMatchScore(),
                    r.failureReason(), r.failureDetail(),
                    r.checks().stream().map(c -> new CheckView(c.check(), c.status(), c.score(), c.detail())).toList(),
                    r.captureMode());
        }
    }

    /**
     * A challenge as a capture reply shows it: where it stands, why the last attempt failed (its
     * category) and what to do — never measured values, thresholds or details.
     */
    record CaptureChallenge(String id, ChallengeType type, String instruction, ChallengeStatus status, int attempts,
                            CaptureMode captureMode, Boolean met,
                            @Schema(description = "why the last attempt did not meet the challenge (a category), or null")
                            FailureReason failureReason,
                            @Schema(description = "what the person should do next, or null when met") AttemptHint hint) {

        static CaptureChallenge of(SessionChallenge c) {
            AttemptOutcome o = c.outcome();
            FailureReason reason = o == null ? null : o.failureReason();
            return new CaptureChallenge(c.id(), c.type(), c.instruction(), c.status(), c.attempts(), c.captureMode(),
                    o == null ? null : o.met(), reason, o == null || o.met() ? null : AttemptHint.of(c.type(), reason));
        }
    }

    /** The verdict as a capture reply shows it: whether a live person was judged present, and the failure's category. */
    record CaptureResult(@JsonProperty("isAlive") boolean alive, FailureReason failureReason, CaptureMode captureMode) {

        static CaptureResult of(SessionResult r) {
            return r == null ? null : new CaptureResult(r.alive(), r.failureReason(), r.captureMode());
        }
    }

    /**
     * The reply to a capture call: the session's progress, the challenge just answered, and once
     * complete whether a live person was judged present. Coarse only: the measured values, scores
     * and details are the backend's ({@link SessionDetail}, with its API key).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CaptureReply(
            String id,
            String sessionToken,
            SessionStatus status,
            long challengesCompleted,
            int challengesTotal,
            boolean isComplete,
            @Schema(description = "the challenge this photo answered (absent for the reference selfie)") CaptureChallenge challenge,
            @Schema(description = "the verdict, once complete: isAlive and the failure's category") CaptureResult result,
            @Schema(description = "what to do next, while in progress") String nextStep) {

        static CaptureReply of(LivenessSessions.Capture capture) {
            LivenessSession s = capture.session();
            boolean complete = s.status().isFinal();
            long remaining = s.challengesTotal() - s.challengesCompleted();
            return new CaptureReply(s.id(), capture.token(), s.status(), s.challengesCompleted(), s.challengesTotal(), complete,
                    capture.challenge() == null ? null : CaptureChallenge.of(capture.challenge()),
                    complete ? CaptureResult.of(s.result().orElse(null)) : null,
                    complete ? null : "Submit photo for remaining " + remaining + " challenge(s)");
        }
    }

    /** A session as the integrating backend reads it. */
    record SessionDetail(
            String id,
            String userId,
            String externalReference,
            SessionStatus status,
            Instant createdAt,
            Instant expiresAt,
            Instant completedAt,
            long challengesCompleted,
            int challengesTotal,
            List<ChallengeState> challenges,
            @Schema(description = "whether a reference selfie was given") boolean referenceSelfie,
            @Schema(description = "the verdict, null while in progress") Result result) {

        static SessionDetail of(LivenessSession s) {
            return new SessionDetail(s.id(), s.userId(), s.externalReference(), s.status(), s.createdAt(), s.expiresAt(),
                    s.completedAt(), s.challengesCompleted(), s.challengesTotal(),
                    s.challenges().stream().map(ChallengeState::of).toList(), s.hasReference(), Result.of(s.result().orElse(null)));
        }
    }

    /** A challenge as the capture client sees it: what to do and where it stands, never measured values. */
    record ChallengeProgress(String id, ChallengeType type, String instruction, ChallengeStatus status, int attempts) {
    }

    /** The capture client's view of its session: progress only; the verdict's details are the backend's. */
    record SessionProgress(
            SessionStatus status,
            boolean isComplete,
            long challengesCompleted,
            int challengesTotal,
            List<ChallengeProgress> challenges,
            @Schema(description = "once complete: whether a live person was judged present") Boolean isAlive,
            Instant expiresAt) {

        static SessionProgress of(LivenessSession s) {
            return new SessionProgress(s.status(), s.status().isFinal(), s.challengesCompleted(), s.challengesTotal(),
                    s.challenges().stream().map(c -> new ChallengeProgress(c.id(), c.type(), c.instruction(), c.status(), c.attempts()))
                            .toList(),
                    s.result().map(SessionResult::alive).orElse(null), s.expiresAt());
        }
    }

    /** A page of a user's sessions, newest first. */
    record SessionPage(String userId, int page, int limit, long total, List<SessionDetail> items) {
    }
}
