package org.openliveness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openliveness.devkit.evaluation.LabelledFolder;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.ImageAnalysis;
import org.openliveness.engine.antispoof.PadModelDescriptor;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.onnx.ModelException;
import org.openliveness.engine.onnx.ModelId;
import org.openliveness.devkit.evaluation.BurstEvaluation;
import org.openliveness.devkit.evaluation.BurstFolder;
import org.openliveness.engine.verdict.EnginePhotoExaminer;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.VerdictThresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Measures the engine and the verdict's thresholds on labelled folders: for each folder, every
 * task its labels support, printed as it goes and written as {@code metrics.json} and a
 * self-contained {@code index.html}; with {@code --suggest}, thresholds for stated targets as a
 * configuration snippet.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure accuracy on folders of labelled photos (LABELS.csv: file,label,extra; pairs.csv: file_a,file_b,same).",
            "Tasks follow from the labels: smile/neutral, mouth_open/mouth_closed, surprised/neutral, closed/open (eyes);",
            "frontal with turn_subject_left, turn_subject_right, look_up, look_down (head-pose challenges, judged against the",
            "same subject's frontal photos; subject=ID in the extra column); real/spoof (presentation attacks: the",
            "presentation-attack model's live probability, attack=KIND in extra; in folders without attacks every photo",
            "counts as bona fide); identity pairs. Figures are at the configured thresholds (the verdict's defaults).",
            "Photos that cannot be analysed are listed and count as rejections, never dropped.",
            "A folder holding a file named MADE-UP is made-up data: every figure from it is flagged so."})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DATASET", description = "folders in the dev data set's format")
    List<Path> datasets;

    @Option(names = "--out", paramLabel = "DIR", description = "write metrics.json, index.html (and with --suggest suggested-thresholds.yaml) here")
    Path out;

    @Option(names = "--suggest", description = {"propose thresholds: FAR 0.1%% for face-match, 1%% for same-identity and for each",
        "challenge measure on its negatives, BPCER 2%% on bona fide photos for passive-min-live; printed as YAML for",
        "openliveness.verdict"})
    boolean suggest;

    @Option(names = "--pad-model", paramLabel = "FILE", description = {"measure another presentation-attack model: a descriptor",
        "JSON (see docs/ENGINE.md, \"Bring your own presentation-attack model\") instead of the bundled fr_liveness"})
    Path padModel;

    @Option(names = "--passive-min-live", paramLabel = "P", description = {"the passive check's threshold the figures are given at",
        "(default: the verdict's, calibrated for fr_liveness; give your own model's)"})
    Double passiveMinLive;

    @Option(names = "--embedding", paramLabel = "MODEL", defaultValue = "faceapi-recognition",
            description = "embedding model for identity pairs: faceapi-recognition or faceres (default: ${DEFAULT-VALUE})")
    String embeddingModel;

    @Option(names = "--threads", paramLabel = "N", description = "photos analysed at once (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--models", paramLabel = "DIR", description = "load models from this folder instead of the bundled ones")
    Path modelDir;

    @Spec
    CommandSpec spec;

    /**
     * What the engine made of one photo: its largest face, or why there is none.
     *
     * @param kind    {@code OK}, {@code NO_FACE}, {@code UNREADABLE}, {@code ANALYSIS_ERROR} or the
     *                {@link ImageException.Code} that refused the file
     * @param failure why there is no face, or null
     * @param examination what the verdict's examiner makes of the photo (the service's usable-face
     *                    rule), or null when it could not be decoded
     */
    record Outcome(String file, FaceAnalysis face, String kind, String failure, double embeddingMs, Examination examination) {
        boolean ok() {
            return face != null;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<LabelledFolder> folders = new ArrayList<>();
        for (Path dataset : datasets) {
            try {
                folders.add(LabelledFolder.read(dataset));
            } catch (IllegalArgumentException e) {
                stderr.println("error: " + e.getMessage());
                return 2;
            }
        }
        EngineConfig config = EngineConfig.DEFAULTS.withEmbeddingModel(ModelId.of(embeddingModel));
        if (modelDir != null) {
            config = config.withModelDir(modelDir);
        }
        VerdictThresholds thresholds = VerdictThresholds.DEFAULTS;
        try {
            if (padModel != null) {
                config = config.withPadModel(PadModelDescriptor.read(padModel));
            }
            if (passiveMinLive != null) {
                thresholds = AnalyzeCommand.withPassiveMinLive(thresholds, passiveMinLive);
            }
        } catch (IllegalArgumentException e) {
            stderr.println("error: " + e.getMessage());
            return 2;
        }
        String pad = config.padModel() == null ? null : config.padModel().name();
        List<TaskResult> results = new ArrayList<>();
        List<EvaluationReport.Dataset> evaluated = new ArrayList<>();
        ArrayNode burstReports = AnalysisJson.MAPPER.createArrayNode();
        Set<String> names = new HashSet<>();
        FaceEngine engine;
        try {
            engine = FaceEngine.create(config);
        } catch (ModelException e) {
            stderr.println("error: " + e.getMessage());
            return 2;
        }
        try (engine) {
            EnginePhotoExaminer examiner = new EnginePhotoExaminer(engine,
                    new SessionJudge(thresholds, SessionJudge.DEFAULT_MAX_RETRIES));
            for (LabelledFolder folder : folders) {
                String name = uniqueName(folder.root(), names);
                if (BurstFolder.present(folder.root())) {
                    burstReports.add(bursts(name, BurstFolder.read(folder.root()), examiner, thresholds, stdout));
                    if (folder.labels().isEmpty() && folder.pairs().isEmpty()) {
                        continue;
                    }
                }
                Map<String, Outcome> outcomes = analyse(examiner, folder, name, stderr);
                List<Outcome> failed = outcomes.values().stream().filter(o -> !o.ok()).toList();
                stdout.println();
                stdout.printf("== %s%s (%d photos, embedding %s)%n", name, folder.madeUp() ? " [MADE-UP data]" : "",
                        outcomes.size(), embeddingModel);
                results.addAll(new FolderEvaluation(name, folder, outcomes, thresholds, embeddingModel, pad, stdout).evaluate());
                stdout.printf("could not analyse %d photo(s)%s%n", failed.size(), failed.isEmpty() ? "" : ":");
                failed.forEach(o -> stdout.println("  " + o.file() + ": " + o.failure()));
                stdout.flush();
                evaluated.add(new EvaluationReport.Dataset(name, folder.root(), folder.madeUp(), outcomes.size(), failed));
            }
        }
        stdout.println();
        stdout.printf(Locale.ROOT, "The presentation-attack model %s votes in the verdict: the median live probability of a session's%n"
                + "photos below passiveMinLive %.3f fails it (SPOOF_DETECTED). Figures above are per photo; report APCER per attack set.%n",
                pad, thresholds.passiveMinLive());
        if (evaluated.stream().anyMatch(EvaluationReport.Dataset::madeUp)) {
            stdout.println("Figures from datasets marked MADE-UP come from rendered or simulated photos.");
        }
        String date = LocalDate.now().toString();
        String yaml = null;
        if (suggest) {
            yaml = new ThresholdSuggestions(results, thresholds).yaml(date);
            stdout.println();
            stdout.print(yaml);
        }
        if (out != null) {
            Files.createDirectories(out);
            ArrayNode entries = AnalysisJson.MAPPER.createArrayNode();
            results.forEach(r -> entries.add(r.json()));
            if (!burstReports.isEmpty()) {
                Path burstsJson = out.resolve("bursts.json");
                AnalysisJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(burstsJson.toFile(), burstReports);
                stdout.println("wrote " + burstsJson);
            }
            Path metrics = out.resolve("metrics.json");
            AnalysisJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(metrics.toFile(), entries);
            Path html = out.resolve("index.html");
            String command = "openliveness " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            EvaluationReport.write(html, command, date, embeddingModel, evaluated, results, yaml);
            stdout.println();
            stdout.println("wrote " + metrics);
            stdout.println("wrote " + html);
            if (yaml != null) {
                Path y = out.resolve("suggested-thresholds.yaml");
                Files.writeString(y, yaml, StandardCharsets.UTF_8);
                stdout.println("wrote " + y);
            }
        }
        stdout.flush();
        return 0;
    }

    /**
     * Judges a folder's labelled bursts as the service judges uploads and prints, per label and
     * challenge, how many were accepted (for {@code genuine}: 1 − BPCER; for an attack: its APCER)
     * and why the others were refused.
     */
    private static ObjectNode bursts(String name, BurstFolder folder, EnginePhotoExaminer examiner, VerdictThresholds thresholds,
                                     PrintWriter stdout) {
        List<BurstEvaluation.Judged> judged = BurstEvaluation.judge(folder, examiner,
                new SessionJudge(thresholds, SessionJudge.DEFAULT_MAX_RETRIES));
        stdout.println();
        stdout.printf("== %s: %d bursts%s%n", name, judged.size(), folder.madeUp() ? " [MADE-UP data]" : "");
        stdout.printf("%-16s %-11s %9s  %s%n", "label", "challenge", "accepted", "refused with");
        ObjectNode report = AnalysisJson.MAPPER.createObjectNode();
        report.put("dataset", name);
        report.put("madeUp", folder.madeUp());
        ArrayNode rows = report.putArray("rows");
        BurstEvaluation.summary(judged).forEach((label, byChallenge) -> byChallenge.forEach((challenge, c) -> {
            stdout.printf(Locale.ROOT, "%-16s %-11s %4d / %-3d %s%n", label, challenge, c.accepted(), c.total(), c.reasons());
            ObjectNode row = rows.addObject();
            row.put("label", label);
            row.put("challenge", challenge);
            row.put("accepted", c.accepted());
            row.put("total", c.total());
            row.put(BurstFolder.GENUINE.equals(label) ? "bpcer" : "apcer",
                    BurstFolder.GENUINE.equals(label) ? 1 - c.acceptRate() : c.acceptRate());
            ObjectNode reasons = row.putObject("refusedWith");
            c.reasons().forEach(reasons::put);
        }));
        ArrayNode refusedGenuine = report.putArray("refusedGenuine");
        judged.stream().filter(j -> j.entry().genuine() && !j.accepted())
                .forEach(j -> refusedGenuine.addObject().put("burst", j.entry().burst()).put("detail", j.detail()));
        stdout.flush();
        return report;
    }

    /** The folder's name, with a number added when an earlier folder had the same name. */
    private static String uniqueName(Path root, Set<String> taken) {
        Path fileName = root.toAbsolutePath().normalize().getFileName();
        String base = fileName == null ? "dataset" : fileName.toString();
        String name = base;
        for (int k = 2; !taken.add(name); k++) {
            name = base + "-" + k;
        }
        return name;
    }

    private Map<String, Outcome> analyse(EnginePhotoExaminer examiner, LabelledFolder folder, String name, PrintWriter progress)
            throws Exception {
        List<String> files = folder.files();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        AtomicLong lastReport = new AtomicLong(System.nanoTime());
        long start = System.nanoTime();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String file : files) {
                futures.add(pool.submit(() -> {
                    Outcome o = analyseOne(examiner, folder.root().resolve(file), file);
                    int n = done.incrementAndGet();
                    long now = System.nanoTime();
                    long last = lastReport.get();
                    if (n == files.size() || (now - last > 3_000_000_000L && lastReport.compareAndSet(last, now))) {
                        double seconds = (now - start) / 1e9;
                        double rate = n / Math.max(1e-9, seconds);
                        synchronized (progress) {
                            progress.printf(Locale.ROOT, "%s: analysed %d/%d photos (%.0f%%), %.1f photos/s, %s%n", name, n,
                                    files.size(), 100.0 * n / files.size(), rate,
                                    n == files.size() ? String.format(Locale.ROOT, "done in %.0f s", seconds)
                                            : String.format(Locale.ROOT, "about %.0f s left", (files.size() - n) / rate));
                            progress.flush();
                        }
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

    private static Outcome analyseOne(EnginePhotoExaminer examiner, Path path, String file) {
        try {
            EnginePhotoExaminer.Examined examined = examiner.analyse(Files.readAllBytes(path));
            ImageAnalysis a = examined.analysis();
            if (a.faces().isEmpty()) {
                return new Outcome(file, null, "NO_FACE", "NO_FACE: no face found", 0, examined.examination());
            }
            double ms = a.timingsMs().getOrDefault("embedding", 0.0) / a.faces().size();
            return new Outcome(file, a.faces().get(0), "OK", null, ms, examined.examination());
        } catch (ImageException e) {
            return new Outcome(file, null, e.code().name(), e.code() + ": " + e.getMessage(), 0, null);
        } catch (IOException e) {
            return new Outcome(file, null, "UNREADABLE", "UNREADABLE: " + e, 0, null);
        } catch (RuntimeException e) {
            return new Outcome(file, null, "ANALYSIS_ERROR", "ANALYSIS_ERROR: " + e, 0, null);
        }
    }
}
