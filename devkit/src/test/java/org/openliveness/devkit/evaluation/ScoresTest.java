package org.openliveness.devkit.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoresTest {

    @Test
    void perfectScorerHasAucOneAndReversedScorerZero() {
        Scores perfect = new Scores(new double[] {0.9, 0.8, 0.7}, new double[] {0.1, 0.2, 0.3});
        assertEquals(1.0, perfect.auc(), 1e-12);
        Scores reversed = new Scores(new double[] {0.1, 0.2}, new double[] {0.8, 0.9});
        assertEquals(0.0, reversed.auc(), 1e-12);
    }

    @Test
    void constantScorerHasAucOneHalfAndRandomScorerNearOneHalf() {
        assertEquals(0.5, new Scores(new double[] {1, 1, 1}, new double[] {1, 1}).auc(), 1e-12);
        Random random = new Random(7);
        double[] pos = random.doubles(4000).toArray();
        double[] neg = random.doubles(4000).toArray();
        assertEquals(0.5, new Scores(pos, neg).auc(), 0.02);
    }

    @Test
    void aucCountsTiesAsHalf() {
        // pairs: (2 vs 1) win, (2 vs 2) tie, (1 vs 1) tie, (1 vs 2) loss → (1 + 0.5 + 0.5 + 0) / 4
        assertEquals(0.5, new Scores(new double[] {2, 1}, new double[] {1, 2}).auc(), 1e-12);
        // (3 vs 1) win, (3 vs 3) tie → 0.75
        assertEquals(0.75, new Scores(new double[] {3}, new double[] {1, 3}).auc(), 1e-12);
    }

    @Test
    void ratesAtAThresholdCountScoresAtTheThresholdAsAccepted() {
        // live = positives, attacks = negatives; accept when score ≥ 0.5
        Scores s = new Scores(new double[] {0.9, 0.6, 0.5, 0.2}, new double[] {0.5, 0.3, 0.1, 0.05, 0.0});
        OperatingPoint op = s.at(0.5);
        assertEquals(0.75, op.trueAcceptRate(), 1e-12);   // BPCER 0.25
        assertEquals(0.25, op.falseRejectRate(), 1e-12);
        assertEquals(0.2, op.falseAcceptRate(), 1e-12);   // APCER 1/5
    }

    @Test
    void tarAtFarNeverSplitsTiedImpostors() {
        // 10 impostors, two tied at the top: FAR 10% cannot be reached by accepting one of them,
        // so the threshold lies above both and FAR is 0.
        double[] impostors = {0.9, 0.9, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0, -0.1, -0.2};
        double[] genuine = {0.95, 0.9, 0.8, 0.6};
        Scores s = new Scores(genuine, impostors);
        OperatingPoint op = s.atFalseAcceptRate(0.10);
        assertEquals(0.0, op.falseAcceptRate(), 1e-12);
        assertEquals(0.25, op.trueAcceptRate(), 1e-12);
        // at 20% both tied impostors may be accepted: threshold just above 0.5
        OperatingPoint op20 = s.atFalseAcceptRate(0.20);
        assertEquals(0.2, op20.falseAcceptRate(), 1e-12);
        assertEquals(1.0, op20.trueAcceptRate(), 1e-12);
    }

    @Test
    void unscoredSamplesAreNeverAccepted() {
        Scores s = new Scores(new double[] {0.9, Double.NEGATIVE_INFINITY}, new double[] {0.1, Double.NEGATIVE_INFINITY});
        assertEquals(0.5, s.at(0.5).trueAcceptRate(), 1e-12);
        assertEquals(0.5, s.atFalseAcceptRate(0.5).trueAcceptRate(), 1e-12);
    }

    @Test
    void equalErrorRateOfSeparableScoresIsZero() {
        Scores s = new Scores(new double[] {0.9, 0.8}, new double[] {0.1, 0.2});
        OperatingPoint eer = s.equalErrorRate();
        assertEquals(0.0, eer.falseAcceptRate(), 1e-12);
        assertEquals(0.0, eer.falseRejectRate(), 1e-12);
    }

    @Test
    void rejectsEmptyClassesAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> new Scores(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Scores(new double[] {Double.NaN}, new double[] {1}));
    }
}
