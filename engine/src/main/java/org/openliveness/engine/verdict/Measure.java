package org.openliveness.engine.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a challenge measures, with its stable name in results ({@link #wireName()}). */
public enum Measure {
    /** Change of yaw from the baseline, degrees, positive in the asked direction. */
    YAW_CHANGE("yawChange"),
    /** Change of pitch from the baseline, degrees, positive upward. */
    PITCH_CHANGE("pitchChange"),
    /** Smile score 0..1. */
    SMILE("smile"),
    /** Openness 0..1 of the more open eye. */
    EYES("eyes"),
    /** Mouth openness 0..1. */
    MOUTH("mouth"),
    /** Correlation −1..1 of the face's colour change with the screen's colour sequence. */
    LIGHT_RESPONSE("lightResponse");

    private final String wireName;

    Measure(String wireName) {
        this.wireName = wireName;
    }

    /** The stable name in results, such as {@code yawChange}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The measure with this stable name. */
    @JsonCreator
    public static Measure ofWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no measure named " + name));
    }
}
