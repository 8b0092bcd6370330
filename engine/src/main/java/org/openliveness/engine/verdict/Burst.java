package org.openliveness.engine.verdict;

import java.util.List;
import java.util.Objects;

/**
 * Frames recorded during one challenge, in order, timed from the challenge's server-side start.
 *
 * @param frames  what the examiner found in each frame
 * @param timesMs milliseconds since the client began the challenge (for {@code LIGHT}: since the first
 *                colour was shown), strictly increasing, one per frame; null when the client sent none
 *                (then the continuity check cannot count)
 * @param light   the colour sequence shown, for a {@code LIGHT} challenge; else null
 */
public record Burst(List<Examination> frames, long[] timesMs, LightSequence light) {

    public static final int MIN_FRAMES = 3;
    public static final int MAX_FRAMES = 15;

    public Burst {
        frames = List.copyOf(frames);
        if (frames.size() < MIN_FRAMES || frames.size() > MAX_FRAMES) {
            throw new IllegalArgumentException("a burst has " + MIN_FRAMES + " to " + MAX_FRAMES + " frames, got " + frames.size());
        }
        if (timesMs != null) {
            timesMs = timesMs.clone();
            if (timesMs.length != frames.size()) {
                throw new IllegalArgumentException(frames.size() + " frames but " + timesMs.length + " frame times");
            }
            for (int i = 1; i < timesMs.length; i++) {
                if (timesMs[i] <= timesMs[i - 1]) {
                    throw new IllegalArgumentException("frame times must increase, got " + timesMs[i - 1] + " then " + timesMs[i]);
                }
            }
        }
    }

    public boolean timed() {
        return timesMs != null;
    }

    public long timeMs(int i) {
        return Objects.requireNonNull(timesMs, "no frame times")[i];
    }
}
