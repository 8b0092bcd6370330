package org.openliveness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.ImageAnalysis;
import org.openliveness.engine.antispoof.PadModelDescriptor;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.onnx.ModelException;
import org.openliveness.engine.onnx.ModelId;
import org.openliveness.engine.verdict.VerdictThresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze}: measurements of every face in each photo. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Find the faces in each photo and print what was measured: box, head pose, eyes, mouth,",
            "smile, quality, the presentation-attack model's live probability and the face embedding.",
            "Exit status: 0 when every file was analysed, 1 when any could not be."})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JPEG, PNG, WebP or HEIC photos")
    List<Path> files;

    @Option(names = "--json", description = "One JSON object per file per line (JSON Lines)")
    boolean json;

    @Option(names = "--landmarks", description = "With --json: include the 468 mesh points")
    boolean landmarks;

    @Option(names = "--annotate", paramLabel = "DIR", description = "Write a PNG per photo with boxes, landmarks and pose axes")
    Path annotate;

    @Option(names = "--embedding", paramLabel = "MODEL", defaultValue = "faceapi-recognition",
            description = "Embedding model: faceapi-recognition (default) or faceres")
    String embedding;

    @Option(names = "--models", paramLabel = "DIR", description = "Use the ONNX models and manifest.json in DIR instead of the bundled ones")
    Path models;

    @Option(names = "--pad-model", paramLabel = "FILE", description = {"Another presentation-attack model: a descriptor JSON",
        "(docs/ENGINE.md) instead of the bundled fr_liveness"})
    Path padModel;

    @Option(names = "--passive-min-live", paramLabel = "P", description = {"The passive check's threshold shown with each live",
        "probability (default: the verdict's, calibrated for fr_liveness)"})
    Double passiveMinLive;

    @Option(names = "--legacy-anti-spoof", description = {"Also run the chance-level antispoof/liveness models of",
        "@vladmandic/human (reported as legacyAntiSpoof, never evidence)"})
    boolean legacyAntiSpoof;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        EngineConfig config = EngineConfig.DEFAULTS.withEmbeddingModel(ModelId.of(embedding)).withModelDir(models)
                .withLegacyAntiSpoof(legacyAntiSpoof);
        double threshold;
        try {
            if (padModel != null) {
                config = config.withPadModel(PadModelDescriptor.read(padModel));
            }
            threshold = withPassiveMinLive(VerdictThresholds.DEFAULTS,
                    passiveMinLive == null ? VerdictThresholds.DEFAULTS.passiveMinLive() : passiveMinLive).passiveMinLive();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        if (annotate != null) {
            Files.createDirectories(annotate);
        }
        int failures = 0;
        try (FaceEngine engine = FaceEngine.create(config)) {
            for (Path file : files) {
                String name = file.toString();
                try {
                    ImageAnalysis analysis = engine.analyze(Files.readAllBytes(file));
                    if (json) {
                        out.println(AnalysisJson.MAPPER.writeValueAsString(AnalysisJson.of(name, analysis, landmarks, threshold)));
                    } else {
                        printSummary(out, name, analysis, threshold);
                    }
                    if (annotate != null) {
                        Path png = annotate.resolve(file.getFileName().toString().replaceAll("\\.[^.]*$", "") + ".annotated.png");
                        Annotator.write(Files.readAllBytes(file), engine, analysis, png);
                    }
                } catch (ImageException e) {
                    failures++;
                    report(out, name, e.code().name(), e.getMessage());
                } catch (IOException e) {
                    failures++;
                    report(out, name, "UNREADABLE", "cannot read " + name + ": " + e.getMessage());
                }
                out.flush();
            }
        } catch (ModelException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        return failures == 0 ? 0 : 1;
    }

    private void report(PrintWriter out, String file, String code, String message) throws IOException {
        if (json) {
            out.println(AnalysisJson.MAPPER.writeValueAsString(AnalysisJson.error(file, code, message)));
        } else {
            out.printf(Locale.ROOT, "%s: error %s: %s%n", file, code, message);
        }
    }

    /** The thresholds with another {@code passiveMinLive}, validated by the record. */
    static VerdictThresholds withPassiveMinLive(VerdictThresholds t, double passiveMinLive) {
        return t.withPassiveMinLive(passiveMinLive);
    }

    private static void printSummary(PrintWriter out, String file, ImageAnalysis a, double threshold) {
        out.printf(Locale.ROOT, "%s: %dx%d %s, %d face%s, %.1f ms%n", file, a.width(), a.height(), a.format(),
                a.faces().size(), a.faces().size() == 1 ? "" : "s", a.timingsMs().get("total"));
        int i = 1;
        for (FaceAnalysis f : a.faces()) {
            out.printf(Locale.ROOT, "  face %d: box %.0f,%.0f %.0fx%.0f  score %.2f%n", i++,
                    f.box().x(), f.box().y(), f.box().width(), f.box().height(), f.score());
            out.printf(Locale.ROOT, "    pose    yaw %+.1f°  pitch %+.1f°  roll %+.1f°%n",
                    f.pose().yawDegrees(), f.pose().pitchDegrees(), f.pose().rollDegrees());
            out.printf(Locale.ROOT, "    eyes    left %.2f  right %.2f    mouth %.2f    smile %.2f%n",
                    f.eyes().left(), f.eyes().right(), f.mouthOpenness(), f.smile());
            out.printf(Locale.ROOT, "    quality size %.0f px  brightness %.0f  contrast %.0f  sharpness %.0f%n",
                    f.quality().faceSize(), f.quality().brightness(), f.quality().contrast(), f.quality().sharpness());
            if (f.antiSpoof() != null) {
                out.printf(Locale.ROOT, "    live    %.4f (%s; %s under %.3f)%n", f.antiSpoof().live(), f.antiSpoof().model(),
                        f.antiSpoof().live() < threshold ? "SPOOF:" : "live:", threshold);
            }
            out.printf(Locale.ROOT, "    embedding %s, %d values%n", f.embedding().model(), f.embedding().vector().length);
        }
    }
}
