package org.openliveness.devkit.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** APCER, BPCER and ACER on hand-made score lists whose answers can be counted by hand. */
class PadRatesTest {

    @Test
    void ratesAtAThresholdCountScoresAtTheThresholdAsBonaFide() {
        // bona fide (positives): 0.9, 0.7, 0.5 accepted; 0.4, 0.2 rejected → BPCER 2/5
        // attacks (negatives): 0.6, 0.5 accepted; 0.3, 0.1 rejected → APCER 2/4
        Scores s = new Scores(new double[] {0.9, 0.7, 0.5, 0.4, 0.2}, new double[] {0.6, 0.5, 0.3, 0.1});
        PadRates r = PadRates.at(s, 0.5);
        assertEquals(0.5, r.threshold());
        assertEquals(0.5, r.apcer(), 1e-12);
        assertEquals(0.4, r.bpcer(), 1e-12);
        assertEquals(0.45, r.acer(), 1e-12);
    }

    @Test
    void perfectSeparationHasNoErrorsAndAReversedScorerOnlyErrors() {
        Scores perfect = new Scores(new double[] {0.8, 0.9}, new double[] {0.1, 0.2});
        assertEquals(0.0, PadRates.at(perfect, 0.5).acer(), 1e-12);
        Scores reversed = new Scores(new double[] {0.1, 0.2}, new double[] {0.8, 0.9});
        PadRates r = PadRates.at(reversed, 0.5);
        assertEquals(1.0, r.apcer(), 1e-12);
        assertEquals(1.0, r.bpcer(), 1e-12);
        assertEquals(1.0, r.acer(), 1e-12);
    }

    @Test
    void bpcerAtApcerOnePercentAcceptsOneAttackInAHundred() {
        // 100 attacks scoring 0.00 … 0.99; 10 bona fide: five above every attack, five at 0.985.
        double[] attacks = IntStream.range(0, 100).mapToDouble(i -> i / 100.0).toArray();
        double[] bonaFide = {1.5, 1.4, 1.3, 1.2, 1.1, 0.985, 0.985, 0.985, 0.985, 0.985};
        PadRates r = PadRates.atApcer(new Scores(bonaFide, attacks), 0.01);
        // One attack (0.99) may be accepted: the threshold lies just above 0.98.
        assertEquals(0.01, r.apcer(), 1e-12);
        assertEquals(0.0, r.bpcer(), 1e-12);
        assertEquals(Math.nextUp(0.98), r.threshold());
        // At APCER 0% the threshold must clear 0.99, which rejects the five bona fide at 0.985.
        PadRates strict = PadRates.atApcer(new Scores(bonaFide, attacks), 0.0);
        assertEquals(0.0, strict.apcer(), 1e-12);
        assertEquals(0.5, strict.bpcer(), 1e-12);
    }

    @Test
    void bpcerAtApcerNeverSplitsTiedAttacks() {
        // 100 attacks, the two highest tied at 0.9: accepting one means accepting both (2%),
        // so APCER 1% needs a threshold above 0.9.
        double[] attacks = new double[100];
        for (int i = 0; i < 98; i++) {
            attacks[i] = i / 200.0;
        }
        attacks[98] = 0.9;
        attacks[99] = 0.9;
        double[] bonaFide = {0.95, 0.9, 0.6, 0.3};
        PadRates r = PadRates.atApcer(new Scores(bonaFide, attacks), 0.01);
        assertEquals(0.0, r.apcer(), 1e-12);
        assertEquals(0.75, r.bpcer(), 1e-12);
    }

    @Test
    void anUnanalysedPresentationIsNeverAcceptedAsBonaFide() {
        Scores s = new Scores(new double[] {0.9, Double.NEGATIVE_INFINITY}, new double[] {0.1, Double.NEGATIVE_INFINITY});
        PadRates r = PadRates.at(s, 0.5);
        assertEquals(0.5, r.bpcer(), 1e-12);   // the bona fide photo without a face is rejected
        assertEquals(0.0, r.apcer(), 1e-12);   // the attack without a face is not accepted
    }
}
