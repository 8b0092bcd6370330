package org.openliveness.engine.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.quality.Quality;

/**
 * Every liveness rule, once: whether a photo has a usable face, whether a photo performs its
 * challenge, what one upload decides for its session (accepted, retry, or the session ends — a
 * replay, the attempts used up, or every challenge met), and the verdict. The service, the load
 * command and the evaluation all call it. Pure functions of their inputs, the thresholds and the
 * retry count; thread-safe.
 *
 * <p>Challenges are judged relative to the session's other photos where there are any (a turn
 * is a yaw <em>change</em>, so a photo of an already-turned face does not pass on its own):
 * the baseline of a measure is the mean over the challenge photos that were not asked to change
 * it. For two opposite turns with no other photo the baseline is their midpoint. With no other photo yet (the first upload), yaw and pitch are judged from
 * zero and expressions by their absolute value only; the final verdict judges every
 * challenge again with all photos in.
 *
 * <p>The reference selfie is identity evidence only: it is matched against the challenge photos
 * (face match) and checked for repeats, but it never sets a baseline nor takes part in the 3-D
 * (planarity) check. It is supplied by the capture client before any challenge, so an attacker
 * could make it a real face at an angle while every challenge shows a flat print.
 */
public final class SessionJudge {

    /** Retries a challenge allows by default (the service's {@code openliveness.session.max-retries}). */
    public static final int DEFAULT_MAX_RETRIES = 2;

    private final VerdictThresholds t;
    private final int maxRetries;

    /**
     * @param thresholds the calibrated thresholds
     * @param maxRetries failed attempts a challenge may repeat before the session fails (0..10)
     */
    public SessionJudge(VerdictThresholds thresholds, int maxRetries) {
        this.t = Objects.requireNonNull(thresholds, "thresholds");
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must lie in 0..10, got " + maxRetries);
        }
        this.maxRetries = maxRetries;
    }

    public VerdictThresholds thresholds() {
        return t;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /**
     * A score in 0..1 for how far {@code value} lies past {@code threshold} in units of
     * {@code scale}: the logistic of the margin, 0.5 at the threshold. Used as a check's
     * confidence. It orders results by margin; it is not a probability.
     */
    public static double marginScore(double value, double threshold, double scale) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return 1 / (1 + Math.exp(-(value - threshold) / scale));
    }

    /**
     * Whether a photo's faces give one usable face; empty when they do. The largest face is judged
     * (faces come largest first); another face counts only when its size (longer box side) is more than
     * {@code maxBackgroundFaceRatio} of the largest's — two faces of similar size fail with
     * {@link FailureReason#MULTIPLE_FACES}, a much smaller face in the background does not.
     */
    public Optional<PhotoProblem> usable(List<FaceAnalysis> faces) {
        if (faces.isEmpty()) {
            return Optional.of(new PhotoProblem(FailureReason.NO_FACE, "no face found in the photo"));
        }
        long similar = faces.stream().filter(f -> !background(f, faces.get(0))).count();
        if (similar > 1) {
            return Optional.of(new PhotoProblem(FailureReason.MULTIPLE_FACES, String.format(Locale.ROOT,
                    "%d faces of similar size found (the second %.0f%% of the largest); exactly one is needed", similar,
                    100 * faces.get(1).quality().faceSize() / faces.get(0).quality().faceSize())));
        }
        Quality q = faces.get(0).quality();
        if (q.faceSize() < t.minFaceSize()) {
            return Optional.of(new PhotoProblem(FailureReason.FACE_TOO_SMALL,
                    String.format(Locale.ROOT, "face is %.0f px, at least %.0f px needed", q.faceSize(), t.minFaceSize())));
        }
        if (q.brightness() < t.minBrightness() || q.brightness() > t.maxBrightness()) {
            return Optional.of(new PhotoProblem(FailureReason.POOR_QUALITY, String.format(Locale.ROOT,
                    "face brightness %.0f outside %.0f..%.0f", q.brightness(), t.minBrightness(), t.maxBrightness())));
        }
        if (q.sharpness() < t.minSharpness()) {
            return Optional.of(new PhotoProblem(FailureReason.POOR_QUALITY, String.format(Locale.ROOT,
                    "face sharpness %.1f under %.1f (blurred)", q.sharpness(), t.minSharpness())));
        }
        return Optional.empty();
    }

    /**
     * The examination of a photo whose faces the engine found in {@code image}: the judged face's
     * evidence, with a note of the background faces left out, or the problem.
     */
    public Examination examine(RgbImage image, List<FaceAnalysis> faces) {
        Optional<PhotoProblem> problem = usable(faces);
        if (problem.isPresent()) {
            return Examination.unusable(problem.get());
        }
        String note = faces.size() == 1 ? null : String.format(Locale.ROOT,
                "%d smaller face(s) in the background not judged (the largest %.0f%% of the judged face's size)",
                faces.size() - 1, 100 * faces.get(1).quality().faceSize() / faces.get(0).quality().faceSize());
        return Examination.usable(PhotoEvidence.of(image, faces.get(0)), note);
    }

    private boolean background(FaceAnalysis face, FaceAnalysis largest) {
        return face != largest && face.quality().faceSize() <= t.maxBackgroundFaceRatio() * largest.quality().faceSize();
    }

    /** The face's height over the frame's: under this the person should come closer, over the other move back. */
    static final double PREVIEW_MIN_FACE_SHARE = 0.3;
    static final double PREVIEW_MAX_FACE_SHARE = 0.8;
    /** How far the face's centre may lie from the frame's, as a share of the frame's width or height. */
    static final double PREVIEW_MAX_OFF_CENTRE = 0.15;

    /**
     * Guidance for a preview frame of {@code width} × {@code height} in which the engine found
     * {@code faces} (largest first): the usable-face rule's problems in words a person can act on,
     * plus framing (face share of the frame, centring). Guidance only: it decides nothing.
     */
    public FramePreview preview(int width, int height, List<FaceAnalysis> faces) {
        if (faces.isEmpty()) {
            return new FramePreview(width, height, 0, null, List.of(FramePreview.Hint.NO_FACE));
        }
        FaceAnalysis face = faces.get(0);
        List<FramePreview.Hint> hints = new ArrayList<>();
        if (faces.size() > 1) {
            hints.add(FramePreview.Hint.MULTIPLE_FACES);
        }
        double share = face.box().height() / height;
        if (share < PREVIEW_MIN_FACE_SHARE) {
            hints.add(FramePreview.Hint.TOO_FAR);
        } else if (share > PREVIEW_MAX_FACE_SHARE) {
            hints.add(FramePreview.Hint.TOO_CLOSE);
        }
        if (Math.abs(face.box().centerX() - width / 2.0) > PREVIEW_MAX_OFF_CENTRE * width
                || Math.abs(face.box().centerY() - height / 2.0) > PREVIEW_MAX_OFF_CENTRE * height) {
            hints.add(FramePreview.Hint.NOT_CENTRED);
        }
        Quality q = face.quality();
        if (q.brightness() < t.minBrightness()) {
            hints.add(FramePreview.Hint.TOO_DARK);
        } else if (q.brightness() > t.maxBrightness()) {
            hints.add(FramePreview.Hint.TOO_BRIGHT);
        }
        if (q.sharpness() < t.minSharpness()) {
            hints.add(FramePreview.Hint.BLURRED);
        }
        return new FramePreview(width, height, faces.size(), face.box(), hints.isEmpty() ? List.of(FramePreview.Hint.OK) : hints);
    }

    /**
     * Judges the photo {@code photo} answering {@code type}, against the session's other photos.
     *
     * @param others the session's other challenge photos; a photo without a type (a burst's first
     *               frame) counts in every baseline. The session's callers never pass the reference
     *               selfie here (see the class comment).
     */
    public ChallengeOutcome judge(ChallengeType type, PhotoEvidence photo, List<SessionPhoto> others) {
        return switch (type) {
            case TURN_LEFT, TURN_RIGHT -> judgeTurn(type, photo, others);
            case LOOK_UP -> {
                double base = baseline(others, p -> p.type() != ChallengeType.LOOK_UP, PhotoEvidence::pitch);
                double change = photo.pitch() - (Double.isNaN(base) ? 0 : base);
                boolean met = change >= t.lookUpPitchChange();
                yield ChallengeOutcome.measured(type, met, Measure.PITCH_CHANGE, change, t.lookUpPitchChange(), base,
                        marginScore(change, t.lookUpPitchChange(), 3), String.format(Locale.ROOT,
                        "pitch changed by %+.1f°, at least %+.1f° needed", change, t.lookUpPitchChange()));
            }
            case SMILE -> rising(type, Measure.SMILE, photo.smile(), t.smileMin(), t.smileMinIncrease(),
                    baseline(others, p -> p.type() != ChallengeType.SMILE, PhotoEvidence::smile));
            case OPEN_MOUTH -> rising(type, Measure.MOUTH, photo.mouth(), t.mouthMinOpenness(), t.mouthMinIncrease(),
                    baseline(others, p -> p.type() != ChallengeType.OPEN_MOUTH, PhotoEvidence::mouth));
            case BLINK -> {
                double base = baseline(others, p -> p.type() != ChallengeType.BLINK, PhotoEvidence::openerEye);
                double eyes = photo.openerEye();
                boolean closed = eyes <= t.blinkMaxOpenness();
                boolean dropped = Double.isNaN(base) || base - eyes >= t.blinkMinDrop();
                double score = Math.min(marginScore(t.blinkMaxOpenness(), eyes, 0.1),
                        Double.isNaN(base) ? 1 : marginScore(base - eyes, t.blinkMinDrop(), 0.1));
                String detail = String.format(Locale.ROOT, "openness of the more open eye %.2f, at most %.2f needed", eyes, t.blinkMaxOpenness())
                        + (Double.isNaN(base) ? "" : String.format(Locale.ROOT,
                        "; %.2f in the other photos, a drop of at least %.2f needed", base, t.blinkMinDrop()));
                yield ChallengeOutcome.measured(type, closed && dropped, Measure.EYES, eyes, t.blinkMaxOpenness(), base, score, detail);
            }
            case LIGHT -> new ChallengeOutcome(type, false, FailureReason.LIGHT_RESPONSE, Measure.LIGHT_RESPONSE, Double.NaN,
                    t.lightMinResponse(), Double.NaN, 0, "the screen-light challenge is judged on a burst of frames, not a still photo");
        };
    }

    private ChallengeOutcome judgeTurn(ChallengeType type, PhotoEvidence photo, List<SessionPhoto> others) {
        double base = baseline(others, p -> p.type() == null || !p.type().isTurn(), PhotoEvidence::yaw);
        if (Double.isNaN(base)) {
            ChallengeType opposite = type == ChallengeType.TURN_LEFT ? ChallengeType.TURN_RIGHT : ChallengeType.TURN_LEFT;
            double oppositeYaw = baseline(others, p -> p.type() == opposite, PhotoEvidence::yaw);
            if (!Double.isNaN(oppositeYaw)) {
                base = (oppositeYaw + photo.yaw()) / 2;
            }
        }
        double sign = type == ChallengeType.TURN_LEFT ? 1 : -1;
        double change = sign * (photo.yaw() - (Double.isNaN(base) ? 0 : base));
        boolean met = change >= t.turnYawChange();
        String from = Double.isNaN(base) ? "frontal (no other photo yet)" : String.format(Locale.ROOT, "%+.1f° in the other photos", base);
        return ChallengeOutcome.measured(type, met, Measure.YAW_CHANGE, change, t.turnYawChange(), base,
                marginScore(change, t.turnYawChange(), 5), String.format(Locale.ROOT,
                "turned %.1f° %s from %s, at least %.1f° needed", change,
                type == ChallengeType.TURN_LEFT ? "left" : "right", from, t.turnYawChange()));
    }

    private ChallengeOutcome rising(ChallengeType type, Measure measure, double value, double min, double minIncrease, double base) {
        boolean high = value >= min;
        boolean rose = Double.isNaN(base) || value - base >= minIncrease;
        double score = Math.min(marginScore(value, min, 0.1), Double.isNaN(base) ? 1 : marginScore(value - base, minIncrease, 0.1));
        String detail = String.format(Locale.ROOT, "%s %.2f, at least %.2f needed", measure.wireName(), value, min)
                + (Double.isNaN(base) ? "" : String.format(Locale.ROOT,
                "; %.2f in the other photos, a rise of at least %.2f needed", base, minIncrease));
        return ChallengeOutcome.measured(type, high && rose, measure, value, min, base, score, detail);
    }

    private static double baseline(List<SessionPhoto> photos, Predicate<SessionPhoto> use, ToDoubleFunction<PhotoEvidence> measure) {
        return photos.stream().filter(use).mapToDouble(p -> measure.applyAsDouble(p.evidence())).average().orElse(Double.NaN);
    }

    /**
     * What one photo for a challenge decides, in this order: an unusable photo is a failed attempt;
     * a photo that repeats another photo of the session or of a recent session ends the session
     * ({@link FailureReason#REPLAYED_IMAGE}); otherwise the challenge is judged against the session's
     * other accepted photos. A challenge not met after {@code maxRetries} retries ends the session —
     * naming a flat picture or a replay among the accepted photos first, since that is the stronger
     * finding. The photo that meets the last challenge brings the {@link #verdict}.
     *
     * @param session     the session before this photo
     * @param challengeId the challenge the photo answers; it must not be met yet
     * @param photo       what the examiner found in the photo
     * @param recent      fingerprints of photos of the tenant's recent sessions (not this one)
     */
    public UploadJudgement upload(SessionSoFar session, String challengeId, Examination photo, List<Fingerprint> recent) {
        SessionSoFar.Challenge challenge = session.challenge(challengeId);
        if (challenge.isMet()) {
            throw new IllegalArgumentException("challenge " + challengeId + " already has an accepted photo");
        }
        List<SessionPhoto> others = session.photos(challengeId);
        ChallengeOutcome outcome;
        if (!photo.isUsable()) {
            outcome = ChallengeOutcome.refused(challenge.type(), photo.problem().reason(), photo.problem().detail());
        } else {
            SessionPhoto probe = new SessionPhoto(challenge.id(), challenge.type(), photo.evidence());
            Optional<String> repeated = repeats(probe, others, recent);
            if (repeated.isPresent()) {
                String detail = "the photo for " + label(probe) + " repeats " + repeated.get();
                return new UploadJudgement(ChallengeOutcome.refused(challenge.type(), FailureReason.REPLAYED_IMAGE, detail),
                        false, SessionVerdict.failed(FailureReason.REPLAYED_IMAGE, detail));
            }
            outcome = judge(challenge.type(), photo.evidence(), challengePhotos(others)).noted(photo.note());
        }
        return conclude(session, challenge, outcome, photo.isUsable() ? photo.evidence() : null, null, others, recent);
    }

    /**
     * What a burst of frames for a challenge decides, in this order: a frame without a usable face
     * is a failed attempt; a frame that repeats another photo of the session or of a recent session
     * ends the session ({@link FailureReason#REPLAYED_IMAGE}; frames of one burst are not compared
     * with each other); consecutive frames must show the same person ({@link FailureReason#IDENTITY_MISMATCH}),
     * move like a head ({@link FailureReason#DISCONTINUITY}: no pose change faster than
     * {@code maxHeadSpeed}, no turn made in one jump) and, where two frames differ enough in yaw, not
     * move like a flat picture ({@link FailureReason#PLANAR_SURFACE}) — each a failed attempt. Then
     * the challenge: for {@code LIGHT} the face's colour must follow the sequence shown
     * ({@link FailureReason#LIGHT_RESPONSE}); otherwise the frame that goes furthest is the answer,
     * judged as a photo against the session's other photos and the burst's first frame. Retries and
     * the end of the session then go as for a photo ({@link #upload}).
     */
    public UploadJudgement uploadBurst(SessionSoFar session, String challengeId, Burst burst, List<Fingerprint> recent) {
        SessionSoFar.Challenge challenge = session.challenge(challengeId);
        if (challenge.isMet()) {
            throw new IllegalArgumentException("challenge " + challengeId + " already has an accepted photo");
        }
        ChallengeType type = challenge.type();
        List<SessionPhoto> others = session.photos(challengeId);
        int n = burst.frames().size();
        for (int i = 0; i < n; i++) {
            Examination frame = burst.frames().get(i);
            if (!frame.isUsable()) {
                return conclude(session, challenge, ChallengeOutcome.refused(type, frame.problem().reason(),
                        "frame " + (i + 1) + " of " + n + ": " + frame.problem().detail()), null, null, others, recent);
            }
        }
        List<PhotoEvidence> frames = burst.frames().stream().map(Examination::evidence).toList();
        for (int i = 0; i < n; i++) {
            SessionPhoto probe = new SessionPhoto(challenge.id(), type, frames.get(i));
            Optional<String> repeated = repeats(probe, others, recent);
            if (repeated.isPresent()) {
                String detail = "frame " + (i + 1) + " of the burst for " + label(probe) + " repeats " + repeated.get();
                return new UploadJudgement(ChallengeOutcome.refused(type, FailureReason.REPLAYED_IMAGE, detail),
                        false, SessionVerdict.failed(FailureReason.REPLAYED_IMAGE, detail));
            }
        }
        for (int i = 0; i + 1 < n; i++) {
            double s = frames.get(i).embedding().similarity(frames.get(i + 1).embedding());
            if (s < t.sameIdentity()) {
                return conclude(session, challenge, ChallengeOutcome.refused(type, FailureReason.IDENTITY_MISMATCH,
                        String.format(Locale.ROOT, "frames %d and %d show different people: similarity %.3f, at least %.3f needed",
                                i + 1, i + 2, s, t.sameIdentity())), null, null, others, recent);
            }
        }
        CheckResult continuity = continuity(type, frames, burst);
        if (continuity.failed()) {
            return conclude(session, challenge, ChallengeOutcome.refused(type, FailureReason.DISCONTINUITY, continuity.detail()),
                    null, null, others, recent);
        }
        double[] flat = burstPlanarity(frames);
        if (!Double.isNaN(flat[0]) && flat[0] <= t.planarMaxResidual()) {
            return conclude(session, challenge, ChallengeOutcome.refused(type, FailureReason.PLANAR_SURFACE, String.format(Locale.ROOT,
                    "frames %d and %d move like one homography: residual %.3f, flat at or under %.3f",
                    (int) flat[1] + 1, (int) flat[2] + 1, flat[0], t.planarMaxResidual())), null, null, others, recent);
        }
        ChallengeOutcome outcome;
        int answer;
        CheckResult light = null;
        if (type == ChallengeType.LIGHT) {
            light = lightResponse(frames, burst);
            answer = n / 2;
            outcome = lightOutcome(light, burst.light() != null && burst.timed() ? lightCorrelation(frames, burst) : Double.NaN);
        } else {
            answer = furthest(type, frames);
            // The burst's first frame always counts as a baseline: a burst must show the movement, so a
            // photo of an already-turned (or smiling) face held still measures no change.
            List<SessionPhoto> baseline = new ArrayList<>(challengePhotos(others));
            baseline.add(new SessionPhoto("frame 1", null, frames.get(0)));
            outcome = judge(type, frames.get(answer), baseline);
        }
        BurstSummary summary = new BurstSummary(n, answer, continuity, light, flat[0]);
        return conclude(session, challenge, outcome, frames.get(answer), summary, others, recent);
    }

    /**
     * The common end of an upload: an accepted answer, the verdict when it was the last challenge,
     * a retry, or the end of the session when the attempts are used up (naming a flat picture or a
     * replay among the accepted photos first, the stronger finding).
     */
    private UploadJudgement conclude(SessionSoFar session, SessionSoFar.Challenge challenge, ChallengeOutcome outcome,
                                     PhotoEvidence answer, BurstSummary burst, List<SessionPhoto> others, List<Fingerprint> recent) {
        if (outcome.met()) {
            boolean last = session.challenges().stream().allMatch(c -> c.isMet() || c.id().equals(challenge.id()));
            if (!last) {
                return new UploadJudgement(outcome, true, null, burst);
            }
            List<SessionPhoto> all = new ArrayList<>(others);
            all.add(new SessionPhoto(challenge.id(), challenge.type(), answer, burst));
            return new UploadJudgement(outcome, true, verdict(all, recent), burst);
        }
        int attempts = challenge.attempts() + 1;
        if (attempts <= maxRetries) {
            return new UploadJudgement(outcome, false, null, burst);
        }
        String notMet = challenge.type() + " (" + challenge.id() + ") not met after " + attempts + " attempt(s): " + outcome.detail();
        Optional<CheckResult> attack = presentationAttack(others, recent);
        SessionVerdict ended = attack.isPresent()
                ? SessionVerdict.failed(attack.get().check().failureReason(), attack.get().detail() + "; and " + notMet)
                : SessionVerdict.failed(outcome.failureReason(), notMet);
        return new UploadJudgement(outcome, false, ended, burst);
    }

    private ChallengeOutcome lightOutcome(CheckResult light, double correlation) {
        boolean met = light.status() == CheckResult.Status.PASS;
        return new ChallengeOutcome(ChallengeType.LIGHT, met, met ? null : FailureReason.LIGHT_RESPONSE, Measure.LIGHT_RESPONSE,
                correlation, t.lightMinResponse(), Double.NaN, light.score(), light.detail());
    }

    /**
     * The frame of a burst that answers the challenge (the one {@link #uploadBurst} measures): the
     * usable frame going furthest in the challenge's direction, the middle frame for {@code LIGHT}.
     * The service stores that frame's photo alone.
     */
    public int answerFrame(ChallengeType type, List<Examination> frames) {
        if (type == ChallengeType.LIGHT || frames.stream().anyMatch(f -> !f.isUsable())) {
            return type == ChallengeType.LIGHT ? frames.size() / 2 : 0;
        }
        return furthest(type, frames.stream().map(Examination::evidence).toList());
    }

    /**
     * Whether the rules of a burst for {@code type} read the smile score of every frame (to find the
     * answer frame), or only the answer frame's.
     */
    static boolean readsSmileOnEveryFrame(ChallengeType type) {
        return type == ChallengeType.SMILE;
    }

    /** The frame whose measure goes furthest in the challenge's direction. */
    private static int furthest(ChallengeType type, List<PhotoEvidence> frames) {
        ToDoubleFunction<PhotoEvidence> towards = switch (type) {
            case TURN_LEFT -> PhotoEvidence::yaw;
            case TURN_RIGHT -> e -> -e.yaw();
            case LOOK_UP -> PhotoEvidence::pitch;
            case SMILE -> PhotoEvidence::smile;
            case OPEN_MOUTH -> PhotoEvidence::mouth;
            case BLINK -> e -> -e.openerEye();
            case LIGHT -> e -> 0;
        };
        int best = 0;
        for (int i = 1; i < frames.size(); i++) {
            if (towards.applyAsDouble(frames.get(i)) > towards.applyAsDouble(frames.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Whether a burst's frames move like a head: between two consecutive frames the yaw and the
     * pitch change no faster than {@code maxHeadSpeed}; and a turn's (or look-up's) movement from the
     * first frame to its furthest is not made in one step carrying more than {@code maxStepShare}
     * of it. Needs the frame times: without them, not applicable.
     */
    private CheckResult continuity(ChallengeType type, List<PhotoEvidence> frames, Burst burst) {
        if (!burst.timed()) {
            return new CheckResult(Check.CONTINUITY, CheckResult.Status.NOT_APPLICABLE, Double.NaN,
                    "the client sent no frame times, so the movement's speed was not measured");
        }
        double fastest = 0;
        int at = 0;
        for (int i = 0; i + 1 < frames.size(); i++) {
            double seconds = (burst.timeMs(i + 1) - burst.timeMs(i)) / 1000.0;
            double change = Math.max(Math.abs(frames.get(i + 1).yaw() - frames.get(i).yaw()),
                    Math.abs(frames.get(i + 1).pitch() - frames.get(i).pitch()));
            double speed = change / seconds;
            if (speed > fastest) {
                fastest = speed;
                at = i;
            }
        }
        double speedScore = marginScore(t.maxHeadSpeed() - fastest, 0, t.maxHeadSpeed() / 10);
        if (fastest > t.maxHeadSpeed()) {
            return new CheckResult(Check.CONTINUITY, CheckResult.Status.FAIL, speedScore, String.format(Locale.ROOT,
                    "between frames %d and %d the head turned at %.0f°/s; a head turns at most %.0f°/s (a cut or a swapped picture)",
                    at + 1, at + 2, fastest, t.maxHeadSpeed()));
        }
        ToDoubleFunction<PhotoEvidence> measure = switch (type) {
            case TURN_LEFT -> PhotoEvidence::yaw;
            case TURN_RIGHT -> e -> -e.yaw();
            case LOOK_UP -> PhotoEvidence::pitch;
            default -> null;
        };
        double shareScore = 1;
        String share = "";
        if (measure != null) {
            int peak = furthest(type, frames);
            double total = measure.applyAsDouble(frames.get(peak)) - measure.applyAsDouble(frames.get(0));
            double threshold = type == ChallengeType.LOOK_UP ? t.lookUpPitchChange() : t.turnYawChange();
            if (total >= threshold / 2) {
                double largest = 0;
                for (int i = 0; i < peak; i++) {
                    largest = Math.max(largest, measure.applyAsDouble(frames.get(i + 1)) - measure.applyAsDouble(frames.get(i)));
                }
                double part = largest / total;
                shareScore = marginScore(t.maxStepShare() - part, 0, 0.05);
                share = String.format(Locale.ROOT, "; the largest step carried %.0f%% of the %.1f° movement, at most %.0f%% allowed",
                        100 * part, total, 100 * t.maxStepShare());
                if (part > t.maxStepShare()) {
                    return new CheckResult(Check.CONTINUITY, CheckResult.Status.FAIL, Math.min(speedScore, shareScore),
                            String.format(Locale.ROOT, "the movement happened in one jump (a swapped picture or a cut)") + share);
                }
            }
        }
        return new CheckResult(Check.CONTINUITY, CheckResult.Status.PASS, Math.min(speedScore, shareScore), String.format(Locale.ROOT,
                "%d frames; fastest pose change %.0f°/s, at most %.0f°/s", frames.size(), fastest, t.maxHeadSpeed()) + share);
    }

    /** The largest planarity residual between two frames that differ in yaw by the planarity minimum: {residual, i, j}, or NaN. */
    private double[] burstPlanarity(List<PhotoEvidence> frames) {
        double[] best = {Double.NaN, -1, -1};
        double widest = -1;
        for (int i = 0; i < frames.size(); i++) {
            for (int j = i + 1; j < frames.size(); j++) {
                double apart = Math.abs(frames.get(i).yaw() - frames.get(j).yaw());
                if (apart >= t.planarMinYawDifference() && apart > widest) {
                    widest = apart;
                    best = new double[] {StableLandmarks.planarResidual(frames.get(i).landmarks(), frames.get(j).landmarks()), i, j};
                }
            }
        }
        return best;
    }

    /**
     * The screen-light check: the face's chromaticity change over the burst, less its surround's
     * (the camera's white balance moves both), correlated with the chromaticity of the colour shown
     * at each frame's time. A face in front of the screen follows the sequence drawn at the start;
     * a replayed or injected video does not.
     */
    private CheckResult lightResponse(List<PhotoEvidence> frames, Burst burst) {
        if (burst.light() == null || !burst.timed()) {
            return new CheckResult(Check.LIGHT_RESPONSE, CheckResult.Status.FAIL, 0,
                    burst.light() == null ? "the challenge was not started, so no colour sequence was shown"
                            : "the client sent no frame times, so the frames cannot be matched to the colours shown");
        }
        java.util.Set<Integer> shown = new java.util.HashSet<>();
        for (int i = 0; i < frames.size(); i++) {
            int k = burst.light().colourAt(burst.timeMs(i));
            if (k >= 0 && frames.get(i).colour() != null) {
                shown.add(k);
            }
        }
        if (shown.size() < 2) {
            return new CheckResult(Check.LIGHT_RESPONSE, CheckResult.Status.FAIL, 0,
                    "the frames cover " + shown.size() + " of the " + burst.light().colours().size()
                            + " colours shown; at least 2 are needed");
        }
        double r = lightCorrelation(frames, burst);
        boolean follows = r >= t.lightMinResponse();
        return new CheckResult(Check.LIGHT_RESPONSE, follows ? CheckResult.Status.PASS : CheckResult.Status.FAIL,
                marginScore(r, t.lightMinResponse(), 0.05), String.format(Locale.ROOT,
                "the face's colour follows the %d colours shown with correlation %.2f, at least %.2f needed",
                shown.size(), r, t.lightMinResponse()));
    }

    /** Correlation of the face's (surround-corrected) chromaticity change with the colours shown, over the frames within the sequence. */
    private static double lightCorrelation(List<PhotoEvidence> frames, Burst burst) {
        List<double[]> seen = new ArrayList<>();
        List<double[]> shown = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            int k = burst.light().colourAt(burst.timeMs(i));
            ColourSample c = frames.get(i).colour();
            if (k < 0 || c == null) {
                continue;
            }
            double[] face = c.faceChroma();
            double[] around = c.aroundChroma();
            boolean corrected = !Double.isNaN(around[0]);
            seen.add(new double[] {face[0] - (corrected ? around[0] : 0), face[1] - (corrected ? around[1] : 0)});
            int[] rgb = burst.light().rgb(k);
            shown.add(ColourSample.chroma(rgb[0], rgb[1], rgb[2]));
        }
        double[] seenMean = mean(seen);
        double[] shownMean = mean(shown);
        double dot = 0;
        double seenSq = 0;
        double shownSq = 0;
        for (int i = 0; i < seen.size(); i++) {
            for (int d = 0; d < 2; d++) {
                double a = seen.get(i)[d] - seenMean[d];
                double b = shown.get(i)[d] - shownMean[d];
                dot += a * b;
                seenSq += a * a;
                shownSq += b * b;
            }
        }
        return seenSq == 0 || shownSq == 0 ? 0 : dot / Math.sqrt(seenSq * shownSq);
    }

    private static double[] mean(List<double[]> points) {
        double[] m = new double[2];
        for (double[] p : points) {
            m[0] += p[0] / points.size();
            m[1] += p[1] / points.size();
        }
        return m;
    }

    /** The verdict of a session that was still in progress at {@code expiresAt} (server clock). */
    public SessionVerdict expired(Instant expiresAt) {
        return SessionVerdict.failed(FailureReason.EXPIRED,
                "the session expired at " + expiresAt + " before every challenge had a photo");
    }

    /**
     * The verdict over a session whose every challenge has a usable photo.
     *
     * @param photos the challenge photos and, if any, the reference selfie ({@code type} null)
     * @param recent fingerprints of photos of the tenant's recent sessions (not this one)
     */
    public SessionVerdict verdict(List<SessionPhoto> photos, List<Fingerprint> recent) {
        List<SessionPhoto> challengePhotos = photos.stream().filter(p -> !p.isReference()).toList();
        if (challengePhotos.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one challenge photo");
        }
        SessionPhoto reference = photos.stream().filter(SessionPhoto::isReference).findFirst().orElse(null);
        List<CheckResult> checks = new ArrayList<>();

        CheckResult replay = replay(photos, recent);
        CheckResult planarity = planarity(challengePhotos);

        List<ChallengeOutcome> outcomes = new ArrayList<>();
        for (SessionPhoto p : challengePhotos) {
            List<SessionPhoto> others = challengePhotos.stream().filter(o -> o != p).toList();
            if (p.type() == ChallengeType.LIGHT) {
                // Judged on its burst at upload; one answer frame cannot show the light response again.
                CheckResult light = p.burst() == null || p.burst().lightResponse() == null
                        ? new CheckResult(Check.LIGHT_RESPONSE, CheckResult.Status.FAIL, 0, "no burst answered the screen-light challenge")
                        : p.burst().lightResponse();
                outcomes.add(lightOutcome(light, Double.NaN));
            } else {
                outcomes.add(judge(p.type(), p.evidence(), others));
            }
        }
        ChallengeOutcome firstUnmet = outcomes.stream().filter(o -> !o.met()).findFirst().orElse(null);
        double challengeScore = outcomes.stream().mapToDouble(ChallengeOutcome::score).min().orElse(0);
        CheckResult challenges = firstUnmet == null
                ? new CheckResult(Check.CHALLENGES, CheckResult.Status.PASS, challengeScore, outcomes.size() + " challenge(s) performed")
                : new CheckResult(Check.CHALLENGES, CheckResult.Status.FAIL, challengeScore,
                firstUnmet.type() + " not met: " + firstUnmet.detail());

        CheckResult identity = identity(challengePhotos);
        CheckResult passive = passive(challengePhotos);

        checks.add(replay);
        checks.add(planarity);
        checks.add(continuity(challengePhotos));
        checks.add(lightResponse(challengePhotos));
        checks.add(passive);
        checks.add(challenges);
        checks.add(identity);

        // The first failed check names the failure, in the order above (attacks before performance).
        CheckResult failed = checks.stream().filter(CheckResult::failed).findFirst().orElse(null);
        FailureReason reason = failed == null ? null : failed.check().failureReason();
        String detail = failed == null ? null : failed.detail();
        boolean planarityApplied = planarity.status() != CheckResult.Status.NOT_APPLICABLE;
        if (reason == null && !planarityApplied) {
            reason = FailureReason.PLANAR_SURFACE;
            detail = "no two photos differ in yaw by " + t.planarMinYawDifference() + "°, so a 3-D head was not shown";
        }
        boolean alive = reason == null;

        Double faceMatchScore = null;
        if (reference != null) {
            CheckResult match = faceMatch(reference, challengePhotos);
            checks.add(match);
            faceMatchScore = match.score();
            if (alive && match.failed()) {
                reason = match.check().failureReason();
                detail = match.detail();
            }
        }
        // The presentation-attack checks that vote (replay, planarity; continuity and light where measured).
        double antiSpoof = Math.min(replay.score(), planarityApplied ? planarity.score() : 0);
        for (CheckResult c : checks) {
            if ((c.check() == Check.CONTINUITY || c.check() == Check.LIGHT_RESPONSE || c.check() == Check.PASSIVE_ANTI_SPOOF)
                    && c.status() != CheckResult.Status.NOT_APPLICABLE) {
                antiSpoof = Math.min(antiSpoof, c.score());
            }
        }
        double confidence = checks.stream().filter(c -> c.status() != CheckResult.Status.NOT_APPLICABLE)
                .filter(c -> c.check() != Check.FACE_MATCH)
                .mapToDouble(CheckResult::score).min().orElse(0);
        if (!planarityApplied) {
            confidence = 0;
        }
        return new SessionVerdict(alive, confidence, antiSpoof, faceMatchScore, reason, detail, checks, outcomes);
    }

    /**
     * The presentation-attack checks alone (replay, planarity, then the passive model) over the photos
     * a session has so far: the first that failed, or empty. For a session that ends before every
     * challenge was met, so that a flat picture or a spoof is still named as one.
     */
    public Optional<CheckResult> presentationAttack(List<SessionPhoto> photos, List<Fingerprint> recent) {
        CheckResult replay = replay(photos, recent);
        if (replay.failed()) {
            return Optional.of(replay);
        }
        CheckResult planarity = planarity(photos);
        if (planarity.failed()) {
            return Optional.of(planarity);
        }
        CheckResult passive = passive(photos.stream().filter(p -> !p.isReference()).toList());
        return passive.failed() ? Optional.of(passive) : Optional.empty();
    }

    /**
     * The passive presentation-attack check: the median live probability over the challenge photos
     * that were measured, against {@code passiveMinLive}. The reference selfie does not count (an
     * enrolled image may be a scan of a printed photo). Not applicable when no photo was measured (no
     * model loaded, or evidence stored before one ran) — it then neither passes nor fails the session.
     * Its score is the logistic of the margin in log-odds: 0.5 at the threshold.
     */
    CheckResult passive(List<SessionPhoto> challengePhotos) {
        double[] live = challengePhotos.stream().mapToDouble(p -> p.evidence().live()).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (live.length == 0) {
            return new CheckResult(Check.PASSIVE_ANTI_SPOOF, CheckResult.Status.NOT_APPLICABLE, Double.NaN,
                    "no photo was measured by a presentation-attack model");
        }
        int n = live.length;
        double median = n % 2 == 1 ? live[n / 2] : (live[n / 2 - 1] + live[n / 2]) / 2;
        boolean spoof = median < t.passiveMinLive();
        String of = n == challengePhotos.size() ? n + " photo(s)" : n + " of " + challengePhotos.size() + " photos (the others were not measured)";
        return new CheckResult(Check.PASSIVE_ANTI_SPOOF, spoof ? CheckResult.Status.FAIL : CheckResult.Status.PASS,
                marginScore(logit(median), logit(t.passiveMinLive()), 1), String.format(Locale.ROOT,
                "median live probability %.4f over %s, at least %.4f needed", median, of, t.passiveMinLive()));
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
        return Math.log(q / (1 - q));
    }

    /** The replay check over a set of photos: the first photo that repeats an earlier one or a recent session's photo. */
    private CheckResult replay(List<SessionPhoto> photos, List<Fingerprint> recent) {
        for (int i = 0; i < photos.size(); i++) {
            Optional<String> repeated = repeats(photos.get(i), photos.subList(i + 1, photos.size()), recent);
            if (repeated.isPresent()) {
                return new CheckResult(Check.REPLAY, CheckResult.Status.FAIL, 0,
                        "the photo for " + label(photos.get(i)) + " repeats " + repeated.get());
            }
        }
        return new CheckResult(Check.REPLAY, CheckResult.Status.PASS, 1, "no photo repeats another");
    }

    /**
     * The replay rule: which picture {@code probe} repeats among {@code others} of its session and
     * the photos of recent sessions, or empty. A reference selfie is compared within its session
     * only: the same stored image may rightly serve as the reference of several sessions.
     */
    private Optional<String> repeats(SessionPhoto probe, List<SessionPhoto> others, List<Fingerprint> recent) {
        Fingerprint fp = probe.evidence().fingerprint();
        for (SessionPhoto other : others) {
            if (other != probe && fp.samePictureAs(other.evidence().fingerprint(), t.replayMaxHashDistance())) {
                return Optional.of("the photo for " + label(other) + " (the same picture)");
            }
        }
        if (!probe.isReference()) {
            for (Fingerprint old : recent) {
                if (fp.samePictureAs(old, t.replayMaxHashDistance())) {
                    return Optional.of("a photo of a recent session");
                }
            }
        }
        return Optional.empty();
    }

    /** The photos that answer challenges: the reference selfie left out. */
    private static List<SessionPhoto> challengePhotos(List<SessionPhoto> photos) {
        return photos.stream().filter(p -> !p.isReference()).toList();
    }

    private static String label(SessionPhoto p) {
        return p.isReference() ? "the reference selfie" : p.type() + " (" + p.id() + ")";
    }

    /**
     * The 3-D check: the largest residual over every pair of challenge photos that differ enough in
     * yaw, and over the frames of each burst (a burst of a turn shows two views by itself). Never the
     * reference selfie, which the capture client chooses freely.
     */
    private CheckResult planarity(List<SessionPhoto> sessionPhotos) {
        List<SessionPhoto> photos = challengePhotos(sessionPhotos);
        double best = Double.NaN;
        String pair = null;
        for (int i = 0; i < photos.size(); i++) {
            for (int j = i + 1; j < photos.size(); j++) {
                PhotoEvidence a = photos.get(i).evidence();
                PhotoEvidence b = photos.get(j).evidence();
                if (Math.abs(a.yaw() - b.yaw()) < t.planarMinYawDifference()) {
                    continue;
                }
                double r = StableLandmarks.planarResidual(a.landmarks(), b.landmarks());
                if (Double.isNaN(best) || r > best) {
                    best = r;
                    pair = label(photos.get(i)) + " and " + label(photos.get(j));
                }
            }
            BurstSummary burst = photos.get(i).burst();
            if (burst != null && !Double.isNaN(burst.planarResidual())
                    && (Double.isNaN(best) || burst.planarResidual() > best)) {
                best = burst.planarResidual();
                pair = "two frames of the burst for " + label(photos.get(i));
            }
        }
        if (Double.isNaN(best)) {
            return new CheckResult(Check.PLANARITY, CheckResult.Status.NOT_APPLICABLE, Double.NaN,
                    "no two photos differ in yaw by " + t.planarMinYawDifference() + "°");
        }
        double score = marginScore(best, t.planarMaxResidual(), 0.01);
        String detail = String.format(Locale.ROOT, "landmarks of %s move %s one homography: residual %.3f, flat at or under %.3f",
                pair, best <= t.planarMaxResidual() ? "like" : "unlike", best, t.planarMaxResidual());
        return new CheckResult(Check.PLANARITY, best <= t.planarMaxResidual() ? CheckResult.Status.FAIL : CheckResult.Status.PASS,
                score, detail);
    }

    /** The bursts' continuity, the weakest one; not applicable when no challenge was answered by a timed burst. */
    private static CheckResult continuity(List<SessionPhoto> photos) {
        return weakest(photos.stream().filter(p -> p.burst() != null).map(p -> p.burst().continuity()).toList(), Check.CONTINUITY,
                "no challenge was answered by a timed burst of frames");
    }

    /** The screen-light response, when the session had a {@code LIGHT} challenge. */
    private static CheckResult lightResponse(List<SessionPhoto> photos) {
        return weakest(photos.stream().filter(p -> p.burst() != null && p.burst().lightResponse() != null)
                .map(p -> p.burst().lightResponse()).toList(), Check.LIGHT_RESPONSE, "the session had no screen-light challenge");
    }

    private static CheckResult weakest(List<CheckResult> results, Check check, String whyNot) {
        return results.stream().filter(r -> r.status() != CheckResult.Status.NOT_APPLICABLE)
                .min(java.util.Comparator.comparingDouble(CheckResult::score))
                .orElse(new CheckResult(check, CheckResult.Status.NOT_APPLICABLE, Double.NaN, whyNot));
    }

    private CheckResult identity(List<SessionPhoto> photos) {
        if (photos.size() < 2) {
            return new CheckResult(Check.IDENTITY, CheckResult.Status.NOT_APPLICABLE, Double.NaN, "one photo only");
        }
        double worst = Double.POSITIVE_INFINITY;
        String pair = null;
        for (int i = 0; i < photos.size(); i++) {
            for (int j = i + 1; j < photos.size(); j++) {
                double s = photos.get(i).evidence().embedding().similarity(photos.get(j).evidence().embedding());
                if (s < worst) {
                    worst = s;
                    pair = label(photos.get(i)) + " and " + label(photos.get(j));
                }
            }
        }
        boolean same = worst >= t.sameIdentity();
        return new CheckResult(Check.IDENTITY, same ? CheckResult.Status.PASS : CheckResult.Status.FAIL,
                marginScore(worst, t.sameIdentity(), 0.02), String.format(Locale.ROOT,
                "lowest similarity %.3f (%s), at least %.3f needed", worst, pair, t.sameIdentity()));
    }

    /**
     * The face-match rule outside a session: whether {@code probe} (a selfie) shows the person of
     * {@code trusted} (an enrolled image), by the same similarity threshold as the session's match
     * to its reference selfie ({@link VerdictThresholds#faceMatch()}).
     */
    public CheckResult matchToTrusted(PhotoEvidence probe, PhotoEvidence trusted) {
        return faceMatch(new SessionPhoto("trusted", null, trusted), List.of(new SessionPhoto("probe", null, probe)));
    }

    CheckResult faceMatch(SessionPhoto reference, List<SessionPhoto> photos) {
        double worst = photos.stream()
                .mapToDouble(p -> p.evidence().embedding().similarity(reference.evidence().embedding()))
                .min().orElse(Double.NaN);
        boolean match = worst >= t.faceMatch();
        double score = Math.max(0, Math.min(1, worst));
        return new CheckResult(Check.FACE_MATCH, match ? CheckResult.Status.PASS : CheckResult.Status.FAIL, score,
                String.format(Locale.ROOT, "lowest similarity to the reference selfie %.3f, at least %.3f needed", worst, t.faceMatch()));
    }
}
