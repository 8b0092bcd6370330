package org.openliveness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.ImageAnalysis;
import org.openliveness.engine.evaluation.LabelTask;
import org.openliveness.engine.evaluation.LabelledFolder;
import org.openliveness.engine.evaluation.OperatingPoint;
import org.openliveness.engine.evaluation.Scores;
import org.openliveness.engine.image.ImageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Measures the engine on labelled folders: for each folder, every task its labels support
 * and its identity pairs, written as a table and as {@code metrics.json}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure accuracy on folders of labelled photos (LABELS.csv: file,label,extra; pairs.csv: file_a,file_b,same).",
            "Tasks follow from the labels: smile/neutral, mouth_open/mouth_closed, surprised/neutral, closed/open (eyes),",
            "and identity pairs. Photos that cannot be analysed are listed and scored as rejections, never dropped."})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DATASET", description = "folders in the dev data set's format")
    List<Path> datasets;

    @Option(names = "--out", paramLabel = "DIR", description = "write metrics.json here")
    Path out;

    @Option(names = "--embedding", paramLabel = "MODEL", defaultValue = "faceapi-recognition",
            description = "embedding model for identity pairs: faceapi-recognition or faceres (default: ${DEFAULT-VALUE})")
    String embeddingModel;

    @Option(names = "--threads", paramLabel = "N", description = "photos analysed at once (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--models", paramLabel = "DIR", description = "load models from this folder instead of the bundled ones")
    Path modelDir;

    /** What the engine made of one photo: its largest face, or why there is none. */
    record Outcome(String file, FaceAnalysis face, String failure, double embeddingMs) {
        boolean ok() {
            return face != null;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<LabelledFolder> folders = new ArrayList<>();
        for (Path dataset : datasets) {
            try {
                folders.add(LabelledFolder.read(dataset));
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }
        EngineConfig config = EngineConfig.DEFAULTS.withEmbeddingModel(embeddingModel);
        if (modelDir != null) {
            config = config.withModelDir(modelDir);
        }
        ArrayNode entries = AnalysisJson.MAPPER.createArrayNode();
        PrintStream stdout = System.out;
        try (FaceEngine engine = FaceEngine.create(config)) {
            for (LabelledFolder folder : folders) {
                Map<String, Outcome> outcomes = analyse(engine, folder);
                String name = folder.root().getFileName().toString();
                stdout.println();
                stdout.println("== " + name + " (" + outcomes.size() + " photos, embedding " + embeddingModel + ")");
                List<Outcome> failed = outcomes.values().stream().filter(o -> !o.ok()).toList();
                for (LabelTask task : LabelTask.ALL) {
                    if (task.appliesTo(folder.distinctLabels())) {
                        entries.add(labelTask(stdout, name, folder, task, outcomes));
                    }
                }
                if (!folder.pairs().isEmpty()) {
                    entries.add(pairTask(stdout, name, folder, outcomes));
                }
                stdout.printf("could not analyse %d photo(s)%s%n", failed.size(), failed.isEmpty() ? "" : ":");
                failed.forEach(o -> stdout.println("  " + o.file() + ": " + o.failure()));
            }
        }
        if (out != null) {
            Files.createDirectories(out);
            Path metrics = out.resolve("metrics.json");
            AnalysisJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(metrics.toFile(), entries);
            stdout.println();
            stdout.println("wrote " + metrics);
        }
        return 0;
    }

    private Map<String, Outcome> analyse(FaceEngine engine, LabelledFolder folder) throws Exception {
        List<String> files = folder.files();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String file : files) {
                futures.add(pool.submit(() -> {
                    Outcome o = analyseOne(engine, folder.root().resolve(file), file);
                    int n = done.incrementAndGet();
                    if (n % 50 == 0 || n == files.size()) {
                        System.err.printf("%s: analysed %d/%d%n", folder.root().getFileName(), n, files.size());
                    }
                    return o;
                }));
            }
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            for (Future<Outcome> f : futures) {
                Outcome o = f.get();
                outcomes.put(o.file(), o);
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome analyseOne(FaceEngine engine, Path path, String file) {
        try {
            ImageAnalysis a = engine.analyze(Files.readAllBytes(path));
            if (a.faces().isEmpty()) {
                return new Outcome(file, null, "NO_FACE", 0);
            }
            double ms = a.timingsMs().getOrDefault("embedding", 0.0) / a.faces().size();
            return new Outcome(file, a.faces().get(0), null, ms);
        } catch (ImageException e) {
            return new Outcome(file, null, e.code() + ": " + e.getMessage(), 0);
        } catch (IOException e) {
            return new Outcome(file, null, "UNREADABLE: " + e.getMessage(), 0);
        }
    }

    private static ObjectNode labelTask(PrintStream stdout, String dataset, LabelledFolder folder, LabelTask task,
                                        Map<String, Outcome> outcomes) {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        int failures = 0;
        for (LabelledFolder.Labelled l : folder.labels()) {
            boolean positive = task.positive().contains(l.label());
            if (!positive && !task.negative().contains(l.label())) {
                continue;
            }
            Outcome o = outcomes.get(l.file());
            double score = o.ok() ? task.score().applyAsDouble(o.face()) : Double.NEGATIVE_INFINITY;
            failures += o.ok() ? 0 : 1;
            (positive ? pos : neg).add(score);
        }
        Scores scores = new Scores(toArray(pos), toArray(neg));
        OperatingPoint eer = scores.equalErrorRate();
        stdout.printf("%-16s %s vs %s, score %s: n=%d (%d+%d), AUC %.3f, EER %.3f at %.3f, failures %d%n",
                task.name(), task.positive(), task.negative(), task.measure(), scores.size(), pos.size(), neg.size(),
                scores.auc(), (eer.falseAcceptRate() + eer.falseRejectRate()) / 2, eer.threshold(), failures);
        ObjectNode entry = entry(dataset, task.name(), scores, failures);
        Scores analysed = analysedOnly(scores);
        if (failures > 0 && analysed != null) {
            stdout.printf("%-16s photos with a face only (%d+%d): AUC %.3f%n", "", analysed.positives().length,
                    analysed.negatives().length, analysed.auc());
            entry.putObject("analysedOnly").put("n", analysed.size()).put("auc", round(analysed.auc()));
        }
        entry.put("measure", task.measure());
        entry.put("positive", String.join("|", task.positive()));
        entry.put("negative", String.join("|", task.negative()));
        return entry;
    }

    private ObjectNode pairTask(PrintStream stdout, String dataset, LabelledFolder folder, Map<String, Outcome> outcomes) {
        List<Double> same = new ArrayList<>();
        List<Double> different = new ArrayList<>();
        int failures = 0;
        for (LabelledFolder.Pair p : folder.pairs()) {
            Outcome a = outcomes.get(p.fileA());
            Outcome b = outcomes.get(p.fileB());
            boolean ok = a.ok() && b.ok();
            failures += ok ? 0 : 1;
            double score = ok ? a.face().embedding().similarity(b.face().embedding()) : Double.NEGATIVE_INFINITY;
            (p.same() ? same : different).add(score);
        }
        Scores scores = new Scores(toArray(same), toArray(different));
        OperatingPoint far1 = scores.atFalseAcceptRate(0.01);
        OperatingPoint far01 = scores.atFalseAcceptRate(0.001);
        OperatingPoint eer = scores.equalErrorRate();
        double[] ms = outcomes.values().stream().filter(Outcome::ok).mapToDouble(Outcome::embeddingMs).sorted().toArray();
        double medianMs = ms.length == 0 ? Double.NaN : ms[ms.length / 2];
        stdout.printf("%-16s %d same + %d different pairs: AUC %.3f, TAR %.3f at FAR 1%% (threshold %.3f), "
                        + "TAR %.3f at FAR 0.1%% (threshold %.3f), EER %.3f, %.1f ms/face, failed pairs %d%n",
                "identity", same.size(), different.size(), scores.auc(), far1.trueAcceptRate(), far1.threshold(),
                far01.trueAcceptRate(), far01.threshold(), (eer.falseAcceptRate() + eer.falseRejectRate()) / 2,
                medianMs, failures);
        ObjectNode entry = entry(dataset, "identity", scores, failures);
        entry.put("embeddingModel", embeddingModel);
        entry.put("embeddingMsPerFaceMedian", round(medianMs));
        entry.set("tarAtFar1", point(far1));
        entry.set("tarAtFar01", point(far01));
        Scores analysed = analysedOnly(scores);
        if (failures > 0 && analysed != null) {
            OperatingPoint a1 = analysed.atFalseAcceptRate(0.01);
            OperatingPoint a01 = analysed.atFalseAcceptRate(0.001);
            stdout.printf("%-16s pairs with a face in both photos only (%d+%d): AUC %.3f, TAR %.3f at FAR 1%%, TAR %.3f at FAR 0.1%%%n",
                    "", analysed.positives().length, analysed.negatives().length, analysed.auc(),
                    a1.trueAcceptRate(), a01.trueAcceptRate());
            ObjectNode node = entry.putObject("analysedOnly");
            node.put("n", analysed.size());
            node.put("auc", round(analysed.auc()));
            node.set("tarAtFar1", point(a1));
            node.set("tarAtFar01", point(a01));
        }
        return entry;
    }

    /** The scores without the unscored samples, or null when a class would be empty. */
    private static Scores analysedOnly(Scores scores) {
        double[] pos = java.util.Arrays.stream(scores.positives()).filter(Double::isFinite).toArray();
        double[] neg = java.util.Arrays.stream(scores.negatives()).filter(Double::isFinite).toArray();
        return pos.length == 0 || neg.length == 0 ? null : new Scores(pos, neg);
    }

    private static ObjectNode entry(String dataset, String task, Scores scores, int failures) {
        ObjectNode entry = AnalysisJson.MAPPER.createObjectNode();
        entry.put("dataset", dataset);
        entry.put("task", task);
        entry.put("n", scores.size());
        entry.put("positives", scores.positives().length);
        entry.put("negatives", scores.negatives().length);
        entry.put("failures", failures);
        entry.put("auc", round(scores.auc()));
        OperatingPoint eer = scores.equalErrorRate();
        ObjectNode e = point(eer);
        e.put("rate", round((eer.falseAcceptRate() + eer.falseRejectRate()) / 2));
        entry.set("eer", e);
        return entry;
    }

    private static ObjectNode point(OperatingPoint op) {
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

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
