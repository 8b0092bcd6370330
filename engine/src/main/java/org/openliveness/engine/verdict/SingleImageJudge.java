package org.openliveness.engine.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rule for one image checked on its own against a user's trusted image (a vendor profile's
 * "verify this selfie" without a session). Uses the session judge's own checks and thresholds —
 * the usable-face rule, {@code passiveMinLive}, {@code faceMatch}, the replay rule of
 * {@link Fingerprint#samePictureAs} — and adds one rule of its own: the passive presentation-attack
 * model must have measured the image, since without a challenge nothing else stands between a
 * printed photo and an acceptance. Checks in order, the first failure decides:
 *
 * <ol>
 *   <li>the image has one usable face (size, brightness, sharpness, no second face of similar size);</li>
 *   <li>the trusted image has one (else inconclusive: the user has no usable trusted image);</li>
 *   <li>the image is not the same picture as the trusted image or a recent photo of the tenant;</li>
 *   <li>the passive model's live probability reaches {@code passiveMinLive} (not measured: inconclusive);</li>
 *   <li>its face matches the trusted image's ({@code faceMatch}).</li>
 * </ol>
 */
public final class SingleImageJudge {

    private final SessionJudge judge;

    public SingleImageJudge(SessionJudge judge) {
        this.judge = Objects.requireNonNull(judge, "judge");
    }

    /**
     * @param probe   the examination of the image to check
     * @param trusted the examination of the user's trusted image
     * @param recent  fingerprints of the tenant's recent photos (the replay window)
     */
    public SingleImageVerdict judge(Examination probe, Examination trusted, List<Fingerprint> recent) {
        if (!probe.isUsable()) {
            return new SingleImageVerdict(SingleImageVerdict.Outcome.REJECTED, null, probe.problem().reason(),
                    probe.problem().detail(), null, List.of());
        }
        if (!trusted.isUsable()) {
            return SingleImageVerdict.inconclusive(Check.FACE_MATCH, "the trusted image shows no usable face ("
                    + trusted.problem().reason() + ": " + trusted.problem().detail() + ")", List.of());
        }
        List<CheckResult> checks = new ArrayList<>();
        SessionPhoto image = new SessionPhoto("image", null, probe.evidence());
        SessionPhoto reference = new SessionPhoto("trusted", null, trusted.evidence());

        CheckResult replay = replay(probe.evidence().fingerprint(), trusted.evidence().fingerprint(), recent);
        checks.add(replay);
        if (replay.failed()) {
            return rejected(replay, checks);
        }
        CheckResult passive = judge.passive(List.of(image));
        checks.add(passive);
        if (passive.status() == CheckResult.Status.NOT_APPLICABLE) {
            return SingleImageVerdict.inconclusive(Check.PASSIVE_ANTI_SPOOF, "no presentation-attack model measured the "
                    + "image; a single image is never accepted without one", checks);
        }
        if (passive.failed()) {
            return rejected(passive, checks);
        }
        CheckResult match = judge.faceMatch(reference, List.of(image));
        checks.add(match);
        if (match.failed()) {
            return new SingleImageVerdict(SingleImageVerdict.Outcome.REJECTED, match.check(), match.check().failureReason(),
                    match.detail(), match.score(), checks);
        }
        return new SingleImageVerdict(SingleImageVerdict.Outcome.ACCEPTED, null, null, null, match.score(), checks);
    }

    private static SingleImageVerdict rejected(CheckResult failed, List<CheckResult> checks) {
        return new SingleImageVerdict(SingleImageVerdict.Outcome.REJECTED, failed.check(), failed.check().failureReason(),
                failed.detail(), null, checks);
    }

    private CheckResult replay(Fingerprint image, Fingerprint trusted, List<Fingerprint> recent) {
        int maxBits = judge.thresholds().replayMaxHashDistance();
        if (image.samePictureAs(trusted, maxBits)) {
            return new CheckResult(Check.REPLAY, CheckResult.Status.FAIL, 0, "the image is the trusted image itself");
        }
        for (Fingerprint old : recent) {
            if (image.samePictureAs(old, maxBits)) {
                return new CheckResult(Check.REPLAY, CheckResult.Status.FAIL, 0, "the image repeats a photo of a recent check");
            }
        }
        return new CheckResult(Check.REPLAY, CheckResult.Status.PASS, 1, "no earlier photo is the same picture");
    }
}
