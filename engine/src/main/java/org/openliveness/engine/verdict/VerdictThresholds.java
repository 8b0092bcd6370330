package org.openliveness.engine.verdict;

/**
 * Every threshold of the verdict, in one validated record. Defaults and where they come from
 * are listed in {@code docs/CALIBRATION.md}; the service binds this record from its
 * configuration ({@code openliveness.verdict.*}).
 *
 * @param minFaceSize            smallest usable face, longer side of the face box in pixels
 * @param minBrightness          darkest usable face, mean grey level 0..255 of the face box
 * @param maxBrightness          brightest usable face, mean grey level 0..255
 * @param minSharpness           blurriest usable face, variance of the Laplacian on a 128² grey crop
 * @param turnYawChange          a head turn must change yaw by at least this many degrees from the
 *                               session's other photos (must be ≥ {@code planarMinYawDifference})
 * @param lookUpPitchChange      looking up must raise pitch by at least this many degrees (the mesh
 *                               reads about half of a real pitch)
 * @param smileMin               smile score (0..1) a smile photo must reach
 * @param smileMinIncrease       and its rise over the session's other photos, when there are any
 * @param blinkMaxOpenness       openness (0..1) the more open eye of a blink photo must stay under (both eyes closed)
 * @param blinkMinDrop           and its fall from the same measure in the session's other photos, when there are any
 * @param mouthMinOpenness       mouth openness (0..1) an open-mouth photo must reach
 * @param mouthMinIncrease       and its rise over the session's other photos, when there are any
 * @param sameIdentity           smallest embedding similarity (cosine) between two photos of one session
 * @param faceMatch              smallest similarity between the session's photos and the reference selfie
 * @param planarMinYawDifference two photos whose yaw differs by at least this (degrees) are tested for planarity
 * @param planarMaxResidual      normalised homography residual at or below which such a pair is flat
 * @param replayMaxHashDistance  two photos whose 64-bit image and face hashes both differ by at most this
 *                               many bits, and whose measurements agree, are the same picture
 * @param passiveMinLive         the median live probability (0..1) of the presentation-attack model over a
 *                               session's challenge photos below which the session fails with
 *                               {@link FailureReason#SPOOF_DETECTED}; calibrated for the bundled
 *                               {@code fr_liveness} — an operator's own model needs its own value
 * @param maxBackgroundFaceRatio a face whose size (longer box side) is at most this share of the photo's
 *                               largest face is in the background: reported, not judged; a larger second
 *                               face fails the photo with {@link FailureReason#MULTIPLE_FACES} (0: every
 *                               second face does)
 * @param maxHeadSpeed           fastest pose change (degrees per second, yaw or pitch) between two frames of
 *                               a burst that a head makes; faster is a cut or a swap ({@code DISCONTINUITY})
 * @param maxStepShare           largest share (0..1) of a turn's or look-up's movement that one step between
 *                               two frames may carry; more is a jump, not a movement
 * @param lightMinResponse       smallest correlation (−1..1) between the face's colour change and the screen's
 *                               colour sequence in a {@code LIGHT} burst
 */
public record VerdictThresholds(double minFaceSize, double minBrightness, double maxBrightness, double minSharpness,
                                double turnYawChange, double lookUpPitchChange,
                                double smileMin, double smileMinIncrease,
                                double blinkMaxOpenness, double blinkMinDrop,
                                double mouthMinOpenness, double mouthMinIncrease,
                                double sameIdentity, double faceMatch,
                                double planarMinYawDifference, double planarMaxResidual,
                                int replayMaxHashDistance, double passiveMinLive, double maxBackgroundFaceRatio,
                                double maxHeadSpeed, double maxStepShare, double lightMinResponse) {

    /** The calibrated defaults (see {@code docs/CALIBRATION.md}). */
    public static final VerdictThresholds DEFAULTS = new VerdictThresholds(80, 30, 230, 5,
            20, 8, 0.5, 0.2, 0.5, 0.3, 0.3, 0.2, 0.911, 0.933, 20, 0.055, 4, 0.02, 0.5, 360, 0.75, 0.7);

    public VerdictThresholds {
        requireIn("minFaceSize", minFaceSize, 16, 4096);
        requireIn("minBrightness", minBrightness, 0, 255);
        requireIn("maxBrightness", maxBrightness, minBrightness, 255);
        requireIn("minSharpness", minSharpness, 0, 1e6);
        requireIn("planarMinYawDifference", planarMinYawDifference, 5, 60);
        requireIn("turnYawChange", turnYawChange, planarMinYawDifference, 60);
        requireIn("lookUpPitchChange", lookUpPitchChange, 2, 45);
        requireIn("smileMin", smileMin, 0.05, 1);
        requireIn("smileMinIncrease", smileMinIncrease, 0, 1);
        requireIn("blinkMaxOpenness", blinkMaxOpenness, 0, 0.95);
        requireIn("blinkMinDrop", blinkMinDrop, 0, 1);
        requireIn("mouthMinOpenness", mouthMinOpenness, 0.05, 1);
        requireIn("mouthMinIncrease", mouthMinIncrease, 0, 1);
        requireIn("sameIdentity", sameIdentity, 0, 1);
        requireIn("faceMatch", faceMatch, 0, 1);
        requireIn("planarMaxResidual", planarMaxResidual, 0.001, 0.5);
        requireIn("replayMaxHashDistance", replayMaxHashDistance, 0, 16);
        requireIn("passiveMinLive", passiveMinLive, 0.001, 0.99);
        requireIn("maxBackgroundFaceRatio", maxBackgroundFaceRatio, 0, 0.9);
        requireIn("maxHeadSpeed", maxHeadSpeed, 30, 2000);
        requireIn("maxStepShare", maxStepShare, 0.3, 1);
        requireIn("lightMinResponse", lightMinResponse, 0, 1);
    }

    /** These thresholds with another {@code passiveMinLive} (for an operator's own presentation-attack model). */
    public VerdictThresholds withPassiveMinLive(double value) {
        return new VerdictThresholds(minFaceSize, minBrightness, maxBrightness, minSharpness, turnYawChange, lookUpPitchChange,
                smileMin, smileMinIncrease, blinkMaxOpenness, blinkMinDrop, mouthMinOpenness, mouthMinIncrease, sameIdentity,
                faceMatch, planarMinYawDifference, planarMaxResidual, replayMaxHashDistance, value, maxBackgroundFaceRatio,
                maxHeadSpeed, maxStepShare, lightMinResponse);
    }

    private static void requireIn(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + " must lie in " + lo + ".." + hi + ", got " + value);
        }
    }
}
