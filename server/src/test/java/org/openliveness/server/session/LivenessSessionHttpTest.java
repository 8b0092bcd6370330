package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openliveness.engine.FaceEngine;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.testing.IntegrationTest;
import org.openliveness.server.testing.PausableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The native liveness API over real HTTP, with photos rendered from a real face. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivenessSessionHttpTest {

    /** The native API's base path, as its clients write it. */
    static final String BASE = "/v1/verifications/liveness";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    FaceEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PausableClock clock;

    TestPhotos photos;
    String key;

    @BeforeAll
    void renderPhotos() {
        photos = new TestPhotos(engine);
    }

    /**
     * A tenant per test: the tests reuse the same rendered photos, and within one tenant a photo
     * of an earlier session is (rightly) a replay.
     */
    @BeforeEach
    void newTenant() {
        key = apiKeys.create("it-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
    }

    /** A session as the client sees it: token and challenge ids by type. */
    record Session(String id, String token, Map<String, String> challengeIds) {
        String idOf(String type) {
            return challengeIds.get(type);
        }
    }

    Session create(String userId, List<String> types) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("challengeCount", types.size());
        body.put("challengeTypes", types);
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = http.postForEntity(BASE + "/session",
                new HttpEntity<>(JSON.writeValueAsString(body), headers), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode json = JSON.readTree(response.getBody());
        Map<String, String> ids = new LinkedHashMap<>();
        json.path("challenges").forEach(c -> ids.put(c.path("type").asText(), c.path("id").asText()));
        assertThat(ids.keySet()).containsExactlyInAnyOrderElementsOf(types);
        assertThat(json.path("sessionToken").asText()).startsWith("ses_");
        return new Session(json.path("id").asText(), json.path("sessionToken").asText(), ids);
    }

    ResponseEntity<String> submit(Session s, String type, byte[] photo) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("sessionToken", s.token());
        form.add("challengeId", s.idOf(type));
        form.add("photo", file(photo, "photo.jpg"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.postForEntity(BASE + "/challenge", new HttpEntity<>(form, headers), String.class);
    }

    ResponseEntity<String> reference(Session s, byte[] photo) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("sessionToken", s.token());
        form.add("selfie", file(photo, "selfie.jpg"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.postForEntity(BASE + "/reference-selfie", new HttpEntity<>(form, headers), String.class);
    }

    private static ByteArrayResource file(byte[] bytes, String name) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    JsonNode ok(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    JsonNode get(String id, String apiKey) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, apiKey);
        ResponseEntity<String> r = http.exchange(BASE + "/" + id, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(r.getBody());
    }

    @Test
    void photosThatPerformTheirChallengesGiveAliveWithReferenceMatch() throws Exception {
        Session s = create("alice", List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH"));
        JsonNode ref = ok(reference(s, photos.frontal()));
        assertThat(ref.path("status").asText()).isEqualTo("IN_PROGRESS");

        JsonNode first = ok(submit(s, "SMILE", photos.performing("SMILE")));
        assertThat(first.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(first.path("challengesCompleted").asInt()).isEqualTo(1);
        assertThat(first.path("challengesTotal").asInt()).isEqualTo(3);
        assertThat(first.path("isComplete").asBoolean()).isFalse();
        assertThat(first.path("nextStep").asText()).contains("2 challenge");
        assertThat(first.path("challenge").path("met").asBoolean()).as(first.toString()).isTrue();

        ok(submit(s, "OPEN_MOUTH", photos.performing("OPEN_MOUTH")));
        JsonNode last = ok(submit(s, "TURN_LEFT", photos.performing("TURN_LEFT")));
        assertThat(last.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(last.path("isComplete").asBoolean()).isTrue();
        assertThat(last.path("result").path("isAlive").asBoolean()).as(last.toString()).isTrue();
        assertThat(last.toString()).as("a capture reply carries no scores, measures, thresholds or details")
                .doesNotContain("confidence", "antiSpoofScore", "faceMatchScore", "threshold", "value", "baseline", "detail", "checks");
        JsonNode result = get(s.id(), key).path("result");
        assertThat(result.path("isAlive").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("failureReason").isNull()).as(result.toString()).isTrue();
        assertThat(result.path("confidence").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(result.path("faceMatchScore").asDouble()).isGreaterThan(0.9);
        assertThat(result.path("antiSpoofScore").asDouble()).isGreaterThan(0.5);

        JsonNode detail = get(s.id(), key);
        assertThat(detail.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(detail.path("referenceSelfie").asBoolean()).isTrue();
        for (JsonNode c : detail.path("challenges")) {
            assertThat(c.path("status").asText()).isEqualTo("MET");
            assertThat(c.path("value").isNumber()).as(c.toString()).isTrue();
            assertThat(c.path("threshold").isNumber()).isTrue();
        }
    }

    @Test
    void theWrongActionFailsTheChallengeAfterTheRetries() throws Exception {
        Session s = create("bob", List.of("TURN_RIGHT", "BLINK"));
        JsonNode last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            last = ok(submit(s, "BLINK", photos.performing("SMILE")));
            assertThat(last.path("challenge").path("met").asBoolean()).isFalse();
            assertThat(last.path("challenge").path("attempts").asInt()).isEqualTo(attempt);
        }
        assertThat(last.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(last.path("result").path("isAlive").asBoolean()).isFalse();
        assertThat(last.path("result").path("failureReason").asText()).isEqualTo("CHALLENGE_NOT_MET");
        assertThat(get(s.id(), key).path("result").path("failureDetail").asText()).contains("BLINK");
    }

    @Test
    void aFailedAttemptCanBeRetried() throws Exception {
        Session s = create("carol", List.of("TURN_LEFT", "OPEN_MOUTH"));
        ok(submit(s, "OPEN_MOUTH", photos.performing("OPEN_MOUTH")));
        JsonNode wrong = ok(submit(s, "TURN_LEFT", photos.frontal()));
        assertThat(wrong.path("challenge").path("met").asBoolean()).isFalse();
        assertThat(wrong.path("challenge").path("hint").asText()).as(wrong.toString()).isEqualTo("TURN_FURTHER");
        assertThat(wrong.path("challenge").has("detail") || wrong.path("challenge").has("value")).as("no measures").isFalse();
        JsonNode measured = get(s.id(), key).path("challenges");
        assertThat(measured.toString()).as("the backend reads what was measured").contains("needed", "threshold");
        assertThat(wrong.path("status").asText()).isEqualTo("IN_PROGRESS");
        JsonNode right = ok(submit(s, "TURN_LEFT", photos.performing("TURN_LEFT")));
        assertThat(right.path("result").path("isAlive").asBoolean()).as(right.toString()).isTrue();
    }

    @Test
    void aCaptureReplySaysWhereTheServerTimeWent() throws Exception {
        Session s = create("lena", List.of("TURN_LEFT", "SMILE"));
        ResponseEntity<String> r = submit(s, "SMILE", photos.performing("SMILE"));
        ok(r);
        String timing = r.getHeaders().getFirst("Server-Timing");
        assertThat(timing).as("Server-Timing").isNotNull().contains("queue;dur=").contains("analysis;dur=").contains("app;dur=");
        double analysis = Double.parseDouble(timing.replaceAll(".*analysis;dur=([0-9.]+).*", "$1"));
        double app = Double.parseDouble(timing.replaceAll(".*app;dur=([0-9.]+).*", "$1"));
        assertThat(analysis).isPositive().isLessThanOrEqualTo(app);
    }

    @Test
    void anotherPersonInOnePhotoIsAnIdentityMismatch() throws Exception {
        Session s = create("dave", List.of("TURN_LEFT", "TURN_RIGHT"));
        ok(submit(s, "TURN_LEFT", photos.performing("TURN_LEFT")));
        JsonNode last = ok(submit(s, "TURN_RIGHT", photos.otherTurn(-30)));
        assertThat(last.path("status").asText()).as(last.toString()).isEqualTo("COMPLETED");
        assertThat(last.path("result").path("isAlive").asBoolean()).isFalse();
        assertThat(last.path("result").path("failureReason").asText()).as(last.toString()).isEqualTo("IDENTITY_MISMATCH");
    }

    @Test
    void theReferenceSelfieIsNoBaselineAndIsTakenOnceBeforeTheChallenges() throws Exception {
        Session s = create("erin", List.of("TURN_LEFT", "SMILE"));
        ok(reference(s, photos.turn(30, 0)));
        ResponseEntity<String> again = reference(s, photos.frontal());
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(409);
        assertThat(JSON.readTree(again.getBody()).path("code").asText()).isEqualTo("REFERENCE_NOT_ALLOWED");
        // An already-turned reference does not lower what a turn must show: the first turn is judged from frontal.
        JsonNode turn = ok(submit(s, "TURN_LEFT", photos.turn(33, 0)));
        assertThat(turn.path("challenge").path("met").asBoolean()).as(turn.toString()).isTrue();
    }

    @Test
    void aFlatPictureIsNeverAlive() throws Exception {
        Session s = create("frank", List.of("TURN_LEFT", "SMILE"));
        ok(submit(s, "SMILE", photos.performing("SMILE")));
        JsonNode last = null;
        for (int attempt = 0; attempt < 3 && (last == null || !last.path("isComplete").asBoolean()); attempt++) {
            last = ok(submit(s, "TURN_LEFT", TestPhotos.jpeg(photos.print.tilt(30 + 7.5 * attempt))));
        }
        assertThat(last.path("isComplete").asBoolean()).as(last.toString()).isTrue();
        assertThat(last.path("result").path("isAlive").asBoolean()).as(last.toString()).isFalse();
        assertThat(last.path("result").path("failureReason").asText()).isIn("CHALLENGE_NOT_MET", "PLANAR_SURFACE");
    }

    /**
     * A print shown at two angles: tilted away as the reference selfie and bent towards the camera
     * for the turn, which meets it. The reference is identity evidence only, so it is no second view
     * for the 3-D check (the unit tests of the judge show a real face as reference cannot rescue flat
     * challenge photos either); the print cannot smile, and the session ends not alive.
     */
    @Test
    void aPrintWithAReferenceAtAnotherAngleIsNotAlive() throws Exception {
        Session s = create("mallory", List.of("TURN_LEFT", "SMILE"));
        ok(reference(s, TestPhotos.jpeg(photos.print.tilt(-55))));
        JsonNode turn = ok(submit(s, "TURN_LEFT", TestPhotos.jpeg(photos.print.bend(40))));
        assertThat(turn.path("challenge").path("met").asBoolean()).as(turn.toString()).isTrue();
        JsonNode last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            last = ok(submit(s, "SMILE", TestPhotos.jpeg(photos.print.tilt(-20 - 10 * attempt))));
        }
        assertThat(last.path("status").asText()).as(last.toString()).isEqualTo("COMPLETED");
        assertThat(last.path("result").path("isAlive").asBoolean()).isFalse();
        assertThat(last.path("result").path("failureReason").asText()).as(last.toString()).isEqualTo("CHALLENGE_NOT_MET");
        assertThat(get(s.id(), key).path("result").path("failureDetail").asText()).contains("SMILE");
    }

    @Test
    void theSamePhotoTwiceIsAReplay() throws Exception {
        Session s = create("grace", List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH"));
        byte[] smile = photos.performing("SMILE");
        ok(submit(s, "SMILE", smile));
        JsonNode again = ok(submit(s, "OPEN_MOUTH", smile));
        assertThat(again.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(again.path("result").path("isAlive").asBoolean()).isFalse();
        assertThat(again.path("result").path("failureReason").asText()).isEqualTo("REPLAYED_IMAGE");
    }

    @Test
    void anExpiredSessionAnswersGoneAndReadsExpired() throws Exception {
        Session s = create("heidi", List.of("TURN_LEFT", "SMILE"));
        jdbc.sql("UPDATE liveness_session SET expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), s.id()).update();
        ResponseEntity<String> r = submit(s, "SMILE", photos.performing("SMILE"));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(JSON.readTree(r.getBody()).path("code").asText()).isEqualTo("SESSION_EXPIRED");
        JsonNode detail = get(s.id(), key);
        assertThat(detail.path("status").asText()).isEqualTo("EXPIRED");
        assertThat(detail.path("result").path("failureReason").asText()).isEqualTo("EXPIRED");
        assertThat(detail.path("result").path("isAlive").asBoolean()).isFalse();
    }

    @Test
    void badUploadsAreProblemsAndTheSessionStaysUsable() throws Exception {
        Session s = create("ivan", List.of("TURN_LEFT", "SMILE"));
        ResponseEntity<String> text = submit(s, "SMILE", "this is not a photo".getBytes());
        assertThat(text.getStatusCode().is4xxClientError()).isTrue();
        assertThat(JSON.readTree(text.getBody()).path("code").asText()).isEqualTo("UNSUPPORTED_PHOTO_FORMAT");
        byte[] huge = new byte[12 * 1024 * 1024];
        System.arraycopy(photos.frontal(), 0, huge, 0, 1000);
        ResponseEntity<String> tooBig = submit(s, "SMILE", huge);
        assertThat(tooBig.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(JSON.readTree(tooBig.getBody()).path("code").asText()).isEqualTo("PHOTO_TOO_LARGE");
        ResponseEntity<String> unknown = submit(new Session(s.id(), s.token(), Map.of("SMILE", "ch_nope")), "SMILE", photos.frontal());
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(JSON.readTree(unknown.getBody()).path("code").asText()).isEqualTo("CHALLENGE_NOT_FOUND");
        ResponseEntity<String> badToken = submit(new Session(s.id(), "ses_wrong", s.challengeIds()), "SMILE", photos.frontal());
        assertThat(badToken.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        JsonNode detail = get(s.id(), key);
        for (JsonNode c : detail.path("challenges")) {
            // The undecodable upload used up one of SMILE's attempts (one token cannot repeat it freely);
            // the oversized one, refused before it was read, and the wrong ids and token did not.
            assertThat(c.path("attempts").asInt()).as(c.toString()).isEqualTo(c.path("type").asText().equals("SMILE") ? 1 : 0);
        }
        ok(submit(s, "SMILE", photos.performing("SMILE")));
        JsonNode done = ok(submit(s, "TURN_LEFT", photos.performing("TURN_LEFT")));
        assertThat(done.path("result").path("isAlive").asBoolean()).as(done.toString()).isTrue();
    }

    @Test
    void photosOfOneSessionSentInParallelLoseNoUpdate() throws Exception {
        List<String> types = List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH");
        Session s = create("judy", types);
        Map<String, byte[]> shots = new LinkedHashMap<>();
        types.forEach(t -> shots.put(t, photos.performing(t)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ResponseEntity<String>>> futures = new ArrayList<>();
            shots.forEach((t, bytes) -> futures.add(pool.submit(() -> submit(s, t, bytes))));
            for (Future<ResponseEntity<String>> f : futures) {
                ok(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode detail = get(s.id(), key);
        assertThat(detail.path("challengesCompleted").asInt()).as(detail.toString()).isEqualTo(3);
        assertThat(detail.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(detail.path("result").path("isAlive").asBoolean()).as(detail.toString()).isTrue();
    }

    JsonNode startChallenge(Session s, String type) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = JSON.writeValueAsString(Map.of("sessionToken", s.token(), "challengeId", s.idOf(type)));
        return ok(http.postForEntity(BASE + "/challenge/start", new HttpEntity<>(body, headers), String.class));
    }

    ResponseEntity<String> submitBurst(Session s, String type, List<byte[]> frames, String frameTimes) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("sessionToken", s.token());
        form.add("challengeId", s.idOf(type));
        for (int i = 0; i < frames.size(); i++) {
            form.add("frames", file(frames.get(i), "frame" + i + ".jpg"));
        }
        if (frameTimes != null) {
            form.add("frameTimes", frameTimes);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.postForEntity(BASE + "/challenge", new HttpEntity<>(form, headers), String.class);
    }

    @Test
    void aBurstOfFramesRecordedDuringTheTurnAnswersTheChallengeThroughTheModels() throws Exception {
        Session s = create("burst-" + UUID.randomUUID(), List.of("TURN_LEFT", "SMILE"));
        ResponseEntity<String> early = submitBurst(s, "TURN_LEFT", List.of(photos.turn(0, 0), photos.turn(10, 0), photos.turn(20, 0)), null);
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(JSON.readTree(early.getBody()).path("code").asText()).isEqualTo("CHALLENGE_NOT_STARTED");

        JsonNode started = startChallenge(s, "TURN_LEFT");
        assertThat(started.path("type").asText()).isEqualTo("TURN_LEFT");
        assertThat(started.path("minFrames").asInt()).isEqualTo(3);
        assertThat(started.path("maxFrames").asInt()).isEqualTo(15);
        assertThat(started.path("light").isNull()).isTrue();
        assertThat(Instant.parse(started.path("burstDeadline").asText())).isAfter(Instant.parse(started.path("startedAt").asText()));
        List<byte[]> frames = new ArrayList<>();
        for (int yaw = -15; yaw <= 35; yaw += 10) {
            frames.add(photos.turn(yaw, 0));
        }
        JsonNode turned = ok(submitBurst(s, "TURN_LEFT", frames, "0,100,200,300,400,500"));
        JsonNode challenge = turned.path("challenge");
        assertThat(challenge.path("met").asBoolean()).as(turned.toString()).isTrue();
        assertThat(challenge.path("captureMode").asText()).isEqualTo("BURST");
        assertThat(challenge.has("measure")).as("measures are the backend's").isFalse();

        ok(submit(s, "SMILE", photos.performing("SMILE")));
        JsonNode result = get(s.id(), key).path("result");
        assertThat(result.path("isAlive").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("captureMode").asText()).as("one burst and one photo").isEqualTo("PHOTO");
        List<String> checks = new ArrayList<>();
        result.path("checks").forEach(c -> checks.add(c.path("check").asText() + ":" + c.path("status").asText()));
        assertThat(checks).contains("continuity:PASS", "lightResponse:NOT_APPLICABLE");
    }

    @Test
    void aBurstMadeOfTwoStillsIsADiscontinuityAndAMalformedBurstIsRefused() throws Exception {
        Session s = create("swap-" + UUID.randomUUID(), List.of("TURN_LEFT", "SMILE"));
        startChallenge(s, "TURN_LEFT");
        byte[] still = photos.turn(-15, 0);
        byte[] turned = photos.turn(35, 0);
        JsonNode swap = ok(submitBurst(s, "TURN_LEFT", List.of(still, still, still, turned, turned, turned), "0,100,200,300,400,500"));
        assertThat(swap.path("challenge").path("met").asBoolean()).isFalse();
        assertThat(swap.path("challenge").path("failureReason").asText()).isEqualTo("DISCONTINUITY");

        ResponseEntity<String> tooFew = submitBurst(s, "TURN_LEFT", List.of(still, turned), null);
        assertThat(tooFew.getStatusCode()).as("2 frames").isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> badTimes = submitBurst(s, "TURN_LEFT", List.of(still, still, turned), "0,a,2");
        assertThat(badTimes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aPreviewFrameGetsTheFaceBoxAndHintsAndPreviewsAreRateLimited() throws Exception {
        Session s = create("preview-" + UUID.randomUUID(), List.of("TURN_LEFT", "SMILE"));
        List<ResponseEntity<String>> replies = new ArrayList<>();
        // The server's clock stands still: the 7 previews fall in one second however slow this machine is.
        clock.pause();
        try {
            for (int i = 0; i < 7; i++) {
                MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
                form.add("sessionToken", s.token());
                form.add("frame", file(photos.frontal(), "preview.jpg"));
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.MULTIPART_FORM_DATA);
                replies.add(http.postForEntity(BASE + "/preview", new HttpEntity<>(form, headers), String.class));
            }
        } finally {
            clock.resume();
        }
        assertThat(replies.stream().map(r -> r.getStatusCode().value()).toList())
                .as("5 previews a second per session, then 429").containsExactly(200, 200, 200, 200, 200, 429, 429);
        JsonNode first = ok(replies.get(0));
        assertThat(first.path("faces").asInt()).isEqualTo(1);
        assertThat(first.path("box").path("width").asDouble()).isPositive();
        assertThat(first.path("hints").isArray() && first.path("hints").size() > 0).as(first.toString()).isTrue();
        assertThat(first.toString()).as("guidance, never the verdict's measures").doesNotContain("yaw", "threshold", "score");
        ResponseEntity<String> limited = replies.stream().filter(r -> r.getStatusCode().value() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("7 previews in one second, none limited"));
        assertThat(JSON.readTree(limited.getBody()).path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    JsonNode progress(Session s) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return ok(http.postForEntity(BASE + "/progress", new HttpEntity<>(JSON.writeValueAsString(Map.of("sessionToken", s.token())),
                headers), String.class));
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyGetsTheSameSession() throws Exception {
        String userId = "idem-" + UUID.randomUUID();
        String key1 = "create-" + UUID.randomUUID();
        ResponseEntity<String> first = createWithKey(userId, key1);
        ResponseEntity<String> again = createWithKey(userId, key1);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(201);
        assertThat(JSON.readTree(again.getBody())).isEqualTo(JSON.readTree(first.getBody()));

        ResponseEntity<String> otherBody = createWithKey(userId + "-else", key1);
        assertThat(otherBody.getStatusCode().value()).isEqualTo(422);
        assertThat(JSON.readTree(otherBody.getBody()).path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(JSON.readTree(createWithKey(userId, "create-" + UUID.randomUUID()).getBody()).path("id").asText())
                .isNotEqualTo(JSON.readTree(first.getBody()).path("id").asText());
    }

    private ResponseEntity<String> createWithKey(String userId, String idempotencyKey) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        headers.set("Idempotency-Key", idempotencyKey);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(BASE + "/session", new HttpEntity<>(JSON.writeValueAsString(
                Map.of("userId", userId, "challengeTypes", List.of("TURN_LEFT", "SMILE"), "challengeCount", 2)), headers), String.class);
    }

    @Test
    void theCaptureClientReadsItsProgressWithTheTokenAloneButNeverTheMeasures() throws Exception {
        Session s = create("progress-" + UUID.randomUUID(), List.of("TURN_LEFT", "SMILE"));
        JsonNode before = progress(s);
        assertThat(before.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(before.path("challenges").size()).isEqualTo(2);
        assertThat(before.path("challenges").get(0).path("instruction").asText()).isNotBlank();
        assertThat(before.path("isAlive").isNull()).isTrue();

        ok(submit(s, "SMILE", photos.performing("SMILE")));
        // A client whose reply was lost finds out whether its upload counted, and does not send it again.
        JsonNode mid = progress(s);
        JsonNode smile = java.util.stream.StreamSupport.stream(mid.path("challenges").spliterator(), false)
                .filter(c -> c.path("type").asText().equals("SMILE")).findFirst().orElseThrow();
        assertThat(smile.path("status").asText()).as(mid.toString()).isEqualTo("MET");
        assertThat(smile.path("attempts").asInt()).isEqualTo(1);
        assertThat(submit(s, "SMILE", photos.performing("SMILE")).getStatusCode().value()).as("a resend").isEqualTo(409);
        ok(submit(s, "TURN_LEFT", photos.performing("TURN_LEFT")));
        JsonNode after = progress(s);
        assertThat(after.path("isComplete").asBoolean()).isTrue();
        assertThat(after.path("isAlive").asBoolean()).as(after.toString()).isTrue();
        assertThat(after.toString()).doesNotContain("threshold", "value", "failureDetail", "confidence", "score");
    }

    @Test
    void aClientHoldingOnlyTheSessionTokenReadsItsSession() throws Exception {
        Session s = create("lena", List.of("TURN_LEFT", "SMILE"));
        ok(submit(s, "SMILE", photos.performing("SMILE")));

        JsonNode byToken = get(s.token(), key);
        assertThat(byToken.path("id").asText()).isEqualTo(s.id());
        assertThat(byToken.path("challengesCompleted").asInt()).isEqualTo(1);
        assertThat(byToken).isEqualTo(get(s.id(), key));
        assertThat(byToken.toString()).as("the token is never echoed in a read").doesNotContain(s.token());
    }

    @Test
    void anotherTenantSeesNothing() throws Exception {
        Session s = create("kim", List.of("TURN_LEFT", "SMILE"));
        String otherKey = apiKeys.create("it-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, otherKey);
        ResponseEntity<String> r = http.exchange(BASE + "/" + s.id(), HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> byToken = http.exchange(BASE + "/" + s.token(), HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(byToken.getStatusCode()).as("another tenant's key with the token").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(JSON.readTree(byToken.getBody()).path("code").asText()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(byToken.getBody()).doesNotContain(s.token());
        ResponseEntity<String> list = http.exchange(BASE + "/user/kim", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(JSON.readTree(list.getBody()).path("total").asLong()).isZero();
    }

    @Test
    void aCaptureCallWithAnotherTenantsKeyIsRefused() throws Exception {
        Session s = create("nina", List.of("TURN_LEFT", "SMILE"));
        String otherKey = apiKeys.create("it-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("sessionToken", s.token());
        form.add("challengeId", s.idOf("SMILE"));
        form.add("photo", file(photos.performing("SMILE"), "photo.jpg"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.set(ApiKeys.HEADER, otherKey);
        ResponseEntity<String> foreign = http.postForEntity(BASE + "/challenge", new HttpEntity<>(form, headers), String.class);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(JSON.readTree(foreign.getBody()).path("code").asText()).isEqualTo("INVALID_SESSION_TOKEN");

        headers.set(ApiKeys.HEADER, key);
        ResponseEntity<String> own = http.postForEntity(BASE + "/challenge", new HttpEntity<>(form, headers), String.class);
        assertThat(ok(own).path("challenge").path("met").asBoolean()).isTrue();
    }

    @Test
    void aUsersSessionsArePaged() throws Exception {
        String user = "pager-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            create(user, List.of("TURN_LEFT", "SMILE"));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        JsonNode page2 = JSON.readTree(http.exchange(BASE + "/user/" + user + "?page=2&limit=2",
                HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody());
        assertThat(page2.path("total").asLong()).isEqualTo(3);
        assertThat(page2.path("items").size()).isEqualTo(1);
    }

    @Test
    void creatingNeedsAValidRequest() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> noTurn = http.postForEntity(BASE + "/session",
                new HttpEntity<>("{\"userId\":\"x\",\"challengeCount\":2,\"challengeTypes\":[\"SMILE\",\"BLINK\"]}", headers), String.class);
        assertThat(noTurn.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(noTurn.getBody()).path("detail").asText()).contains("turn");
        ResponseEntity<String> noUser = http.postForEntity(BASE + "/session",
                new HttpEntity<>("{\"challengeCount\":2}", headers), String.class);
        assertThat(noUser.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> four = http.postForEntity(BASE + "/session",
                new HttpEntity<>("{\"userId\":\"x\",\"challengeCount\":4}", headers), String.class);
        assertThat(four.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
