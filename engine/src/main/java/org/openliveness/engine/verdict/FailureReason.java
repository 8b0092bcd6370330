package org.openliveness.engine.verdict;

/** Why a session was not judged alive (or a photo not usable). Stable codes of the API. */
public enum FailureReason {
    /** No face was found in a photo. */
    NO_FACE,
    /** More than one face of similar size was found in a photo (much smaller background faces do not count). */
    MULTIPLE_FACES,
    /** The face is smaller than the configured minimum (longer box side, pixels). */
    FACE_TOO_SMALL,
    /** The face is too dark, too bright or too blurred to judge; or the upload could not be decoded at all. */
    POOR_QUALITY,
    /** A challenge was not performed: the detail names it and gives measured value and threshold. */
    CHALLENGE_NOT_MET,
    /** The photos of the session do not all show the same person. */
    IDENTITY_MISMATCH,
    /**
     * Two views that differ clearly in yaw move their landmarks like a flat picture (print or
     * screen) — or no two photos differed enough in yaw to show a 3-D head at all.
     */
    PLANAR_SURFACE,
    /**
     * The passive presentation-attack model's live probability, median over the session's challenge
     * photos, fell below the calibrated threshold: a print, a screen or a mask.
     */
    SPOOF_DETECTED,
    /**
     * A burst's frames do not move like a head: the pose changes between two frames faster than a
     * head turns, or the movement happens in one jump (a photo swap, a video cut).
     */
    DISCONTINUITY,
    /** The face in a {@code LIGHT} burst does not reflect the colour sequence the screen showed. */
    LIGHT_RESPONSE,
    /** A photo repeats an earlier photo of this session or of a recent session. */
    REPLAYED_IMAGE,
    /** The session expired before every challenge had a photo. */
    EXPIRED,
    /** The session's face does not match the reference selfie. Reported apart from liveness. */
    FACE_MISMATCH
}
