package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.devkit.attack.CameraVariant;
import org.openliveness.devkit.attack.PrintAttack;
import org.openliveness.devkit.attack.ScreenAttack;
import org.openliveness.devkit.evaluation.LabelledFolder;
import org.openliveness.engine.image.ImageDecoder;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.verdict.VerdictThresholds;
import picocli.CommandLine;

/** {@code openliveness evaluate} on tiny data sets the test makes from the sample photos. */
class EvaluateCommandTest {

    private static final Path SAMPLES = Path.of(System.getProperty("openliveness.samples"));

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static RgbImage sample(String name) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(SAMPLES.resolve(name))).image();
    }

    /**
     * "tiny": four sample photos labelled smile/neutral (the labels are arbitrary: this checks the
     * plumbing, not the engine), a text file named like a photo, and identity pairs; "attacks": two
     * sample photos as bona fide and a simulated print and screen of them, marked made up.
     */
    @Test
    void writesMetricsAndAReportWithEveryTaskAndListsAnUnreadableImageAsAFailure(@TempDir Path dir) throws Exception {
        Path tiny = Files.createDirectories(dir.resolve("tiny"));
        for (String name : List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample5.jpg")) {
            Files.copy(SAMPLES.resolve(name), tiny.resolve(name));
        }
        Files.writeString(tiny.resolve("broken.jpg"), "this is not a photo");
        ImageFiles.writeJpeg(CameraVariant.random(1).apply(sample("sample5.jpg")), tiny.resolve("sample5b.jpg"), 0.92f);
        Files.writeString(tiny.resolve("LABELS.csv"), """
                file,label,extra
                sample1.jpg,smile,
                sample2.jpg,neutral,
                sample3.jpg,smile,
                sample5.jpg,neutral,
                broken.jpg,smile,
                """);
        Files.writeString(tiny.resolve("pairs.csv"), """
                file_a,file_b,same
                sample5.jpg,sample5b.jpg,1
                sample1.jpg,sample2.jpg,0
                sample3.jpg,sample5.jpg,0
                """);
        Path attacks = Files.createDirectories(dir.resolve("attacks"));
        Files.copy(SAMPLES.resolve("sample4.jpg"), attacks.resolve("real.jpg"));
        ImageFiles.writeJpeg(PrintAttack.random(2).apply(sample("sample4.jpg")), attacks.resolve("print.jpg"), 0.92f);
        ImageFiles.writeJpeg(ScreenAttack.random(3).apply(sample("sample4.jpg")), attacks.resolve("screen.jpg"), 0.92f);
        Files.writeString(attacks.resolve("LABELS.csv"),
                "file,label,extra\nreal.jpg,real,\nprint.jpg,spoof,attack=print\nscreen.jpg,spoof,attack=screen\n");
        Files.writeString(attacks.resolve(LabelledFolder.MADE_UP_MARKER), "");

        Path report = dir.resolve("report");
        Run run = run("evaluate", "--suggest", "--out", report.toString(), tiny.toString(), attacks.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("broken.jpg: UNSUPPORTED_FORMAT"), run.out());
        assertTrue(run.err().contains("tiny: analysed 6/6 photos"), "progress is shown: " + run.err());
        assertTrue(run.out().contains("The presentation-attack model fr_liveness votes in the verdict"), run.out());

        JsonNode metrics = AnalysisJson.MAPPER.readTree(report.resolve("metrics.json").toFile());
        JsonNode smile = entry(metrics, "tiny", "smile");
        assertEquals(5, smile.path("n").asInt());
        assertFalse(smile.path("madeUp").asBoolean());
        assertEquals(1, smile.path("failures").asInt());
        assertEquals(1, smile.path("failuresByClass").path("positive").asInt(), "a smile photo that cannot be read is a missed smile");
        JsonNode failed = smile.path("failedFiles").get(0);
        assertEquals("broken.jpg", failed.path("file").asText());
        assertEquals("UNSUPPORTED_FORMAT", failed.path("kind").asText());
        assertTrue(smile.path("auc").isNumber());
        assertEquals("smileMin", smile.path("parameter").asText());
        assertEquals(0.5, smile.path("threshold").asDouble());
        JsonNode at = smile.path("atThreshold");
        assertEquals(3, at.path("truePositives").asInt() + at.path("falseNegatives").asInt());
        assertEquals(2, at.path("falsePositives").asInt() + at.path("trueNegatives").asInt());
        assertTrue(at.path("falseNegatives").asInt() >= 1, "the unreadable smile is never accepted");

        JsonNode identity = entry(metrics, "tiny", "identity");
        assertEquals(3, identity.path("n").asInt());
        assertTrue(identity.path("tarAtFar1").path("trueAcceptRate").isNumber());
        assertTrue(identity.path("tarAtFar01").has("threshold"));
        assertTrue(identity.path("eer").path("rate").isNumber());
        assertTrue(identity.path("atThreshold").path("faceMatch").path("trueAcceptRate").isNumber());

        JsonNode pad = entry(metrics, "attacks", "presentation_attack");
        assertTrue(pad.path("madeUp").asBoolean());
        assertEquals(3, pad.path("n").asInt());
        assertTrue(pad.path("passiveModelVotes").asBoolean());
        assertEquals("fr_liveness", pad.path("model").asText());
        assertEquals(VerdictThresholds.DEFAULTS.passiveMinLive(), pad.path("threshold").asDouble());
        for (String field : List.of("apcer", "bpcer", "acer", "auc")) {
            assertTrue(pad.path(field).isNumber(), field);
        }
        assertEquals((pad.path("apcer").asDouble() + pad.path("bpcer").asDouble()) / 2, pad.path("acer").asDouble(), 1e-4);
        assertTrue(pad.path("bpcerAtApcer1").path("bpcer").isNumber());
        assertTrue(pad.path("apcerBySpecies").has("print") && pad.path("apcerBySpecies").has("screen"));

        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<svg"), "charts are inline SVG");
        assertTrue(html.contains("broken.jpg") && html.contains("UNSUPPORTED_FORMAT"), "the failure is listed");
        assertTrue(html.contains("made-up"));
        assertTrue(html.contains("votes in the verdict"));
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link") || html.contains("url("),
                "the report is self-contained");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no external resources");

        String yaml = Files.readString(report.resolve("suggested-thresholds.yaml"));
        assertTrue(yaml.contains("openliveness:\n  verdict:\n"), yaml);
        assertTrue(yaml.matches("(?s).*\n    face-match: [0-9.]+\n.*"), yaml);
        assertTrue(yaml.matches("(?s).*\n    same-identity: [0-9.]+\n.*"), yaml);
        assertTrue(yaml.matches("(?s).*\n    smile-min: [0-9.]+\n.*"), yaml);
        assertTrue(yaml.matches("(?s).*\n    passive-min-live: [0-9.]+\n.*"), yaml);
        assertTrue(yaml.contains("passive-min-live: BPCER <= 2% on bona fide photos, real data: tiny"),
                "real bona fide photos calibrate the passive check: " + yaml);

        JsonNode bonaFide = entry(metrics, "tiny", "passive_bona_fide");
        assertEquals("bonafide", bonaFide.path("kind").asText());
        assertEquals(6, bonaFide.path("n").asInt(), "every photo a folder without attacks names (labels and pairs) is bona fide");
        assertEquals(1, bonaFide.path("unanalysed").asInt(), "the unreadable one is not analysed");
        assertTrue(bonaFide.path("bpcer").isNumber());
    }

    /** Made-up folders from one sample face, then evaluated: every synthetic task appears, flagged made up. */
    @Test
    void synthWritesReproducibleMadeUpFoldersThatEvaluateReads(@TempDir Path dir) throws Exception {
        List<String> args = List.of("dataset", "synth", "--crop-faces", "--max-subjects", "1", "--source",
                SAMPLES.resolve("sample5.jpg").toString(), "--out");
        Run first = run(concat(args, dir.resolve("a").toString()));
        assertEquals(0, first.exit(), first.err());
        Run second = run(concat(args, dir.resolve("b").toString(), "--folders", "head-pose,attacks"));
        assertEquals(0, second.exit(), second.err());

        assertTrue(Files.exists(dir.resolve("a").resolve("bursts").resolve("BURSTS.csv")));
        for (String folder : List.of("head-pose", "eyes", "mouth", "smile", "attacks")) {
            Path f = dir.resolve("a").resolve(folder);
            assertTrue(Files.exists(f.resolve(LabelledFolder.MADE_UP_MARKER)), folder);
            assertTrue(Files.readString(f.resolve("README.md")).contains("made up"), folder);
            assertTrue(LabelledFolder.read(f).madeUp());
        }
        assertFalse(Files.exists(dir.resolve("b").resolve("eyes")), "--folders writes only the folders named");
        for (String file : List.of("head-pose/images/s01-left-35.jpg", "attacks/images/s01-print-1.jpg",
                "attacks/images/s01-screen-2.jpg", "attacks/LABELS.csv")) {
            assertEquals(-1, Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file)),
                    file + " is the same for the same sources and seed");
        }
        LabelledFolder pose = LabelledFolder.read(dir.resolve("a").resolve("head-pose"));
        assertEquals(java.util.Set.of("frontal", "turn_subject_left", "turn_subject_right", "look_up", "look_down"),
                pose.distinctLabels());
        assertEquals("s01", pose.labels().get(0).extra("subject"));

        Path report = dir.resolve("report");
        Run eval = run("evaluate", "--out", report.toString(), dir.resolve("a").resolve("head-pose").toString(),
                dir.resolve("a").resolve("eyes").toString());
        assertEquals(0, eval.exit(), eval.err());
        JsonNode metrics = AnalysisJson.MAPPER.readTree(report.resolve("metrics.json").toFile());
        for (String task : List.of("turn_left", "turn_right", "look_up")) {
            JsonNode e = entry(metrics, "head-pose", task);
            assertTrue(e.path("madeUp").asBoolean(), task);
            assertEquals("challenge", e.path("kind").asText());
            assertEquals(11, e.path("n").asInt(), task + ": every pose photo of the subject is judged");
            assertEquals(3, e.path("frontal").asInt());
            assertTrue(e.path("acceptRateOfPerformed").isNumber() && e.path("falseAcceptRateOfOthers").isNumber());
        }
        assertTrue(entry(metrics, "eyes", "eyes_closed").path("madeUp").asBoolean());
        assertTrue(eval.out().contains("[MADE-UP data]"), eval.out());

        // The bursts folder: judged as the service judges uploads, genuine and attacks apart.
        Path burstReport = dir.resolve("burst-report");
        Run bursts = run("evaluate", "--out", burstReport.toString(), dir.resolve("a").resolve("bursts").toString());
        assertEquals(0, bursts.exit(), bursts.err());
        JsonNode rows = AnalysisJson.MAPPER.readTree(burstReport.resolve("bursts.json").toFile()).get(0).path("rows");
        java.util.Map<String, JsonNode> byKey = new java.util.HashMap<>();
        rows.forEach(r -> byKey.put(r.path("label").asText() + "/" + r.path("challenge").asText(), r));
        assertEquals(1, byKey.get("genuine/TURN_LEFT").path("accepted").asInt(), bursts.out());
        assertEquals(0, byKey.get("genuine/TURN_LEFT").path("bpcer").asDouble(), 1e-9);
        assertEquals(0, byKey.get("swap/TURN_LEFT").path("accepted").asInt(), bursts.out());
        assertEquals(1, byKey.get("swap/TURN_LEFT").path("refusedWith").path("DISCONTINUITY").asInt(), bursts.out());
        assertEquals(0, byKey.get("still-photo/TURN_LEFT").path("apcer").asDouble(), 1e-9);
        assertEquals(1, byKey.get("replayed-video/LIGHT").path("refusedWith").path("LIGHT_RESPONSE").asInt(), bursts.out());
        assertTrue(bursts.out().contains("[MADE-UP data]"), bursts.out());
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static JsonNode entry(JsonNode metrics, String dataset, String task) {
        for (JsonNode e : metrics) {
            if (e.path("dataset").asText().equals(dataset) && e.path("task").asText().equals(task)) {
                return e;
            }
        }
        throw new AssertionError("no entry for (" + dataset + ", " + task + ") in " + metrics);
    }
}
