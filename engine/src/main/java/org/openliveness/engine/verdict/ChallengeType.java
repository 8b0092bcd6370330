package org.openliveness.engine.verdict;

/**
 * What a capture client asks the person to do for one photo. Directions are the subject's
 * own: {@code TURN_LEFT} means the person turns to their own left, which the engine reads
 * as a positive yaw change.
 */
public enum ChallengeType {
    TURN_LEFT("Turn your head to the left"),
    TURN_RIGHT("Turn your head to the right"),
    LOOK_UP("Look upward"),
    SMILE("Smile naturally"),
    BLINK("Close both eyes"),
    OPEN_MOUTH("Open your mouth slightly"),
    /**
     * Screen light: the capture client fills the screen with a random colour sequence drawn at
     * the challenge's start and records frames; the face must reflect it. Needs a burst; opt-in.
     */
    LIGHT("Hold still and look at the screen while it changes colour");

    private final String instruction;

    ChallengeType(String instruction) {
        this.instruction = instruction;
    }

    /** The instruction shown to the person. */
    public String instruction() {
        return instruction;
    }

    /** Whether this challenge is a head turn (a yaw change), which gives the 3-D check two views. */
    /** Whether the challenge can only be answered by a burst of frames (not by one still photo). */
    public boolean needsBurst() {
        return this == LIGHT;
    }

    public boolean isTurn() {
        return this == TURN_LEFT || this == TURN_RIGHT;
    }
}
