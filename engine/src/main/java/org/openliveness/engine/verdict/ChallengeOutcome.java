package org.openliveness.engine.verdict;

/**
 * How one challenge photo was judged.
 *
 * @param type      the challenge
 * @param met       whether every condition held
 * @param measure   what was measured ({@code yawChange}, {@code pitchChange}, {@code smile}, {@code eyes}, {@code mouth})
 * @param value     the measured value (a change from the baseline for turns and looking up)
 * @param threshold the value it had to reach (or, for {@code eyes}, stay under)
 * @param baseline  the same measure on the session's other photos, or NaN when there were none
 * @param score     margin score in 0..1, 0.5 at the threshold
 * @param detail    a sentence for people
 */
public record ChallengeOutcome(ChallengeType type, boolean met, String measure, double value, double threshold,
                               double baseline, double score, String detail) {
}
