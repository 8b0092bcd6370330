package org.openliveness.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.openliveness.devkit.evaluation.Calibration;
import org.openliveness.devkit.evaluation.OperatingPoint;
import org.openliveness.devkit.evaluation.Scores;
import org.openliveness.engine.verdict.VerdictThresholds;

/**
 * Thresholds proposed for stated targets ({@code evaluate --suggest}), pooled over the datasets that
 * measure each one.
 *
 * <p>The passive presentation-attack check ({@code passiveMinLive}) is calibrated the other way
 * round: on the bona fide photos of every folder, so that at most the target share of real people is
 * flagged; its APCER on the attack folders is then what it is, reported per set.
 *
 * <p>Each target pools the scores of every (dataset, task) that feeds it. Negatives the engine could
 * not analyse are left out (in the service they never reach the threshold), so false-accept rates
 * are over analysed negatives; true-accept rates count every positive, a failure as a reject. Real
 * data wins: when any
 * folder without the made-up marker feeds a target, only real folders are used; made-up folders are
 * used only where no real data exists, and the suggestion then says so. A suggestion outside the
 * range {@link VerdictThresholds} accepts is clamped into it, and the comment says so.
 */
final class ThresholdSuggestions {

    /**
     * One thing to calibrate.
     *
     * @param parameter  the {@link VerdictThresholds} component
     * @param source     which {@link TaskResult.SuggestionInput#source()} feeds it
     * @param target     the false-accept rate aimed at on the negatives, or for {@code onPositives} the
     *                   false-reject rate aimed at on the positives (BPCER for the passive check)
     * @param decimals   rounding
     * @param atMost     whether the threshold is an upper bound on the value (blink)
     * @param negatives  what the negatives are
     * @param positives  what the positives are
     * @param lo         lowest value the configuration accepts
     * @param hi         highest value the configuration accepts
     * @param onPositives whether the target is a false-reject rate of the positives
     */
    record Target(String parameter, String source, double target, int decimals, boolean atMost, String negatives,
                  String positives, double lo, double hi, boolean onPositives) {

        Target(String parameter, String source, double target, int decimals, boolean atMost, String negatives,
               String positives, double lo, double hi) {
            this(parameter, source, target, decimals, atMost, negatives, positives, lo, hi, false);
        }

        double configured(VerdictThresholds t) {
            try {
                return ((Number) VerdictThresholds.class.getMethod(parameter).invoke(t)).doubleValue();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("VerdictThresholds has no " + parameter, e);
            }
        }

        double oriented(double value) {
            return atMost ? -value : value;
        }
    }

    static List<Target> targets(VerdictThresholds t) {
        return List.of(
                new Target("faceMatch", "identity", 0.001, 3, false, "impostor pairs", "genuine pairs", 0, 1),
                new Target("sameIdentity", "identity", 0.01, 3, false, "impostor pairs", "genuine pairs", 0, 1),
                new Target("smileMin", "smileMin", 0.01, 3, false, "neutral faces", "smiles", 0.05, 1),
                new Target("mouthMinOpenness", "mouthMinOpenness", 0.01, 3, false, "closed mouths and neutral faces",
                        "open mouths", 0.05, 1),
                new Target("blinkMaxOpenness", "blinkMaxOpenness", 0.01, 3, true, "open eyes", "closed eyes", 0, 0.95),
                new Target("turnYawChange", "turnYawChange", 0.01, 1, false,
                        "frontal photos judged as turn left and as turn right", "performed turns",
                        t.planarMinYawDifference(), 60),
                new Target("lookUpPitchChange", "lookUpPitchChange", 0.01, 1, false, "frontal photos judged as look up",
                        "performed look-ups", 2, 45),
                new Target("passiveMinLive", "passiveMinLive", 0.02, 3, false, "attacks (APCER)",
                        "bona fide photos", 0.001, 0.99, true));
    }

    /**
     * A suggestion with the figures behind it.
     *
     * @param target     what was calibrated
     * @param value      the suggested threshold (on the measure, clamped to the accepted range)
     * @param raw        the threshold the data gave before clamping
     * @param at         the rates at {@code value} on the pooled data (on oriented scores)
     * @param positives  number of positives
     * @param negatives  number of negatives
     * @param configured the current configured value
     * @param atConfigured the rates at the configured value on the same data
     * @param madeUp     whether the data is made up
     * @param datasets   the datasets pooled
     * @param madeUpAlso a suggestion from the made-up datasets alone, when real data was used but made-up exists too
     */
    record Suggested(Target target, double value, double raw, OperatingPoint at, int positives, int negatives,
                     double configured, OperatingPoint atConfigured, boolean madeUp, List<String> datasets,
                     Suggested madeUpAlso) {

        int falseAccepts() {
            return (int) Math.round(at.falseAcceptRate() * negatives);
        }

        int trueAccepts() {
            return (int) Math.round(at.trueAcceptRate() * positives);
        }
    }

    private final VerdictThresholds thresholds;
    private final List<Suggested> suggested = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    ThresholdSuggestions(List<TaskResult> results, VerdictThresholds thresholds) {
        this.thresholds = thresholds;
        for (Target target : targets(thresholds)) {
            List<TaskResult> feeding = results.stream()
                    .filter(r -> r.suggestionInput() != null && r.suggestionInput().source().equals(target.source()))
                    .toList();
            List<TaskResult> real = feeding.stream().filter(r -> !r.madeUp()).toList();
            List<TaskResult> madeUp = feeding.stream().filter(TaskResult::madeUp).toList();
            if (feeding.isEmpty()) {
                missing.add(target.parameter());
                continue;
            }
            try {
                Suggested fromMadeUp = madeUp.isEmpty() ? null : suggest(target, madeUp, true, null);
                suggested.add(real.isEmpty() ? fromMadeUp : suggest(target, real, false, fromMadeUp));
            } catch (IllegalArgumentException e) {
                missing.add(target.parameter() + " (" + e.getMessage() + ")");
            }
        }
    }

    List<Suggested> suggested() {
        return suggested;
    }

    /** Targets no dataset fed, or fed with data no threshold could be found on (with the reason). */
    List<String> missing() {
        return missing;
    }

    private Suggested suggest(Target target, List<TaskResult> from, boolean madeUp, Suggested madeUpAlso) {
        double[] pos = from.stream().flatMapToDouble(r -> DoubleStream.of(r.suggestionInput().positives())).toArray();
        // Negatives that could not be analysed never reach a threshold in the service (it answers NO_FACE
        // or refuses the file), so they are left out: the false-accept rate is over analysed negatives.
        double[] neg = from.stream().flatMapToDouble(r -> DoubleStream.of(r.suggestionInput().negatives()))
                .filter(Double::isFinite).toArray();
        if (target.onPositives()) {
            return suggestOnPositives(target, from, madeUp, madeUpAlso, pos, neg);
        }
        Scores pooled = new Scores(pos, neg);
        Calibration.Suggestion s = Calibration.atFalseAcceptRate(pooled, target.target(), target.decimals());
        double raw = target.atMost() ? -s.threshold() : s.threshold();
        double value = Math.max(target.lo(), Math.min(target.hi(), raw));
        OperatingPoint at = pooled.at(target.oriented(value));
        double configured = target.configured(thresholds);
        OperatingPoint atConfigured = pooled.at(target.oriented(configured));
        List<String> datasets = from.stream().map(TaskResult::dataset).distinct().toList();
        return new Suggested(target, value, raw, at, pos.length, neg.length, configured, atConfigured, madeUp, datasets, madeUpAlso);
    }

    /**
     * The passive check's threshold: the highest at which at most the target share of the analysed
     * bona fide photos is flagged (live probability below it); its rates on the attacks, if any fed
     * the target, as the false-accept (APCER) side. Rates are over analysed photos: the positives'
     * "accept rate" is one minus the share flagged.
     */
    private Suggested suggestOnPositives(Target target, List<TaskResult> from, boolean madeUp, Suggested madeUpAlso,
                                         double[] pos, double[] neg) {
        double[] bonaFide = DoubleStream.of(pos).filter(Double::isFinite).toArray();
        Calibration.RejectSuggestion s = Calibration.atFalseRejectRate(bonaFide, target.target(), target.decimals());
        double value = Math.max(target.lo(), Math.min(target.hi(), s.threshold()));
        double configured = target.configured(thresholds);
        List<String> datasets = from.stream().map(TaskResult::dataset).distinct().toList();
        return new Suggested(target, value, s.threshold(), rates(bonaFide, neg, value), bonaFide.length, neg.length, configured,
                rates(bonaFide, neg, configured), madeUp, datasets, madeUpAlso);
    }

    /** At {@code t}: bona fide accepted (live ≥ t) as the true-accept rate, attacks accepted as the false-accept rate (NaN without attacks). */
    private static OperatingPoint rates(double[] bonaFide, double[] attacks, double t) {
        double tar = DoubleStream.of(bonaFide).filter(v -> v >= t).count() / (double) bonaFide.length;
        double far = attacks.length == 0 ? Double.NaN : DoubleStream.of(attacks).filter(v -> v >= t).count() / (double) attacks.length;
        return new OperatingPoint(t, tar, far);
    }

    /** {@code turnYawChange} → {@code turn-yaw-change}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The suggestions as a configuration snippet, the figures behind each as comments. */
    String yaml(String date) {
        StringBuilder b = new StringBuilder();
        b.append("# Thresholds suggested by `openliveness evaluate --suggest` on ").append(date).append(". Review before use.\n");
        b.append("# FAR: share of the negative class accepted; TAR: share of the positive class accepted; both on\n");
        b.append("# the data named (FAR over the negatives the engine could analyse; TAR over every positive, a photo\n");
        b.append("# without a face counting as a reject). Real data is used where there is any; \"MADE-UP\" marks\n");
        b.append("# suggestions resting only on");
        b.append(" rendered or simulated photos, which say little about real captures.\n");
        b.append("openliveness:\n  verdict:\n");
        for (Suggested s : suggested) {
            Target t = s.target();
            String key = kebab(t.parameter());
            String format = "%." + t.decimals() + "f";
            String v = String.format(Locale.ROOT, format, s.value());
            b.append("    # ").append(key).append(": ").append(t.onPositives() ? "BPCER" : "FAR").append(" <= ")
                    .append(percent(t.target())).append(" on ").append(t.onPositives() ? t.positives() : t.negatives())
                    .append(s.madeUp() ? ", MADE-UP data: " : ", real data: ").append(String.join(", ", s.datasets())).append('\n');
            if (t.onPositives()) {
                b.append(String.format(Locale.ROOT, "    #   at %s (flagged below): BPCER %.4f (%d of %d analysed bona fide photos)%s%n",
                        v, 1 - s.at().trueAcceptRate(), s.positives() - s.trueAccepts(), s.positives(),
                        s.negatives() == 0 ? "; no attacks in these folders"
                                : String.format(Locale.ROOT, ", APCER %.4f (%d of %d analysed attacks pass)", s.at().falseAcceptRate(),
                                s.falseAccepts(), s.negatives())));
                b.append(String.format(Locale.ROOT, "    #   configured now " + format + ": BPCER %.4f%s%n", s.configured(),
                        1 - s.atConfigured().trueAcceptRate(), s.negatives() == 0 ? ""
                                : String.format(Locale.ROOT, ", APCER %.4f", s.atConfigured().falseAcceptRate())));
                b.append("    #   per-photo rates; the verdict takes the median over a session's photos. Report APCER per\n")
                        .append("    #   attack set (metrics.json), never only pooled.\n");
            } else {
                b.append(String.format(Locale.ROOT, "    #   at %s (accepted %s): FAR %.4f (%d of %d), TAR %.3f (%d of %d %s)%n",
                        v, t.atMost() ? "at or under" : "at or over", s.at().falseAcceptRate(), s.falseAccepts(),
                        s.negatives(), s.at().trueAcceptRate(), s.trueAccepts(), s.positives(), t.positives()));
                b.append(String.format(Locale.ROOT, "    #   configured now " + format + ": FAR %.4f, TAR %.3f%n", s.configured(),
                        s.atConfigured().falseAcceptRate(), s.atConfigured().trueAcceptRate()));
            }
            if (s.value() != s.raw()) {
                b.append(String.format(Locale.ROOT, "    #   the data gave " + format + ", outside the accepted range "
                        + format + ".." + format + "; clamped%n", s.raw(), t.lo(), t.hi()));
            }
            int sampled = t.onPositives() ? s.positives() : s.negatives();
            if (t.target() * sampled < 1) {
                b.append(String.format(Locale.ROOT, "    #   %s of %d %s is under one: this only clears the extreme one; "
                        + "with none wrong the true rate may still be up to %.1f%% (95%%, rule of three)%n",
                        percent(t.target()), sampled, t.onPositives() ? "positives" : "negatives", 300.0 / sampled));
            }
            if (s.madeUpAlso() != null) {
                Suggested m = s.madeUpAlso();
                b.append(String.format(Locale.ROOT, "    #   made-up data alone (%s) would give " + format
                                + (t.onPositives() ? " (APCER %.4f of %d, BPCER %.3f of %d)%n" : " (FAR %.4f of %d, TAR %.3f of %d)%n"),
                        String.join(", ", m.datasets()), m.value(), m.at().falseAcceptRate(), m.negatives(),
                        t.onPositives() ? 1 - m.at().trueAcceptRate() : m.at().trueAcceptRate(), m.positives()));
            }
            b.append("    ").append(key).append(": ").append(v).append("\n");
        }
        for (String m : missing) {
            b.append("    # ").append(kebab(m)).append(": not suggested (no dataset measured it, or as noted)\n");
        }
        String invalid = validate();
        if (invalid != null) {
            b.append("    # WARNING: these values together are not a valid configuration: ").append(invalid).append('\n');
        }
        return b.toString();
    }

    /**
     * Builds a {@link VerdictThresholds} from the defaults with every suggested value in place;
     * null when it is valid, else the validation message.
     */
    String validate() {
        Map<String, Double> values = new LinkedHashMap<>();
        suggested.forEach(s -> values.put(s.target().parameter(), s.value()));
        try {
            RecordComponent[] components = VerdictThresholds.class.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                Object current = components[i].getAccessor().invoke(thresholds);
                Double replacement = values.get(components[i].getName());
                args[i] = replacement != null && types[i] == double.class ? replacement : current;
            }
            Constructor<VerdictThresholds> c = VerdictThresholds.class.getDeclaredConstructor(types);
            c.newInstance(args);
            return null;
        } catch (java.lang.reflect.InvocationTargetException e) {
            return e.getCause().getMessage();
        } catch (ReflectiveOperationException e) {
            return "cannot build the configuration record: " + e;
        }
    }

    private static String percent(double rate) {
        String s = String.format(Locale.ROOT, "%.1f", rate * 100);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "%";
    }
}
