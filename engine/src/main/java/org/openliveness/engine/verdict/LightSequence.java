package org.openliveness.engine.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The colour sequence a {@code LIGHT} challenge shows: drawn at random when the challenge starts
 * (after any recording an attacker could have made), shown full-screen one colour after another,
 * each for {@link #colourMs()} milliseconds from the moment the client begins (its frame times
 * count from there). Consecutive colours differ, so every step changes the light on the face.
 *
 * @param colours   3 to 5 colours as {@code #rrggbb}
 * @param colourMs  how long each colour is shown, milliseconds
 */
public record LightSequence(List<String> colours, int colourMs) {

    /** The colours a sequence is drawn from: saturated, so the reflection's hue is clear. */
    static final List<String> PALETTE = List.of("#ff0000", "#00ff00", "#0000ff", "#ffff00", "#ff00ff", "#00ffff");
    public static final int MIN_COLOURS = 3;
    public static final int MAX_COLOURS = 5;
    /** Default duration of one colour: long enough for a phone camera to adapt and capture two frames. */
    public static final int DEFAULT_COLOUR_MS = 600;

    public LightSequence {
        colours = List.copyOf(colours);
        if (colours.size() < MIN_COLOURS || colours.size() > MAX_COLOURS) {
            throw new IllegalArgumentException("a light sequence has " + MIN_COLOURS + " to " + MAX_COLOURS + " colours, got "
                    + colours.size());
        }
        for (String c : colours) {
            if (!c.matches("#[0-9a-f]{6}")) {
                throw new IllegalArgumentException("colours are #rrggbb in lower case, got " + c);
            }
        }
        if (colourMs < 100 || colourMs > 5000) {
            throw new IllegalArgumentException("colourMs must lie in 100..5000, got " + colourMs);
        }
    }

    /** A random sequence: 3 to 5 colours of the palette, no colour twice in a row. */
    public static LightSequence draw(Random random, int colourMs) {
        int n = MIN_COLOURS + random.nextInt(MAX_COLOURS - MIN_COLOURS + 1);
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String next = PALETTE.get(random.nextInt(PALETTE.size()));
            if (out.isEmpty() || !out.get(out.size() - 1).equals(next)) {
                out.add(next);
            }
        }
        return new LightSequence(out, colourMs);
    }

    /** The index of the colour shown at {@code ms} after the sequence began, or -1 outside it. */
    public int colourAt(long ms) {
        if (ms < 0 || ms >= (long) colourMs * colours.size()) {
            return -1;
        }
        return (int) (ms / colourMs);
    }

    /** Colour {@code i} as 0..255 red, green, blue. */
    public int[] rgb(int i) {
        String c = colours.get(i);
        return new int[] {Integer.parseInt(c.substring(1, 3), 16), Integer.parseInt(c.substring(3, 5), 16),
                Integer.parseInt(c.substring(5, 7), 16)};
    }

    /** Total duration, milliseconds. */
    public long durationMs() {
        return (long) colourMs * colours.size();
    }

    @Override
    public String toString() {
        return String.join(" ", colours) + String.format(Locale.ROOT, " × %d ms", colourMs);
    }
}
