package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.server.OpenLivenessServer;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** {@code openliveness load} against the real service, started in-process on a random loopback port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadCommandTest {

    /** Where the woman's face sits in sample5.jpg (box centre, pixels). */
    private static final double FACE_X = 862;
    private static final double FACE_Y = 230;

    @TempDir
    static Path dir;

    private ConfigurableApplicationContext server;
    private String url;
    private Path portrait;

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

    @BeforeAll
    void startServer() throws Exception {
        server = new SpringApplicationBuilder(OpenLivenessServer.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0", "--openliveness.dev-mode=true",
                        "--openliveness.data-dir=" + dir.resolve("data").toAbsolutePath());
        url = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        portrait = dir.resolve("portrait.jpg");
        Files.write(portrait, portrait(server.getBean(FaceEngine.class)));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private String newKey(String tenant) {
        return server.getBean(ApiKeys.class).create(tenant, Set.of(Scope.LIVENESS));
    }

    @Test
    void fourSessionsWithTwoClientsAreAllAliveWithoutErrors() throws Exception {
        Path json = dir.resolve("load.json");
        Run run = run("load", "--url", url, "--api-key", newKey("load-test"), "--photo", portrait.toString(),
                "--sessions", "4", "--clients", "2", "--json", json.toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("sessions run: 4 of 4"), run.out());
        assertTrue(run.out().contains("errors: 0"), run.out());
        assertTrue(run.out().contains("Server-Timing"), "says where the latency is measured: " + run.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(4, report.path("sessionsRun").asInt());
        assertEquals(0, report.path("errors").path("total").asInt(), report.toString());
        assertEquals(4, report.path("verdicts").path("alive").asInt(), report.path("verdicts").toString());
        assertEquals(1, report.path("verdicts").size(), "no other verdict: " + report.path("verdicts"));
        assertEquals(12, report.path("latencyMs").path("photoUpload").path("n").asInt());
        assertEquals(4, report.path("latencyMs").path("session").path("n").asInt());
        assertTrue(report.path("latencyMs").path("photoUpload").path("p50").asDouble() > 0);
        assertTrue(report.path("throughput").path("sessionsPerSecond").asDouble() > 0);
        for (JsonNode s : report.path("sessions")) {
            assertEquals("alive", s.path("verdict").asText(), s.toString());
            assertEquals(3, s.path("sent").size(), s.toString());
        }
    }

    @Test
    void sessionsAnsweredByBurstsOfFramesAreAliveToo() throws Exception {
        Path json = dir.resolve("bursts.json");
        Run run = run("load", "--url", url, "--api-key", newKey("load-bursts"), "--photo", portrait.toString(),
                "--sessions", "2", "--clients", "1", "--burst-frames", "5", "--json", json.toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        // 2 sessions and 5 spares (2 / 2 + 4) are rendered; the first 2 whose frames are no look-alikes are sent.
        assertTrue(run.out().contains("rendered 36 bursts of 5 frames"), run.out());
        assertTrue(run.out().contains("kept the first 2 of 12 rendered sessions whose bursts pass"), run.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(0, report.path("errors").path("total").asInt(), report.toString());
        assertEquals(2, report.path("verdicts").path("alive").asInt(), run.out() + report.path("sessions"));
        assertEquals(6, report.path("latencyMs").path("photoUpload").path("n").asInt(), "one burst upload per challenge");
        assertEquals(2, run("load", "--api-key", "x", "--photo", portrait.toString(), "--burst-frames", "2").exit());
    }

    @Test
    void aDurationRunSendsTheRenderedSessionsAgainWithTheNextKeyAtTheRate() throws Exception {
        Path json = dir.resolve("soak.json");
        Run run = run("load", "--url", url, "--api-key", newKey("soak-1"), "--api-key", newKey("soak-2"), "--api-key",
                newKey("soak-3"), "--photo", portrait.toString(), "--sessions", "2", "--clients", "2", "--duration", "4s",
                "--rate", "1", "--json", json.toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("per minute"), run.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        int ran = report.path("sessionsRun").asInt();
        // One session a second for 4 s: 4 (the pacing starts the first at once), never the 2 rendered only.
        assertTrue(ran >= 3 && ran <= 5, "sessions at 1 a second for 4 s: " + ran);
        assertEquals(0, report.path("errors").path("total").asInt(), report.toString());
        assertEquals(ran, report.path("verdicts").path("alive").asInt(), "a new tenant per pass: no replay " + report.path("verdicts"));
        assertTrue(report.path("stoppedBy").asText().contains("duration"), report.path("stoppedBy").asText());
        assertEquals(1, report.path("latencyMs").path("photoUploadPerMinute").size());
        assertEquals(3 * ran, report.path("latencyMs").path("photoUploadPerMinute").path(0).path("photos").asInt());
        assertEquals(Duration.ofMinutes(10), new LoadCommand.DurationConverter().convert("10m"));
        assertEquals(Duration.ofSeconds(90), new LoadCommand.DurationConverter().convert("PT90S"));
    }

    @Test
    void theTimeLimitEndsARunEarly() throws Exception {
        Path json = dir.resolve("limited.json");
        Run run = run("load", "--url", url, "--api-key", newKey("load-limited"), "--photo", portrait.toString(),
                "--sessions", "24", "--clients", "1", "--max-seconds", "1", "--json", json.toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        int ran = report.path("sessionsRun").asInt();
        assertTrue(ran >= 1 && ran < 24, "a session takes over 40 ms per photo, so 1 s holds fewer than 24: " + ran);
        assertTrue(report.path("stoppedBy").asText().contains("time limit"), report.path("stoppedBy").asText());
        assertTrue(report.path("seconds").asDouble() < 10, report.path("seconds").toString());
    }

    @Test
    void aPhotoWithoutAFaceIsABadArgument() throws Exception {
        Path blank = dir.resolve("blank.jpg");
        byte[] grey = new byte[400 * 300 * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        Files.write(blank, LoadPhotos.jpeg(new RgbImage(400, 300, grey)));
        Run run = run("load", "--url", url, "--api-key", newKey("load-blank"), "--photo", blank.toString(), "--sessions", "1");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("exactly one frontal face"), run.err());
    }

    @Test
    void badArgumentsAndAWrongKeyAreRefusedBeforeAnyRendering() {
        Run noTurn = run("load", "--url", url, "--api-key", "x", "--photo", portrait.toString(), "--challenges", "SMILE,BLINK");
        assertEquals(2, noTurn.exit());
        assertTrue(noTurn.err().contains("TURN_LEFT or TURN_RIGHT"), noTurn.err());
        assertEquals(2, run("load", "--api-key", "x", "--photo", portrait.toString(), "--sessions", "0").exit());
        assertEquals(2, run("load", "--api-key", "x", "--photo", portrait.toString(), "--challenges", "TURN_LEFT,WINK").exit());
        assertEquals(2, run("load", "--photo", portrait.toString()).exit());

        Run wrongKey = run("load", "--url", url, "--api-key", "olk_wrong", "--photo", portrait.toString(), "--sessions", "1");
        assertEquals(1, wrongKey.exit(), wrongKey.out() + wrongKey.err());
        assertTrue(wrongKey.err().contains("refused the API key"), wrongKey.err());
        assertTrue(!wrongKey.out().contains("rendering"), "nothing rendered: " + wrongKey.out());
    }

    @Test
    void serverTimingHeadersAreReadWhenTheServiceSendsThem() {
        java.net.http.HttpHeaders headers = java.net.http.HttpHeaders.of(java.util.Map.of("Server-Timing",
                java.util.List.of("analyse;dur=41.5;desc=\"face analysis\", db;dur=3", "total;dur=47.25")), (k, v) -> true);
        assertEquals(java.util.Map.of("analyse", 41.5, "db", 3.0, "total", 47.25), LoadCommand.serverTiming(headers));
        assertTrue(LoadCommand.serverTiming(java.net.http.HttpHeaders.of(java.util.Map.of(), (k, v) -> true)).isEmpty());
    }

    /** The woman at the top of sample5.jpg: her face box with 0.6 widths left and right, 0.5 heights above and below, 600 px wide. */
    private static byte[] portrait(FaceEngine engine) throws Exception {
        Path samples = Path.of(System.getProperty("openliveness.samples", "../engine/target/samples"));
        RgbImage photo = engine.decode(Files.readAllBytes(samples.resolve("sample5.jpg"))).image();
        FaceAnalysis her = engine.analyze(photo).stream()
                .min(Comparator.comparingDouble(f -> Math.hypot(f.box().centerX() - FACE_X, f.box().centerY() - FACE_Y)))
                .orElseThrow();
        Box box = her.box();
        int x = (int) Math.round(box.x() - 0.6 * box.width());
        int y = (int) Math.round(box.y() - 0.5 * box.height());
        int w = (int) Math.round(2.2 * box.width());
        int h = (int) Math.round(2.0 * box.height());
        RgbImage crop = ImageFiles.crop(photo, x, y, w, h);
        return LoadPhotos.jpeg(Warp.resize(crop, 600, (int) Math.round(600.0 * h / w)));
    }
}
