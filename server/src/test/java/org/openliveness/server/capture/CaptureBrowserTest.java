package org.openliveness.server.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openliveness.devkit.synth.Expression;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.capture.Browser.Watched;
import org.openliveness.server.capture.FakeCamera.Pose;
import org.openliveness.server.capture.FakeCamera.Script;
import org.openliveness.server.session.TestPhotos;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The capture component in a real browser: headless Chromium loads the demo page
 * {@code /capture/index.html#token=…} from the real server, its fake camera playing a video of a
 * rendered person (or of an attack) made by {@link FakeCamera}. Each test keeps a screenshot of
 * every step, and what the page showed and the server decided ({@code run.txt}), under
 * {@code target/capture-browser/<test>/}.
 *
 * <p>The videos move on their own clock. Most tests run the page with bursts long enough to hold
 * a whole cycle of movements (15 frames over 6.8 s), the server judging the one its challenge asks
 * for; one session runs at the component's default timing (10 frames over 2 s). Each video lets
 * the component begin only while the face is still and neutral (see {@link FakeCamera}). Between
 * them, the passing sessions answer every challenge type but LIGHT, which a fake camera cannot
 * answer (it does not see the screen).
 */
@IntegrationTest
@TestPropertySource(properties = "openliveness.session.enabled-challenges=TURN_LEFT,TURN_RIGHT,LOOK_UP,SMILE,BLINK,OPEN_MOUTH,LIGHT")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureBrowserTest {

    static final Path OUT = Path.of("target", "capture-browser");
    private static final String BASE = "/v1/verifications/liveness";
    private static final String TIMING = "&burstMs=6800&burstFrames=15";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The person facing the camera (and aside, where each cycle begins): the portrait itself is turned about 15° to her left
     * (measured yaw +15°), so she is rendered turned 10° back. (From there a turn to +50° measured
     * a change of about 35° through the browser; from 0° to +45°, about 22°, close to the threshold.)
     */
    static final Pose FACING = Pose.ASIDE_NEUTRAL.yaw(-10);

    /**
     * A person doing every movement of the session, one after the other, in each cycle: turn left,
     * look up, open the mouth. Every burst holds all three; the server judges the one its
     * challenge asks for. Each peak is held at least one burst frame's interval. (Turning right,
     * smiling and blinking: the next test.)
     */
    static final Script PERSON = Script.enterAndHold(FACING, 0.8)
            .then(1.0, p -> p.yaw(50)).hold(0.5).then(0.5, p -> p.yaw(FACING.yaw()))
            .then(1.0, p -> p.pitch(22)).hold(0.5).then(0.4, p -> p.pitch(0))
            .then(0.3, p -> p.mouth(1)).hold(0.6).then(0.3, p -> p.mouth(0))
            .hold(0.3);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    FaceEngine engine;

    TestPhotos photos;
    FakeCamera camera;

    @BeforeAll
    void browserAndPerson() throws Exception {
        if (!Browser.installed()) {
            // CI installs Chromium (.ci/run); there a missing browser is a failure, not a skip.
            assertThat(System.getenv("CI")).as("Chromium and ChromeDriver are missing; .ci/run installs them").isNullOrEmpty();
            Assumptions.abort("no /usr/bin/chromium and /usr/bin/chromedriver: apt-get install chromium chromium-driver");
        }
        Files.createDirectories(OUT);
        photos = new TestPhotos(engine);
        List<FaceAnalysis> faces = engine.analyze(photos.portrait);
        assertThat(faces).hasSize(1);
        camera = new FakeCamera(faces.get(0).box());
    }

    /** The videos are large (a 640×480 Y4M frame is 450 kB) and made again by every run: only the screenshots stay. */
    @AfterAll
    void removeVideos() throws Exception {
        if (Files.isDirectory(OUT)) {
            try (var files = Files.list(OUT)) {
                for (Path video : files.filter(p -> p.toString().endsWith(".y4m")).toList()) {
                    Files.delete(video);
                }
            }
        }
    }

    // ---- the tests ----

    @Test
    void aPersonDoingEveryChallengeInFrontOfTheCameraCompletesTheSession() throws Exception {
        Path video = OUT.resolve("person.y4m");
        camera.write(video, PERSON, 9, this::person);
        Session s = createInOrder(List.of("TURN_LEFT", "LOOK_UP", "OPEN_MOUTH"));

        Watched watched = run(s, video, Browser.Window.PHONE, "person");
        JsonNode session = read(s);
        // TURN_LEFT met also shows the frames went up un-mirrored: mirrored, a left turn reads as a right one.
        assertThat(watched.outcome()).as(watched + "\n" + session.toPrettyString()).isEqualTo("completed");
        assertThat(watched.message()).isEqualTo("Done. Thank you!");
        assertThat(session.path("result").path("isAlive").asBoolean()).as(session.toPrettyString()).isTrue();
        assertThat(session.path("result").path("captureMode").asText()).isEqualTo("BURST");
        for (JsonNode c : session.path("challenges")) {
            assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("MET");
            assertThat(c.path("captureMode").asText()).isEqualTo("BURST");
        }
        assertThat(watched.shown()).as("told what to do, never measures or thresholds")
                .anyMatch(line -> line.startsWith("positioning:"))
                .anyMatch(line -> line.contains("[Turn your head to the left]"))
                .anyMatch(line -> line.contains("[Look upward]"))
                .noneMatch(line -> line.matches(".*(\\d+(\\.\\d+)?°|threshold|score|confidence).*"));
        report("person", watched, session);
    }

    /**
     * The challenges the session above leaves out, made one after the other in each cycle as
     * there: turn right, smile, close the eyes. (The rendered smile measures 0.58 to 0.80 through
     * the browser, against a threshold of 0.5; it is held for two burst frames.)
     */
    @Test
    void aPersonTurningRightSmilingAndBlinkingCompletesTheSession() throws Exception {
        Script script = Script.enterAndHold(FACING, 0.8)
                .then(1.0, p -> p.yaw(-55)).hold(0.5).then(0.5, p -> p.yaw(FACING.yaw()))
                .then(0.3, p -> p.smile(1)).hold(1.0).then(0.3, p -> p.smile(0))
                .then(0.15, p -> p.eyesClosed(1)).hold(0.4).then(0.15, p -> p.eyesClosed(0))
                .hold(0.3);
        Path video = OUT.resolve("person-2.y4m");
        camera.write(video, script, 9, this::person);
        Session s = createInOrder(List.of("TURN_RIGHT", "SMILE", "BLINK"));

        Watched watched = run(s, video, Browser.Window.DESKTOP, "person-2");
        JsonNode session = read(s);
        report("person-2", watched, session);
        assertThat(watched.outcome()).as(watched + "\n" + session.toPrettyString()).isEqualTo("completed");
        assertThat(session.path("result").path("isAlive").asBoolean()).as(session.toPrettyString()).isTrue();
        assertThat(session.path("result").path("captureMode").asText()).isEqualTo("BURST");
    }

    /**
     * The component's default timing (10 frames over 2 s from the instruction). The person blinks,
     * then turns right, in the middle of the frame: whichever moment of the still hold the two
     * placed previews pick for the burst's start, the 2 s hold the closed eyes and the turn's peak;
     * each burst is judged on its own challenge's measure, its answer frame showing that movement
     * alone. Then she steps aside until the next cycle, so a new challenge begins only in a hold.
     */
    @Test
    void aPersonAnswersAtTheComponentsDefaultTiming() throws Exception {
        Script script = new Script(FACING).then(0.1, p -> p.offset(0)).hold(0.5)
                .then(0.1, p -> p.eyesClosed(1)).hold(0.3).then(0.1, p -> p.eyesClosed(0))
                .then(0.6, p -> p.yaw(-45)).hold(0.3).then(0.6, p -> p.yaw(FACING.yaw()))
                .then(0.2, p -> p.offset(FakeCamera.ASIDE)).hold(2.2);
        Path video = OUT.resolve("default-timing.y4m");
        // Long enough never to loop during the test: a picture seen again would rightly be a replay.
        camera.write(video, script, 20, this::person);
        Session s = create(List.of("TURN_RIGHT", "BLINK"), null);

        Watched watched;
        try (Browser browser = new Browser(video, true, Browser.Window.PHONE)) {
            browser.open(page(s));
            watched = browser.watch(OUT.resolve("default-timing"), Duration.ofSeconds(100));
        }
        JsonNode session = read(s);
        report("default-timing", watched, session);
        assertThat(watched.policyViolations()).isEmpty();
        assertThat(watched.outcome()).as(watched + "\n" + session.toPrettyString()).isEqualTo("completed");
        assertThat(session.path("result").path("isAlive").asBoolean()).as(session.toPrettyString()).isTrue();
    }

    @Test
    void aTurnMadeOfTwoSwappedStillsFailsAsADiscontinuity() throws Exception {
        // A frontal photo of the person held up, then swapped for a photo of them turned left.
        Script script = Script.enterAndHold(FACING, 0.8).then(0, p -> p.yaw(45)).hold(1.6).then(0, p -> p.yaw(FACING.yaw())).hold(0.6);
        Path video = OUT.resolve("swap.y4m");
        camera.write(video, script, 4, this::person);
        Session s = create(List.of("TURN_LEFT", "SMILE"), "TURN_LEFT");

        Watched watched = run(s, video, Browser.Window.DESKTOP, "swap");
        JsonNode session = read(s);
        assertNotCompleted(watched, session, "DISCONTINUITY");
        assertThat(watched.shown()).anyMatch(line -> line.equals("retry: Let's try again: make one slow, smooth movement."));
        assertThat(challenge(session, "TURN_LEFT").path("detail").asText()).contains("one jump");
        report("swap", watched, session);
    }

    @Test
    void aPrintTiltedInFrontOfTheCameraIsNotATurn() throws Exception {
        // A print of the person's photo, held up and tilted by up to 50° to fake a turn to the left.
        Script script = Script.enterAndHold(Pose.ASIDE_NEUTRAL, 0.8).then(1.2, p -> p.tilt(50)).hold(0.3).then(0.6, p -> p.tilt(0)).hold(0.6);
        Path video = OUT.resolve("print.y4m");
        camera.write(video, script, 4, pose -> photos.print.tilt(pose.tilt()));
        Session s = create(List.of("TURN_LEFT", "SMILE"), "TURN_LEFT");

        Watched watched = run(s, video, Browser.Window.PHONE, "print");
        JsonNode session = read(s);
        // A flat picture turned in front of a camera barely changes the head pose the face mesh reads
        // (measured: 3° to 8° for a 50° tilt), so the server answers that no turn was made; its
        // frames never differ by the 20° of yaw the planarity test needs, so PLANAR_SURFACE is not
        // reached (that check is tested on canned frames in the engine).
        assertNotCompleted(watched, session, "CHALLENGE_NOT_MET");
        JsonNode turn = challenge(session, "TURN_LEFT");
        assertThat(turn.path("measure").asText()).isEqualTo("yawChange");
        assertThat(turn.path("value").asDouble()).as(turn.toString()).isLessThan(turn.path("threshold").asDouble());
        report("print", watched, session);
    }

    @Test
    void aPrerecordedVideoCannotFollowTheScreenLight() throws Exception {
        // A video of the person recorded earlier: it does not change with the colours the screen shows now.
        Path video = OUT.resolve("recorded.y4m");
        camera.write(video, new Script(FACING.offset(0)).hold(2), 1, this::person);
        Session s = create(List.of("LIGHT", "TURN_LEFT"), "LIGHT");

        Watched watched = run(s, video, Browser.Window.PHONE, "light");
        JsonNode session = read(s);
        assertNotCompleted(watched, session, "LIGHT_RESPONSE");
        assertThat(watched.shown()).as("the screen showed the colours").anyMatch(line -> line.contains("{screen rgb("));
        report("light", watched, session);
    }

    @Test
    void aRefusedCameraIsExplainedInPlainWords() throws Exception {
        Path video = OUT.resolve("still.y4m");
        camera.write(video, new Script(FACING.offset(0)).hold(1), 1, this::person);
        Session s = create(List.of("TURN_LEFT", "SMILE"), null);
        Watched watched;
        try (Browser browser = new Browser(video, false, Browser.Window.DESKTOP)) {
            browser.open(page(s));
            watched = browser.watch(OUT.resolve("camera-refused"), Duration.ofSeconds(30));
        }
        assertThat(watched.outcome()).as(watched.toString()).isEqualTo("error");
        assertThat(watched.last().get("reason")).isEqualTo("camera-denied");
        assertThat(watched.policyViolations()).isEmpty();
        assertThat(watched.message()).contains("camera was blocked", "reload the page");
        JsonNode session = read(s);
        assertThat(session.path("status").asText()).isEqualTo("IN_PROGRESS");
        report("camera-refused", watched, session);
    }

    @Test
    void aMissingCameraIsExplainedInPlainWords() throws Exception {
        Path video = OUT.resolve("still.y4m");
        camera.write(video, new Script(FACING.offset(0)).hold(1), 1, this::person);
        Session s = create(List.of("TURN_LEFT", "SMILE"), null);
        Watched watched;
        try (Browser browser = new Browser(video, true, Browser.Window.PHONE)) {
            // What a browser answers on a machine without any camera.
            browser.beforeEveryPage("navigator.mediaDevices.getUserMedia = () => "
                    + "Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));");
            browser.open(page(s));
            watched = browser.watch(OUT.resolve("no-camera"), Duration.ofSeconds(30));
        }
        assertThat(watched.outcome()).as(watched.toString()).isEqualTo("error");
        assertThat(watched.last().get("reason")).isEqualTo("no-camera");
        assertThat(watched.policyViolations()).isEmpty();
        assertThat(watched.message()).startsWith("No camera was found.");
        report("no-camera", watched, read(s));
    }

    @Test
    void anUnknownSessionTokenIsExplainedWithoutAskingForTheCamera() throws Exception {
        Path video = OUT.resolve("still.y4m");
        camera.write(video, new Script(FACING.offset(0)).hold(1), 1, this::person);
        Watched watched;
        try (Browser browser = new Browser(video, true, Browser.Window.PHONE)) {
            browser.open("http://127.0.0.1:" + port + "/capture/index.html#token=ses_not-a-real-token");
            watched = browser.watch(OUT.resolve("unknown-token"), Duration.ofSeconds(30));
        }
        assertThat(watched.outcome()).as(watched.toString()).isEqualTo("error");
        assertThat(watched.last().get("reason")).isEqualTo("invalid-session");
        assertThat(watched.policyViolations()).isEmpty();
        assertThat(watched.shown()).noneMatch(line -> line.startsWith("camera:"));
    }

    // ---- helpers ----

    /** Runs the demo page for session {@code s} with the fake camera playing {@code video}; screenshots in {@code OUT/name}. */
    Watched run(Session s, Path video, Browser.Window window, String name) {
        Watched watched;
        try (Browser browser = new Browser(video, true, window)) {
            browser.open(page(s) + TIMING);
            watched = browser.watch(OUT.resolve(name), Duration.ofSeconds(150));
        }
        assertThat(watched.policyViolations()).as("blocked by the page's Content-Security-Policy").isEmpty();
        return watched;
    }

    /** The page ended "not completed"; the session failed for {@code reason}, its first challenge after every attempt. */
    private static void assertNotCompleted(Watched watched, JsonNode session, String reason) {
        String both = watched + "\n" + session.toPrettyString();
        assertThat(watched.outcome()).as(both).isEqualTo("not-completed");
        assertThat(watched.message()).isEqualTo("We couldn't complete the check. Please start again.");
        assertThat(session.path("status").asText()).as(both).isEqualTo("COMPLETED");
        assertThat(session.path("result").path("isAlive").asBoolean()).isFalse();
        assertThat(session.path("result").path("failureReason").asText()).as(both).isEqualTo(reason);
        JsonNode first = session.path("challenges").get(0);
        assertThat(first.path("status").asText()).as(both).isEqualTo("FAILED");
        assertThat(first.path("failureReason").asText()).as(both).isEqualTo(reason);
        assertThat(first.path("attempts").asInt()).as("the first try and two retries").isEqualTo(3);
        assertThat(watched.shown().stream().filter(line -> line.startsWith("retry:"))).hasSize(2);
    }

    private static JsonNode challenge(JsonNode session, String type) {
        for (JsonNode c : session.path("challenges")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        throw new AssertionError("no " + type + " in " + session);
    }

    /** The person rendered in a pose. */
    private org.openliveness.engine.image.RgbImage person(Pose pose) {
        Map<Expression, Double> amounts = new EnumMap<>(Expression.class);
        if (pose.smile() > 0) {
            amounts.put(Expression.SMILE, pose.smile());
        }
        if (pose.mouth() > 0) {
            amounts.put(Expression.MOUTH_OPEN, pose.mouth());
        }
        if (pose.eyesClosed() > 0) {
            amounts.put(Expression.EYES_CLOSED, pose.eyesClosed());
        }
        return photos.person.render(pose.yaw(), pose.pitch(), amounts);
    }

    record Session(String id, String token, String key, List<String> order) {
    }

    /**
     * A session with these challenge types, for a new tenant (the tests film the same person, and
     * within one tenant a picture of an earlier session is rightly a replay). The server shuffles
     * the challenges; with {@code first} set, sessions are created until that type comes first.
     */
    Session create(List<String> types, String first) throws Exception {
        return create(types, order -> first == null || order.get(0).equals(first), "beginning with " + first);
    }

    /**
     * A session whose challenges come in the order given: the order in which a looped video's person
     * makes the movements. (In another order a burst may start where the video is between movements
     * for every try: a session that began with SMILE failed it three times in a CI run.)
     */
    Session createInOrder(List<String> types) throws Exception {
        return create(types, order -> order.equals(types), "in the order " + types);
    }

    private Session create(List<String> types, Predicate<List<String>> wanted, String what) throws Exception {
        String key = apiKeys.create("browser-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        for (int tries = 0; tries < 80; tries++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userId", "browser-user");
            body.put("challengeCount", types.size());
            body.put("challengeTypes", types);
            HttpHeaders headers = new HttpHeaders();
            headers.set(ApiKeys.HEADER, key);
            headers.setContentType(MediaType.APPLICATION_JSON);
            ResponseEntity<String> r = http.postForEntity(BASE + "/session", new HttpEntity<>(JSON.writeValueAsString(body), headers),
                    String.class);
            assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.CREATED);
            JsonNode json = JSON.readTree(r.getBody());
            List<String> order = new ArrayList<>();
            json.path("challenges").forEach(c -> order.add(c.path("type").asText()));
            if (wanted.test(order)) {
                return new Session(json.path("id").asText(), json.path("sessionToken").asText(), key, order);
            }
        }
        throw new AssertionError("no session " + what + " in 80 tries");
    }

    /** The demo page for a session: the token in the fragment, never the query. */
    String page(Session s) {
        return "http://127.0.0.1:" + port + "/capture/index.html#token=" + s.token();
    }

    /** The session as the integrating backend reads it, with its API key. */
    JsonNode read(Session s) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, s.key());
        ResponseEntity<String> r = http.exchange(BASE + "/" + s.id(), HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(r.getBody());
    }

    /** What the page showed and what the server decided, beside the screenshots. */
    private static void report(String name, Watched watched, JsonNode session) throws Exception {
        StringBuilder text = new StringBuilder("What the page showed:\n").append(watched).append("\n\nThe session (backend view):\n");
        for (JsonNode c : session.path("challenges")) {
            text.append(String.format("  %s %s attempts=%d %s %s%n", c.path("type").asText(), c.path("status").asText(),
                    c.path("attempts").asInt(), c.path("failureReason").asText(""), c.path("detail").asText("")));
        }
        JsonNode result = session.path("result");
        text.append(String.format("  status %s, alive %s, failureReason %s: %s%n", session.path("status").asText(),
                result.path("isAlive").asText("-"), result.path("failureReason").asText("-"), result.path("failureDetail").asText("")));
        Files.createDirectories(OUT.resolve(name));
        Files.writeString(OUT.resolve(name).resolve("run.txt"), text);
        System.out.println("[capture-browser] " + name + "\n" + text);
    }
}
