package org.openliveness.engine.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The checks of the verdict, each with the failure reason it gives and its stable name in
 * results ({@link #wireName()}, as stored and as the API shows it).
 */
public enum Check {
    /** No photo repeats another of the session or of a recent session. */
    REPLAY("replay", FailureReason.REPLAYED_IMAGE),
    /** Two views differing clearly in yaw do not move their landmarks like a flat picture. */
    PLANARITY("planarity", FailureReason.PLANAR_SURFACE),
    /** Every challenge was performed. */
    CHALLENGES("challenges", FailureReason.CHALLENGE_NOT_MET),
    /** Every photo shows the same person. */
    IDENTITY("identity", FailureReason.IDENTITY_MISMATCH),
    /** A burst's frames move like a head: no pose change faster than a head turns, no single jump. */
    CONTINUITY("continuity", FailureReason.DISCONTINUITY),
    /** The face follows the screen's colour sequence ({@code LIGHT} bursts). */
    LIGHT_RESPONSE("lightResponse", FailureReason.LIGHT_RESPONSE),
    /**
     * A passive presentation-attack model's live probability, median over the session's challenge
     * photos, reaches the calibrated threshold. Not applicable when no photo was measured (no model,
     * or evidence stored before one ran).
     */
    PASSIVE_ANTI_SPOOF("passiveAntiSpoof", FailureReason.SPOOF_DETECTED),
    /** The photos match the reference selfie; reported apart from liveness. */
    FACE_MATCH("faceMatch", FailureReason.FACE_MISMATCH);

    private final String wireName;
    private final FailureReason failureReason;

    Check(String wireName, FailureReason failureReason) {
        this.wireName = wireName;
        this.failureReason = failureReason;
    }

    /** The stable name in results, such as {@code passiveAntiSpoof}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The reason a session fails with when this check fails. */
    public FailureReason failureReason() {
        return failureReason;
    }

    /** Whether the check votes on presentation attacks (names a flat picture, a replay, or a spoof the passive model saw). */
    public boolean isPresentationAttack() {
        return this == REPLAY || this == PLANARITY || this == CONTINUITY || this == LIGHT_RESPONSE || this == PASSIVE_ANTI_SPOOF;
    }

    /** The check with this stable name. */
    @JsonCreator
    public static Check ofWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check named " + name));
    }
}
