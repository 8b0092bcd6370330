package org.openliveness.engine.verdict;

/**
 * What the person should do after an attempt that did not meet its challenge: coarse guidance a
 * capture client may show, derived from the challenge and the failure's category alone — never a
 * measured value, a threshold or how far off the attempt was (the backend reads those with its
 * API key). Presentation-attack findings get the neutral {@link #TRY_AGAIN}.
 */
public enum AttemptHint {
    /** Turn the head further in the direction asked. */
    TURN_FURTHER,
    /** Raise the chin further. */
    LOOK_UP_FURTHER,
    /** Smile more. */
    SMILE_WIDER,
    /** Open the mouth wider. */
    OPEN_WIDER,
    /** Close both eyes fully for a moment. */
    CLOSE_BOTH_EYES,
    /** Keep the face close to the screen while the colours show. */
    FACE_THE_SCREEN,
    /** Make one slow, smooth movement. */
    MOVE_SMOOTHLY,
    /** Put the face in view of the camera. */
    FACE_THE_CAMERA,
    /** Only one person in view. */
    ONE_PERSON_ONLY,
    /** Come closer to the camera. */
    COME_CLOSER,
    /** Find more light and hold still. */
    MORE_LIGHT_HOLD_STILL,
    /** Try again (nothing more specific to say). */
    TRY_AGAIN;

    /** The hint after an attempt at {@code type} that failed for {@code reason}; null when the attempt met its challenge. */
    public static AttemptHint of(ChallengeType type, FailureReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case CHALLENGE_NOT_MET -> switch (type) {
                case TURN_LEFT, TURN_RIGHT -> TURN_FURTHER;
                case LOOK_UP -> LOOK_UP_FURTHER;
                case SMILE -> SMILE_WIDER;
                case OPEN_MOUTH -> OPEN_WIDER;
                case BLINK -> CLOSE_BOTH_EYES;
                case LIGHT -> FACE_THE_SCREEN;
            };
            case LIGHT_RESPONSE -> FACE_THE_SCREEN;
            case DISCONTINUITY -> MOVE_SMOOTHLY;
            case NO_FACE -> FACE_THE_CAMERA;
            case MULTIPLE_FACES, IDENTITY_MISMATCH -> ONE_PERSON_ONLY;
            case FACE_TOO_SMALL -> COME_CLOSER;
            case POOR_QUALITY -> MORE_LIGHT_HOLD_STILL;
            case PLANAR_SURFACE, SPOOF_DETECTED, REPLAYED_IMAGE, EXPIRED, FACE_MISMATCH -> TRY_AGAIN;
        };
    }
}
