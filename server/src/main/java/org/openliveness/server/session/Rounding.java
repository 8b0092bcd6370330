package org.openliveness.server.session;

/** Scores and measures are stored and shown to four decimals: finer digits are noise of the models. */
final class Rounding {

    private Rounding() {
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /** Rounded, or null for NaN (a value that was not measured). */
    static Double orNull(double v) {
        return Double.isNaN(v) ? null : round(v);
    }
}
