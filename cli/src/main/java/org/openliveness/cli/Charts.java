package org.openliveness.cli;

import java.util.Arrays;
import java.util.Locale;
import org.openliveness.devkit.evaluation.OperatingPoint;
import org.openliveness.devkit.evaluation.Scores;

/**
 * Inline SVG charts for the evaluation report: ROC, DET and score histograms. Each method returns
 * one self-contained {@code <svg>} element (no scripts, no external resources).
 */
final class Charts {

    static final int WIDTH = 300;
    static final int HEIGHT = 250;
    private static final int LEFT = 46;
    private static final int RIGHT = 12;
    private static final int TOP = 22;
    private static final int BOTTOM = 40;
    private static final String POSITIVE = "#d95f02";
    private static final String NEGATIVE = "#1b6ca8";

    private Charts() {}

    /** ROC curve: true-accept rate against false-accept rate, both linear 0..1, with the configured point. */
    static String roc(Scores scores, double markerFar, double markerTar) {
        StringBuilder b = open("ROC (AUC " + fmt(scores.auc(), 3) + ")");
        axes(b, "false-accept rate", "true-accept rate");
        for (double v : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            tickX(b, x(v), fmt(v, 2));
            tickY(b, y(v), fmt(v, 2));
        }
        b.append(line(x(0), y(0), x(1), y(1), "#bbb", "4 3"));
        OperatingPoint[] roc = scores.roc();
        double[][] pts = new double[roc.length][];
        for (int i = 0; i < roc.length; i++) {
            pts[i] = new double[] {x(roc[i].falseAcceptRate()), y(roc[i].trueAcceptRate())};
        }
        b.append(polyline(pts, "#333"));
        if (Double.isFinite(markerFar) && Double.isFinite(markerTar)) {
            b.append(marker(x(markerFar), y(markerTar)));
        }
        return close(b);
    }

    /**
     * DET curve: false-reject rate against false-accept rate on normal-deviate (probit) axes from
     * 0.1% to 95%; rates outside are drawn at the edge.
     */
    static String det(Scores scores, double markerFar, double markerFrr) {
        StringBuilder b = open("DET (EER " + fmt(FolderEvaluation.eerRate(scores.equalErrorRate()) * 100, 1) + "%)");
        axes(b, "false-accept rate", "false-reject rate");
        double[] ticks = {0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95};
        for (double t : ticks) {
            String label = t < 0.01 ? "0.1%" : fmt(t * 100, 0) + "%";
            tickX(b, detX(t), label);
            tickY(b, detY(t), label);
        }
        OperatingPoint[] roc = scores.roc();
        double[][] pts = new double[roc.length][];
        for (int i = 0; i < roc.length; i++) {
            pts[i] = new double[] {detX(roc[i].falseAcceptRate()), detY(roc[i].falseRejectRate())};
        }
        b.append(polyline(pts, "#333"));
        if (Double.isFinite(markerFar) && Double.isFinite(markerFrr)) {
            b.append(marker(detX(markerFar), detY(markerFrr)));
        }
        return close(b);
    }

    /** Overlaid histograms of both classes' values, 30 bins, with the threshold as a vertical line. */
    static String histogram(TaskResult.Histogram h) {
        StringBuilder b = open("histogram");
        axes(b, h.label(), "share of class");
        double[] all = concat(h.positives(), h.negatives());
        double lo = Arrays.stream(all).min().orElse(0);
        double hi = Arrays.stream(all).max().orElse(1);
        if (Double.isFinite(h.threshold())) {
            lo = Math.min(lo, h.threshold());
            hi = Math.max(hi, h.threshold());
        }
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        int bins = 30;
        double[] pos = shares(h.positives(), h.positives().length + h.failedPositives(), lo, hi, bins);
        double[] neg = shares(h.negatives(), h.negatives().length + h.failedNegatives(), lo, hi, bins);
        double top = Math.max(1e-9, Math.max(Arrays.stream(pos).max().orElse(0), Arrays.stream(neg).max().orElse(0)));
        double w = (WIDTH - LEFT - RIGHT) / (double) bins;
        for (int k = 0; k < bins; k++) {
            bar(b, LEFT + k * w, neg[k] / top, w, NEGATIVE);
            bar(b, LEFT + k * w, pos[k] / top, w, POSITIVE);
        }
        tickX(b, LEFT, fmt(lo, 2));
        tickX(b, WIDTH - RIGHT, fmt(hi, 2));
        tickY(b, TOP, fmt(top, 2));
        if (Double.isFinite(h.threshold())) {
            double tx = LEFT + (h.threshold() - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT);
            b.append(line(tx, TOP, tx, HEIGHT - BOTTOM, "#c00", null));
        }
        legend(b, 0, POSITIVE, h.positiveName() + " (" + h.positives().length
                + (h.failedPositives() > 0 ? ", " + h.failedPositives() + " failed" : "") + ")");
        legend(b, 1, NEGATIVE, h.negativeName() + " (" + h.negatives().length
                + (h.failedNegatives() > 0 ? ", " + h.failedNegatives() + " failed" : "") + ")");
        return close(b);
    }

    private static double[] shares(double[] values, int total, double lo, double hi, int bins) {
        double[] out = new double[bins];
        for (double v : values) {
            int k = (int) Math.floor((v - lo) / (hi - lo) * bins);
            out[Math.max(0, Math.min(bins - 1, k))]++;
        }
        for (int k = 0; k < bins; k++) {
            out[k] /= Math.max(1, total);
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double x(double rate) {
        return LEFT + rate * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double rate) {
        return HEIGHT - BOTTOM - rate * (HEIGHT - TOP - BOTTOM);
    }

    private static final double DET_LO = probit(0.001);
    private static final double DET_HI = probit(0.95);

    private static double detX(double rate) {
        return x((probit(clamp(rate)) - DET_LO) / (DET_HI - DET_LO));
    }

    private static double detY(double rate) {
        return y((probit(clamp(rate)) - DET_LO) / (DET_HI - DET_LO));
    }

    private static double clamp(double rate) {
        return Math.max(0.001, Math.min(0.95, rate));
    }

    /** The standard normal quantile, by bisection on {@link #normalCdf}. */
    static double probit(double p) {
        double lo = -8;
        double hi = 8;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (normalCdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The standard normal distribution function, from Abramowitz and Stegun's 7.1.26 (error under 1.5e-7). */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static StringBuilder open(String title) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"10\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        b.append(text(WIDTH / 2.0, 13, EvaluationReport.escape(title), "middle", "11"));
        return b;
    }

    private static String close(StringBuilder b) {
        return b.append("</svg>").toString();
    }

    private static void axes(StringBuilder b, String xLabel, String yLabel) {
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        b.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 6, EvaluationReport.escape(xLabel), "middle", "10"));
        b.append(String.format(Locale.ROOT, "<text x=\"11\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 11 %.1f)\">%s</text>",
                (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0, EvaluationReport.escape(yLabel)));
    }

    private static void tickX(StringBuilder b, double px, String label) {
        b.append(line(px, HEIGHT - BOTTOM, px, HEIGHT - BOTTOM + 3, "#888", null));
        b.append(text(px, HEIGHT - BOTTOM + 13, EvaluationReport.escape(label), "middle", "9"));
    }

    private static void tickY(StringBuilder b, double py, String label) {
        b.append(line(LEFT - 3, py, LEFT, py, "#888", null));
        b.append(text(LEFT - 5, py + 3, EvaluationReport.escape(label), "end", "9"));
    }

    private static void bar(StringBuilder b, double x0, double height, double w, String colour) {
        if (height <= 0) {
            return;
        }
        double h = height * (HEIGHT - TOP - BOTTOM);
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.5\"/>",
                x0, HEIGHT - BOTTOM - h, Math.max(0.5, w - 0.5), h, colour));
    }

    private static void legend(StringBuilder b, int row, String colour, String label) {
        double yy = TOP + 12 + row * 13;
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\" fill-opacity=\"0.6\"/>",
                LEFT + 6, yy - 8, colour));
        b.append(text(LEFT + 19, yy, EvaluationReport.escape(label), "start", "9"));
    }

    private static String marker(double px, double py) {
        return String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"none\" stroke=\"#c00\" stroke-width=\"2\">"
                + "<title>configured threshold</title></circle>", px, py);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
                x1, y1, x2, y2, colour, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String polyline(double[][] pts, String colour) {
        StringBuilder b = new StringBuilder("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\" points=\"");
        for (double[] p : pts) {
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        return b.append("\"/>").toString();
    }

    private static String text(double px, double py, String s, String anchor, String size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\">%s</text>",
                px, py, anchor, size, s);
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
