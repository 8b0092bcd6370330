package org.openliveness.devkit.evaluation;

import java.util.Set;
import org.openliveness.engine.FaceAnalysis;

/**
 * Bona fide ({@value #BONA_FIDE}) vs presentation attack ({@value #ATTACK}) photos, scored by the
 * passive anti-spoof score ({@code antiSpoof.score}, higher = more likely live). The attack's kind
 * (species, e.g. {@code print}, {@code screen}) is the {@code attack=} item of the {@code extra}
 * column.
 *
 * <p>The bundled passive models do not vote in the verdict (they scored at chance on real
 * attacks), so the service has no threshold for them; the operating point uses
 * {@value #PASSIVE_THRESHOLD}, the models' own decision point (live probability one half).
 */
public final class AttackTask {

    /** Label of bona fide photos. */
    public static final String BONA_FIDE = "real";
    /** Label of presentation attacks. */
    public static final String ATTACK = "spoof";
    /** Threshold of the operating point: the models' own decision point, not a configured one. */
    public static final double PASSIVE_THRESHOLD = 0.5;
    /** What the score is, for reports. */
    public static final String MEASURE = "antiSpoof.score (passive models; reported, not voting)";

    private AttackTask() {
    }

    /** Whether a folder with these labels has both classes. */
    public static boolean appliesTo(Set<String> labels) {
        return labels.contains(BONA_FIDE) && labels.contains(ATTACK);
    }

    /** The score of one face. */
    public static double score(FaceAnalysis face) {
        return face.antiSpoof().score();
    }

    /** The attack's kind from the label's {@code extra} column, {@value #ATTACK} when not given. */
    public static String species(LabelledFolder.Labelled photo) {
        String s = photo.extra("attack");
        return s.isEmpty() ? ATTACK : s;
    }
}
