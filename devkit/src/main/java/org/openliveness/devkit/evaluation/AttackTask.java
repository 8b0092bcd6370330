package org.openliveness.devkit.evaluation;

import java.util.Set;
import org.openliveness.engine.FaceAnalysis;

/**
 * Bona fide ({@value #BONA_FIDE}) vs presentation attack ({@value #ATTACK}) photos, scored by the
 * presentation-attack model's live probability ({@code antiSpoof.live}, higher = more likely live),
 * the value the verdict's passive check takes the median of and compares with
 * {@code passiveMinLive}. The attack's kind (species, e.g. {@code print}, {@code screen}) is the
 * {@code attack=} item of the {@code extra} column. Every photo of a folder without attacks is a
 * bona fide presentation too: it measures how often the check would flag real people.
 */
public final class AttackTask {

    /** Label of bona fide photos. */
    public static final String BONA_FIDE = "real";
    /** Label of presentation attacks. */
    public static final String ATTACK = "spoof";
    /** What the score is, for reports. */
    public static final String MEASURE = "antiSpoof.live (the presentation-attack model's live probability)";

    private AttackTask() {
    }

    /** Whether a folder with these labels has both classes. */
    public static boolean appliesTo(Set<String> labels) {
        return labels.contains(BONA_FIDE) && labels.contains(ATTACK);
    }

    /** The score of one face: the presentation-attack model's live probability, NaN when the engine runs none. */
    public static double score(FaceAnalysis face) {
        return face.antiSpoof() == null ? Double.NaN : face.antiSpoof().live();
    }

    /** The attack's kind from the label's {@code extra} column, {@value #ATTACK} when not given. */
    public static String species(LabelledFolder.Labelled photo) {
        String s = photo.extra("attack");
        return s.isEmpty() ? ATTACK : s;
    }
}
