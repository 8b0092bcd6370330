package org.openliveness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.openliveness.devkit.evaluation.AttackTask;
import org.openliveness.devkit.evaluation.Calibration;
import org.openliveness.devkit.evaluation.ChallengeEvaluation;
import org.openliveness.devkit.evaluation.ChallengeTask;
import org.openliveness.devkit.evaluation.DecisionRule;
import org.openliveness.devkit.evaluation.LabelTask;
import org.openliveness.devkit.evaluation.LabelledFolder;
import org.openliveness.devkit.evaluation.OperatingPoint;
import org.openliveness.devkit.evaluation.PadRates;
import org.openliveness.devkit.evaluation.Scores;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.VerdictThresholds;

/**
 * Measures every task one folder's labels support, from the engine's outcome per photo.
 *
 * <p>A photo the engine could not analyse (unreadable, refused, no face) is never dropped: it has
 * no score, so it is never accepted. In a positive class that is a false reject (a missed smile, a
 * bona fide photo rejected, a genuine pair not matched); in a negative class it is a correct
 * reject. Each entry counts these failures by class and lists the files.
 */
final class FolderEvaluation {

    private final String dataset;
    private final boolean madeUp;
    private final LabelledFolder folder;
    private final Map<String, EvaluateCommand.Outcome> outcomes;
    private final VerdictThresholds thresholds;
    private final SessionJudge judge;
    private final String embeddingModel;
    private final String padModel;
    private final PrintWriter out;

    /**
     * @param padModel the presentation-attack model's name, or null when the engine runs none (then no
     *                 presentation-attack figures are made)
     */
    FolderEvaluation(String dataset, LabelledFolder folder, Map<String, EvaluateCommand.Outcome> outcomes,
                     VerdictThresholds thresholds, String embeddingModel, String padModel, PrintWriter out) {
        this.dataset = dataset;
        this.madeUp = folder.madeUp();
        this.folder = folder;
        this.outcomes = outcomes;
        this.thresholds = thresholds;
        this.judge = new SessionJudge(thresholds, SessionJudge.DEFAULT_MAX_RETRIES);
        this.embeddingModel = embeddingModel;
        this.padModel = padModel;
        this.out = out;
    }

    /** Every task the folder supports, in report order. */
    List<TaskResult> evaluate() {
        List<TaskResult> results = new ArrayList<>();
        for (LabelTask task : LabelTask.ALL) {
            if (task.appliesTo(folder.distinctLabels())) {
                results.add(labelTask(task));
            }
        }
        for (ChallengeTask task : ChallengeTask.ALL) {
            if (task.appliesTo(folder.distinctLabels())) {
                results.add(challenge(task));
            }
        }
        if (padModel != null && AttackTask.appliesTo(folder.distinctLabels())) {
            results.add(attacks());
        } else if (padModel != null && !folder.distinctLabels().contains(AttackTask.ATTACK)) {
            results.add(bonaFide());
        }
        if (!folder.pairs().isEmpty()) {
            results.add(pairs());
        }
        return results;
    }

    /** Collects one binary task's samples. */
    private static final class Samples {
        final List<Double> rankPos = new ArrayList<>();
        final List<Double> rankNeg = new ArrayList<>();
        final List<Double> valuePos = new ArrayList<>();
        final List<Double> valueNeg = new ArrayList<>();
        final List<Double> orientedPos = new ArrayList<>();
        final List<Double> orientedNeg = new ArrayList<>();
        int failedPos;
        int failedNeg;
        final ArrayNode failedFiles = AnalysisJson.MAPPER.createArrayNode();

        void fail(String file, EvaluateCommand.Outcome o, boolean positive) {
            if (positive) {
                failedPos++;
            } else {
                failedNeg++;
            }
            ObjectNode f = failedFiles.addObject();
            f.put("file", file);
            f.put("class", positive ? "positive" : "negative");
            if (o != null && o.ok() && !o.examination().isUsable()) {
                // Analysed, but the verdict's usable-face rule refuses it (as the service would).
                f.put("kind", o.examination().problem().reason().name());
                f.put("reason", o.examination().problem().reason() + ": " + o.examination().problem().detail());
                return;
            }
            f.put("kind", o == null ? "NOT_ANALYSED" : o.kind());
            f.put("reason", o == null ? "not analysed" : o.failure());
        }

        int failures() {
            return failedPos + failedNeg;
        }
    }

    private TaskResult labelTask(LabelTask task) {
        DecisionRule rule = task.rule();
        Samples s = new Samples();
        for (LabelledFolder.Labelled l : folder.labels()) {
            boolean positive = task.positive().contains(l.label());
            if (!positive && !task.negative().contains(l.label())) {
                continue;
            }
            EvaluateCommand.Outcome o = outcomes.get(l.file());
            if (o == null || !o.ok()) {
                s.fail(l.file(), o, positive);
                (positive ? s.rankPos : s.rankNeg).add(Double.NEGATIVE_INFINITY);
                (positive ? s.orientedPos : s.orientedNeg).add(Double.NEGATIVE_INFINITY);
                continue;
            }
            double value = rule.value().applyAsDouble(o.face());
            (positive ? s.rankPos : s.rankNeg).add(task.score().applyAsDouble(o.face()));
            (positive ? s.valuePos : s.valueNeg).add(value);
            (positive ? s.orientedPos : s.orientedNeg).add(rule.oriented(value));
        }
        Scores ranking = new Scores(array(s.rankPos), array(s.rankNeg));
        Scores oriented = new Scores(array(s.orientedPos), array(s.orientedNeg));
        double t = rule.threshold().applyAsDouble(thresholds);
        OperatingPoint op = oriented.at(rule.oriented(t));

        ObjectNode entry = entry(task.name(), "expression", ranking, s);
        entry.put("measure", task.measure());
        entry.put("positive", String.join("|", task.positive()));
        entry.put("negative", String.join("|", task.negative()));
        entry.put("parameter", rule.parameter());
        entry.put("threshold", t);
        entry.put("rule", rule.describe(t) + " (absolute, on the photo alone)");
        entry.set("atThreshold", fourOutcomes(op, ranking));
        try {
            Calibration.Suggestion far1 = Calibration.atFalseAcceptRate(analysedNegatives(oriented), 0.01, 3);
            ObjectNode n = entry.putObject("thresholdAtFar1");
            n.put("threshold", rule.fromOriented(far1.threshold()));
            n.put("over", "analysed negatives");
            n.put("trueAcceptRate", round(far1.at().trueAcceptRate()));
            n.put("falseAcceptRate", round(far1.at().falseAcceptRate()));
        } catch (IllegalArgumentException e) {
            entry.put("thresholdAtFar1", "none: " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%-16s %s vs %s: n=%d (%d+%d), AUC %.3f [%s]; at %s: accepts %.3f of %s, %.3f of %s; failures %d%n",
                task.name(), task.positive(), task.negative(), ranking.size(), ranking.positives().length,
                ranking.negatives().length, ranking.auc(), task.measure(), rule.describe(t), op.trueAcceptRate(),
                String.join("|", task.positive()), op.falseAcceptRate(), String.join("|", task.negative()), s.failures());
        Scores analysed = analysedOnly(ranking);
        if (analysed != null && s.failures() > 0) {
            out.printf(Locale.ROOT, "%-16s photos with a face only (%d+%d): AUC %.3f%n", "",
                    analysed.positives().length, analysed.negatives().length, analysed.auc());
        }
        TaskResult.Histogram h = new TaskResult.Histogram(array(s.valuePos), array(s.valueNeg), s.failedPos, s.failedNeg, t,
                rule.measure(), String.join("|", task.positive()), String.join("|", task.negative()));
        return new TaskResult(dataset, madeUp, task.name(), "expression", ranking, task.measure(), h,
                op.falseAcceptRate(), op.trueAcceptRate(), new TaskResult.SuggestionInput(rule.parameter(), oriented), entry);
    }

    private TaskResult challenge(ChallengeTask task) {
        List<ChallengeEvaluation.Photo> photos = new ArrayList<>();
        for (LabelledFolder.Labelled l : folder.labels()) {
            EvaluateCommand.Outcome o = outcomes.get(l.file());
            photos.add(new ChallengeEvaluation.Photo(l.file(), l.label(), l.extra("subject"), o == null ? null : o.examination()));
        }
        List<ChallengeEvaluation.Judged> judged = ChallengeEvaluation.judge(task, photos, judge);
        Samples s = new Samples();
        List<Double> frontal = new ArrayList<>();
        Map<String, int[]> byLabel = new LinkedHashMap<>();
        int metPos = 0;
        int metNeg = 0;
        int metFrontal = 0;
        for (ChallengeEvaluation.Judged j : judged) {
            boolean positive = j.performed();
            if (!j.photo().usable()) {
                s.fail(j.photo().file(), outcomes.get(j.photo().file()), positive);
            } else {
                (positive ? s.valuePos : s.valueNeg).add(j.value());
            }
            (positive ? s.rankPos : s.rankNeg).add(j.value());
            int[] counts = byLabel.computeIfAbsent(j.photo().label(), k -> new int[2]);
            counts[0]++;
            counts[1] += j.met() ? 1 : 0;
            if (positive) {
                metPos += j.met() ? 1 : 0;
            } else {
                metNeg += j.met() ? 1 : 0;
                if (j.photo().label().equals(ChallengeTask.FRONTAL)) {
                    frontal.add(j.value());
                    metFrontal += j.met() ? 1 : 0;
                }
            }
        }
        Scores ranking = new Scores(array(s.rankPos), array(s.rankNeg));
        double t = task.threshold().applyAsDouble(thresholds);
        double acceptPerformed = (double) metPos / ranking.positives().length;
        double falseAcceptOthers = (double) metNeg / ranking.negatives().length;
        double falseAcceptFrontal = (double) metFrontal / frontal.size();
        String measure = task.type().isTurn() ? "yaw change" : "pitch change";

        ObjectNode entry = entry(task.name(), "challenge", ranking, s);
        entry.put("challenge", task.type().name());
        entry.put("measure", measure + " (degrees, towards the challenge) from the mean of the subject's other frontal photos,"
                + " judged by SessionJudge.judge");
        entry.put("positive", task.label());
        entry.put("negative", "every other pose label");
        entry.put("parameter", task.parameter());
        entry.put("threshold", t);
        entry.put("acceptRateOfPerformed", round(acceptPerformed));
        entry.put("falseAcceptRateOfOthers", round(falseAcceptOthers));
        entry.put("falseAcceptRateOfFrontal", round(falseAcceptFrontal));
        entry.put("frontal", frontal.size());
        ObjectNode labels = entry.putObject("acceptRateByLabel");
        byLabel.forEach((label, c) -> labels.putObject(label).put("n", c[0]).put("acceptRate", round((double) c[1] / c[0])));
        Scores vsFrontal = new Scores(array(s.rankPos), array(frontal));
        try {
            Calibration.Suggestion far1 = Calibration.atFalseAcceptRate(analysedNegatives(vsFrontal), 0.01, 1);
            ObjectNode n = entry.putObject("thresholdAtFar1OfFrontal");
            n.put("threshold", far1.threshold());
            n.put("over", "analysed frontal photos");
            n.put("trueAcceptRate", round(far1.at().trueAcceptRate()));
            n.put("falseAcceptRate", round(far1.at().falseAcceptRate()));
        } catch (IllegalArgumentException e) {
            entry.put("thresholdAtFar1OfFrontal", "none: " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%-16s %s (%s >= %.1f°): accepts %.3f of %d performed, %.3f of %d other pose photos "
                        + "(%.3f of %d frontal); AUC %.3f; failures %d%n",
                task.name(), task.type(), measure, t, acceptPerformed, ranking.positives().length, falseAcceptOthers,
                ranking.negatives().length, falseAcceptFrontal, frontal.size(), ranking.auc(), s.failures());
        TaskResult.Histogram h = new TaskResult.Histogram(array(s.valuePos), array(s.valueNeg), s.failedPos, s.failedNeg, t,
                measure + " (degrees)", task.label(), "other pose photos");
        return new TaskResult(dataset, madeUp, task.name(), "challenge", ranking, measure + " (degrees)", h,
                falseAcceptOthers, acceptPerformed, new TaskResult.SuggestionInput(task.parameter(), vsFrontal), entry);
    }

    private TaskResult attacks() {
        Samples s = new Samples();
        Map<String, int[]> species = new LinkedHashMap<>();
        double t = thresholds.passiveMinLive();
        for (LabelledFolder.Labelled l : folder.labels()) {
            boolean bonaFide = l.label().equals(AttackTask.BONA_FIDE);
            if (!bonaFide && !l.label().equals(AttackTask.ATTACK)) {
                continue;
            }
            EvaluateCommand.Outcome o = outcomes.get(l.file());
            double score = Double.NEGATIVE_INFINITY;
            if (o == null || !o.ok() || Double.isNaN(AttackTask.score(o.face()))) {
                s.fail(l.file(), o, bonaFide);
            } else {
                score = AttackTask.score(o.face());
                (bonaFide ? s.valuePos : s.valueNeg).add(score);
            }
            (bonaFide ? s.rankPos : s.rankNeg).add(score);
            if (!bonaFide) {
                int[] c = species.computeIfAbsent(AttackTask.species(l), k -> new int[2]);
                c[0]++;
                c[1] += score >= t ? 1 : 0;
            }
        }
        Scores scores = new Scores(array(s.rankPos), array(s.rankNeg));
        PadRates at = PadRates.at(scores, t);
        PadRates at1 = PadRates.atApcer(scores, 0.01);
        ObjectNode entry = entry("presentation_attack", "attack", scores, s);
        entry.put("measure", AttackTask.MEASURE);
        entry.put("model", padModel);
        entry.put("positive", AttackTask.BONA_FIDE);
        entry.put("negative", AttackTask.ATTACK);
        entry.put("passiveModelVotes", true);
        entry.put("note", "Per photo; the verdict's passive check takes the median over a session's photos. A photo without a"
                + " face counts as not accepted (an attack stopped, a bona fide photo rejected).");
        entry.put("threshold", t);
        entry.put("thresholdSource", "passiveMinLive (openliveness.verdict.passive-min-live)");
        entry.put("apcer", round(at.apcer()));
        entry.put("bpcer", round(at.bpcer()));
        entry.put("acer", round(at.acer()));
        ObjectNode bySpecies = entry.putObject("apcerBySpecies");
        species.forEach((k, c) -> bySpecies.put(k, round((double) c[1] / c[0])));
        Scores analysed = analysedOnly(scores);
        if (analysed != null && s.failures() > 0) {
            PadRates a = PadRates.at(analysed, t);
            ObjectNode node = (ObjectNode) entry.get("analysedOnly");
            node.put("apcer", round(a.apcer()));
            node.put("bpcer", round(a.bpcer()));
        }
        ObjectNode b1 = entry.putObject("bpcerAtApcer1");
        b1.put("threshold", Double.isFinite(at1.threshold()) ? round(at1.threshold()) : 0);
        b1.put("apcer", round(at1.apcer()));
        b1.put("bpcer", round(at1.bpcer()));
        out.printf(Locale.ROOT, "%-16s real vs spoof, %s live probability: n=%d (%d+%d), AUC %.3f; at passiveMinLive %.3f: "
                        + "APCER %.3f, BPCER %.3f, ACER %.3f; BPCER %.3f at APCER %.3f (threshold %.4f); failures %d%n",
                "attacks", padModel, scores.size(), scores.positives().length, scores.negatives().length, scores.auc(),
                t, at.apcer(), at.bpcer(), at.acer(), at1.bpcer(), at1.apcer(), at1.threshold(), s.failures());
        TaskResult.Histogram h = new TaskResult.Histogram(array(s.valuePos), array(s.valueNeg), s.failedPos, s.failedNeg,
                t, "live probability (" + padModel + ")", "real", "spoof");
        return new TaskResult(dataset, madeUp, "presentation_attack", "attack", scores, "live probability", h,
                at.apcer(), 1 - at.bpcer(), new TaskResult.SuggestionInput("passiveMinLive", scores), entry);
    }

    /**
     * The passive check on a folder of real photos without attacks: each analysed face of every photo
     * the folder names (labels and pairs) is a bona fide presentation, and the share whose live probability falls below {@code passiveMinLive} is the
     * rate at which the check would flag real people (per photo).
     */
    private TaskResult bonaFide() {
        double t = thresholds.passiveMinLive();
        List<Double> live = new ArrayList<>();
        int unanalysed = 0;
        for (String file : folder.files()) {
            EvaluateCommand.Outcome o = outcomes.get(file);
            if (o == null || !o.ok() || Double.isNaN(AttackTask.score(o.face()))) {
                unanalysed++;
            } else {
                live.add(AttackTask.score(o.face()));
            }
        }
        double[] values = array(live);
        long flagged = live.stream().filter(v -> v < t).count();
        double bpcer = values.length == 0 ? Double.NaN : (double) flagged / values.length;
        double[] sorted = live.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        ObjectNode entry = AnalysisJson.MAPPER.createObjectNode();
        entry.put("dataset", dataset);
        entry.put("task", "passive_bona_fide");
        entry.put("kind", "bonafide");
        entry.put("madeUp", madeUp);
        entry.put("measure", AttackTask.MEASURE);
        entry.put("model", padModel);
        entry.put("n", values.length + unanalysed);
        entry.put("analysed", values.length);
        entry.put("unanalysed", unanalysed);
        entry.put("failures", unanalysed);
        entry.put("threshold", t);
        entry.put("flagged", flagged);
        entry.put("bpcer", round(bpcer));
        if (sorted.length > 0) {
            ObjectNode q = entry.putObject("liveQuantiles");
            for (double p : new double[] {0.01, 0.02, 0.05, 0.1, 0.5}) {
                q.put(String.valueOf(p), round(sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))]));
            }
        }
        entry.put("note", "Every photo of this folder is a bona fide presentation; BPCER is over the analysed ones, per photo.");
        out.printf(Locale.ROOT, "%-16s every analysed face as bona fide, %s live probability: %d photos, %d below passiveMinLive %.3f "
                        + "(BPCER %.3f); %d not analysed%n", "bona fide", padModel, values.length, flagged, t, bpcer, unanalysed);
        TaskResult.Histogram h = new TaskResult.Histogram(values, new double[0], unanalysed, 0, t,
                "live probability (" + padModel + ")", "bona fide", "none");
        return new TaskResult(dataset, madeUp, "passive_bona_fide", "bonafide", null, "live probability", h,
                Double.NaN, 1 - bpcer, new TaskResult.SuggestionInput("passiveMinLive", values, new double[0]), entry);
    }

    private TaskResult pairs() {
        Samples s = new Samples();
        for (LabelledFolder.Pair p : folder.pairs()) {
            EvaluateCommand.Outcome a = outcomes.get(p.fileA());
            EvaluateCommand.Outcome b = outcomes.get(p.fileB());
            boolean ok = a != null && a.ok() && b != null && b.ok();
            double score = Double.NEGATIVE_INFINITY;
            if (!ok) {
                EvaluateCommand.Outcome bad = a == null || !a.ok() ? a : b;
                s.fail(p.fileA() + " + " + p.fileB(), bad, p.same());
            } else {
                score = a.face().embedding().similarity(b.face().embedding());
                (p.same() ? s.valuePos : s.valueNeg).add(score);
            }
            (p.same() ? s.rankPos : s.rankNeg).add(score);
        }
        Scores scores = new Scores(array(s.rankPos), array(s.rankNeg));
        OperatingPoint far1 = scores.atFalseAcceptRate(0.01);
        OperatingPoint far01 = scores.atFalseAcceptRate(0.001);
        OperatingPoint same = scores.at(thresholds.sameIdentity());
        OperatingPoint match = scores.at(thresholds.faceMatch());
        double[] ms = outcomes.values().stream().filter(EvaluateCommand.Outcome::ok)
                .mapToDouble(EvaluateCommand.Outcome::embeddingMs).sorted().toArray();
        double medianMs = ms.length == 0 ? Double.NaN : ms[ms.length / 2];
        ObjectNode entry = entry("identity", "identity", scores, s);
        entry.put("measure", "embedding cosine similarity (" + embeddingModel + ")");
        entry.put("positive", "same person");
        entry.put("negative", "different people");
        entry.put("embeddingModel", embeddingModel);
        entry.put("embeddingMsPerFaceMedian", round(medianMs));
        entry.set("tarAtFar1", point(far1));
        entry.set("tarAtFar01", point(far01));
        ObjectNode configured = entry.putObject("atThreshold");
        configured.set("sameIdentity", point(same));
        configured.set("faceMatch", point(match));
        out.printf(Locale.ROOT, "%-16s %d same + %d different pairs: AUC %.3f, TAR %.3f at FAR 1%% (threshold %.3f), "
                        + "TAR %.3f at FAR 0.1%% (threshold %.3f), EER %.3f; at faceMatch %.3f: TAR %.3f, FAR %.4f; "
                        + "%.1f ms/face; failed pairs %d%n",
                "identity", scores.positives().length, scores.negatives().length, scores.auc(), far1.trueAcceptRate(),
                far1.threshold(), far01.trueAcceptRate(), far01.threshold(), eerRate(scores.equalErrorRate()),
                thresholds.faceMatch(), match.trueAcceptRate(), match.falseAcceptRate(), medianMs, s.failures());
        Scores analysed = analysedOnly(scores);
        if (s.failures() > 0 && analysed != null) {
            OperatingPoint a1 = analysed.atFalseAcceptRate(0.01);
            OperatingPoint a01 = analysed.atFalseAcceptRate(0.001);
            out.printf(Locale.ROOT, "%-16s pairs with a face in both photos only (%d+%d): AUC %.3f, TAR %.3f at FAR 1%%, TAR %.3f at FAR 0.1%%%n",
                    "", analysed.positives().length, analysed.negatives().length, analysed.auc(),
                    a1.trueAcceptRate(), a01.trueAcceptRate());
            ObjectNode node = (ObjectNode) entry.get("analysedOnly");
            node.set("tarAtFar1", point(a1));
            node.set("tarAtFar01", point(a01));
        }
        TaskResult.Histogram h = new TaskResult.Histogram(array(s.valuePos), array(s.valueNeg), s.failedPos, s.failedNeg,
                thresholds.faceMatch(), "similarity (line: faceMatch)", "same person", "different people");
        return new TaskResult(dataset, madeUp, "identity", "identity", scores, "embedding similarity", h,
                match.falseAcceptRate(), match.trueAcceptRate(), new TaskResult.SuggestionInput("identity", scores), entry);
    }

    private ObjectNode entry(String task, String kind, Scores scores, Samples s) {
        ObjectNode entry = AnalysisJson.MAPPER.createObjectNode();
        entry.put("dataset", dataset);
        entry.put("task", task);
        entry.put("kind", kind);
        entry.put("madeUp", madeUp);
        entry.put("n", scores.size());
        entry.put("positives", scores.positives().length);
        entry.put("negatives", scores.negatives().length);
        entry.put("failures", s.failures());
        entry.putObject("failuresByClass").put("positive", s.failedPos).put("negative", s.failedNeg);
        entry.set("failedFiles", s.failedFiles);
        entry.put("auc", round(scores.auc()));
        OperatingPoint eer = scores.equalErrorRate();
        ObjectNode e = point(eer);
        e.put("rate", round(eerRate(eer)));
        entry.set("eer", e);
        Scores analysed = analysedOnly(scores);
        if (s.failures() > 0 && analysed != null) {
            entry.putObject("analysedOnly").put("n", analysed.size()).put("auc", round(analysed.auc()));
        }
        return entry;
    }

    /** The four outcomes at a threshold: positives accepted and rejected, negatives accepted and rejected. */
    private static ObjectNode fourOutcomes(OperatingPoint op, Scores scores) {
        int p = scores.positives().length;
        int n = scores.negatives().length;
        ObjectNode node = AnalysisJson.MAPPER.createObjectNode();
        node.put("truePositives", Math.round(op.trueAcceptRate() * p));
        node.put("falseNegatives", Math.round(op.falseRejectRate() * p));
        node.put("falsePositives", Math.round(op.falseAcceptRate() * n));
        node.put("trueNegatives", Math.round((1 - op.falseAcceptRate()) * n));
        node.put("trueAcceptRate", round(op.trueAcceptRate()));
        node.put("falseRejectRate", round(op.falseRejectRate()));
        node.put("falseAcceptRate", round(op.falseAcceptRate()));
        node.put("trueRejectRate", round(1 - op.falseAcceptRate()));
        return node;
    }

    static ObjectNode point(OperatingPoint op) {
        ObjectNode node = AnalysisJson.MAPPER.createObjectNode();
        if (Double.isFinite(op.threshold())) {
            node.put("threshold", round(op.threshold()));
        } else {
            node.put("threshold", op.threshold() > 0 ? "Infinity" : "-Infinity");
        }
        node.put("trueAcceptRate", round(op.trueAcceptRate()));
        node.put("falseAcceptRate", round(op.falseAcceptRate()));
        return node;
    }

    static double eerRate(OperatingPoint eer) {
        return (eer.falseAcceptRate() + eer.falseRejectRate()) / 2;
    }

    /**
     * The scores without the unscored negatives (for thresholds at a false-accept rate: in the service
     * a photo without a face never reaches the threshold), or the scores themselves when every
     * negative is unscored.
     */
    static Scores analysedNegatives(Scores scores) {
        double[] neg = Arrays.stream(scores.negatives()).filter(Double::isFinite).toArray();
        return neg.length == 0 ? scores : new Scores(scores.positives(), neg);
    }

    /** The scores without the unscored samples, or null when a class would be empty. */
    static Scores analysedOnly(Scores scores) {
        Predicate<Double> finite = Double::isFinite;
        double[] pos = Arrays.stream(scores.positives()).filter(finite::test).toArray();
        double[] neg = Arrays.stream(scores.negatives()).filter(finite::test).toArray();
        return pos.length == 0 || neg.length == 0 ? null : new Scores(pos, neg);
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }

    static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
