package org.openliveness.devkit.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void suggestsTheLowestThresholdAtTheTargetRoundedUp() {
        // 200 negatives 0.0000 … 0.9950 in steps of 0.005; FAR 1% allows the two highest (0.99, 0.995).
        double[] negatives = IntStream.range(0, 200).mapToDouble(i -> i / 200.0).toArray();
        double[] positives = {0.99, 0.992, 0.996, 1.2};
        Calibration.Suggestion s = Calibration.atFalseAcceptRate(new Scores(positives, negatives), 0.01, 3);
        // just above the third highest negative 0.985, rounded up to 0.986
        assertEquals(0.986, s.threshold(), 1e-12);
        assertEquals(0.01, s.at().falseAcceptRate(), 1e-12);
        assertEquals(2, s.falseAccepts());
        assertEquals(4, s.trueAccepts());
        assertTrue(s.resolvable());
    }

    @Test
    void roundingNeverRaisesTheFalseAcceptRate() {
        double[] negatives = {0.9051, 0.5, 0.4};
        Calibration.Suggestion s = Calibration.atFalseAcceptRate(new Scores(new double[] {0.95, 0.906}, negatives), 0.0, 3);
        assertEquals(0.906, s.threshold(), 1e-12);
        assertEquals(0.0, s.at().falseAcceptRate(), 1e-12);
        assertEquals(1.0, s.at().trueAcceptRate(), 1e-12);
        assertFalse(new Calibration.Suggestion(0.001, 0.9, s.at(), 2, 580).resolvable(), "0.1% of 580 is under one sample");
    }

    @Test
    void anAtMostRuleIsCalibratedOnItsOrientedScore() {
        // eyes: accept a blink when openness ≤ t; open eyes (negatives) 0.50 … 0.99, closed 0.2 and 0.45
        DecisionRule rule = LabelTask.EYES_RULE;
        double[] open = IntStream.range(0, 50).mapToDouble(i -> rule.oriented(0.5 + i * 0.01)).toArray();
        double[] closed = {rule.oriented(0.2), rule.oriented(0.45)};
        Calibration.Suggestion s = Calibration.atFalseAcceptRate(new Scores(closed, open), 0.0, 3);
        double t = rule.fromOriented(s.threshold());
        assertEquals(0.499, t, 1e-12);
        assertTrue(rule.accepts(0.45, t) && !rule.accepts(0.5, t));
    }

    @Test
    void aFalseRejectTargetGivesTheHighestThresholdRoundedDown() {
        // 100 bona fide live scores 0.001, 0.002, … 0.100 and two unscored: 2% allows the two lowest.
        double[] bonaFide = IntStream.rangeClosed(1, 102).mapToDouble(i -> i <= 100 ? i / 1000.0 : Double.NEGATIVE_INFINITY).toArray();
        Calibration.RejectSuggestion s = Calibration.atFalseRejectRate(bonaFide, 0.02, 3);
        assertEquals(0.003, s.threshold(), 1e-12, "0.001 and 0.002 fall below it, 0.003 does not");
        assertEquals(2, s.rejected());
        assertEquals(100, s.positives(), "unscored photos are left out");
        assertEquals(0.02, s.falseRejectRate(), 1e-12);
        // rounding down: 0.0034 would reject only the two as well, and is rounded to 0.003
        Calibration.RejectSuggestion r = Calibration.atFalseRejectRate(new double[] {0.0034, 0.5, 0.6}, 0.0, 3);
        assertEquals(0.003, r.threshold(), 1e-12);
        assertEquals(0, r.rejected());
        assertFalse(r.resolvable(), "0% of 3 cannot be observed");
        assertThrows(IllegalArgumentException.class, () -> Calibration.atFalseRejectRate(new double[] {Double.NEGATIVE_INFINITY}, 0.02, 3));
    }

    @Test
    void roundUpGoesToTheNextMultiple() {
        assertEquals(0.906, Calibration.roundUp(0.90500001, 3), 1e-15);
        assertEquals(0.905, Calibration.roundUp(0.905, 3), 1e-15);
        assertEquals(-0.619, Calibration.roundUp(-0.6199, 3), 1e-15);
        assertEquals(20.1, Calibration.roundUp(20.01, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Calibration.atFalseAcceptRate(new Scores(new double[] {1}, new double[] {0}), 1.0, 3));
    }
}
