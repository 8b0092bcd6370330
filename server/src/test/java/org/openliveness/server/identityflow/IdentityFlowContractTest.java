package org.openliveness.server.identityflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openliveness.engine.FaceEngine;
import org.openliveness.server.OpenLivenessServer;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.TestPhotos;
import org.openliveness.server.testing.DatabaseKind;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The identity-flow profile's contract (seed 000) over real HTTP, on H2 and on PostgreSQL: every
 * endpoint, field and error code of docs/PROFILES.md, with liveness steps completed by photos
 * rendered from a real face. Each scenario uses its own tenant (the same photos in one tenant are,
 * rightly, replays).
 */
class IdentityFlowContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/v1/identity-flow";
    private static final List<String> TYPES = List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private URI base;
    private ConfigurableApplicationContext context;
    private ApiKeys apiKeys;
    private JdbcClient jdbc;
    private TestPhotos photos;

    /** A tenant's key and client id. */
    private record Tenant(String name, String key) {
    }

    /** A response's status and JSON body. */
    private record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @DatabaseTest
    void theSeedsContractHoldsOnThisDatabase(DatabaseKind kind, TestDatabase db) throws Exception {
        context = start(db, true);
        try {
            base = uri(context);
            apiKeys = context.getBean(ApiKeys.class);
            jdbc = context.getBean(JdbcClient.class);
            photos = new TestPhotos(context.getBean(FaceEngine.class));

            createSessionAnswersItsFieldsAndErrors();
            aStepRunsFromInitToVerifyAndDetails();
            everySeedCallRefusesWithTheDocumentedErrors();
            aFlowSessionStartsAtMostTheConfiguredNumberOfSteps();
            anExpiredFlowSessionStartsNoStepButItsResultsStayReadable();
            anExpiredLivenessSessionIsVerifiedAsExpiredAndInitStartsANewOne();
            erasingTheUserErasesTheFlowSessions();
            longExpiredFlowSessionsAreDeleted();
        } finally {
            context.close();
        }
        if (kind == DatabaseKind.H2) {
            ConfigurableApplicationContext off = start(db, false);
            try {
                theProfileSwitchedOffServesNothing(uri(off), off.getBean(ApiKeys.class));
            } finally {
                off.close();
            }
        }
    }

    // --- scenarios ---------------------------------------------------------------------------

    private void createSessionAnswersItsFieldsAndErrors() throws Exception {
        Tenant t = tenant(Scope.LIVENESS);
        Instant before = Instant.now();
        Reply created = post(BASE + "/sessions", t.key(), Map.of("Content-Type", "application/json"),
                "{\"userId\":\"alice\",\"externalReference\":\"order-7\",\"challengeCount\":2,\"challengeTypes\":[\"TURN_LEFT\",\"SMILE\"]}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        JsonNode s = created.body();
        assertThat(s.path("sessionId").asText()).startsWith("ifs_").hasSizeGreaterThan(30);
        assertThat(s.path("clientId").asText()).isEqualTo(t.name());
        assertThat(s.path("userId").asText()).isEqualTo("alice");
        assertThat(s.path("externalReference").asText()).isEqualTo("order-7");
        assertThat(s.path("challengeCount").asInt()).isEqualTo(2);
        assertThat(s.path("challengeTypes")).extracting(JsonNode::asText).containsExactly("TURN_LEFT", "SMILE");
        Instant createdAt = Instant.parse(s.path("createdAt").asText());
        assertThat(createdAt).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(Duration.between(createdAt, Instant.parse(s.path("expiresAt").asText()))).isEqualTo(Duration.ofHours(1));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_flow_session WHERE session_hash = ?")
                .param(org.openliveness.server.Sha256.hex(s.path("sessionId").asText())).query(Integer.class).single())
                .as("only the Session-Id's hash is stored").isEqualTo(1);

        Reply init = seedCall("POST", "init", t, s.path("sessionId").asText(), "step-a");
        assertThat(init.body().path("challenges")).extracting(c -> c.path("type").asText()).containsExactlyInAnyOrder("TURN_LEFT", "SMILE");
        assertThat(get(BASE.replace("identity-flow", "verifications/liveness") + "/" + init.body().path("livenessSessionId").asText(),
                t.key()).body().path("externalReference").asText()).as("the flow's reference reaches the liveness session")
                .isEqualTo("order-7");

        expectError(post(BASE + "/sessions", null, Map.of("Content-Type", "application/json"), "{\"userId\":\"alice\"}"),
                400, "INVALID_API_KEY");
        expectError(post(BASE + "/sessions", "olk_unknown", Map.of("Content-Type", "application/json"), "{\"userId\":\"alice\"}"),
                400, "INVALID_API_KEY");
        Tenant auditOnly = new Tenant(t.name(), apiKeys.create(t.name(), Set.of(Scope.AUDIT)));
        expectError(post(BASE + "/sessions", auditOnly.key(), Map.of("Content-Type", "application/json"), "{\"userId\":\"alice\"}"),
                403, "INSUFFICIENT_SCOPE");
        expectError(post(BASE + "/sessions", t.key(), Map.of("Content-Type", "application/json"), "{}"), 400, "INVALID_REQUEST");
        expectError(post(BASE + "/sessions", t.key(), Map.of("Content-Type", "application/json"),
                "{\"userId\":\"alice\",\"externalReference\":\"" + "r".repeat(201) + "\"}"), 400, "INVALID_REQUEST");
        expectError(post(BASE + "/sessions", t.key(), Map.of("Content-Type", "application/json"), "{\"userId\":"), 400, "INVALID_REQUEST");
        expectError(post(BASE + "/sessions", t.key(), Map.of("Content-Type", "text/plain"), "alice"), 415, "UNSUPPORTED_MEDIA_TYPE");
        // The core checks the challenge choice when it creates a step.
        String badChoice = session(t, "{\"userId\":\"alice\",\"challengeTypes\":[\"SMILE\",\"BLINK\"]}");
        Reply refused = seedCall("POST", "init", t, badChoice, "step-a");
        expectError(refused, 400, "INVALID_REQUEST");
        assertThat(refused.body().path("message").asText()).contains("TURN_LEFT or TURN_RIGHT");
    }

    private void aStepRunsFromInitToVerifyAndDetails() throws Exception {
        Tenant t = tenant(Scope.LIVENESS);
        String sessionId = session(t, "{\"userId\":\"bob\",\"externalReference\":\"kyc-1\",\"challengeTypes\":" + JSON.writeValueAsString(TYPES) + "}");

        Reply first = seedCall("POST", "init", t, sessionId, "liveness");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        JsonNode init = first.body();
        assertThat(init.path("step_id").asText()).isEqualTo("liveness");
        assertThat(init.path("livenessSessionId").asText()).matches("[0-9a-f-]{36}");
        assertThat(init.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(init.path("created").asBoolean()).isTrue();
        String token = init.path("captureToken").asText();
        assertThat(token).startsWith("ses_");
        assertThat(Instant.parse(init.path("expiresAt").asText())).isAfter(Instant.now());
        Map<String, String> challengeIds = new LinkedHashMap<>();
        for (JsonNode c : init.path("challenges")) {
            assertThat(c.path("id").asText()).startsWith("ch_");
            assertThat(c.path("instruction").asText()).isNotBlank();
            challengeIds.put(c.path("type").asText(), c.path("id").asText());
        }
        assertThat(challengeIds.keySet()).containsExactlyInAnyOrderElementsOf(TYPES);
        String sealed = jdbc.sql("SELECT capture_token FROM identity_flow_liveness_step WHERE step_id = 'liveness' AND liveness_session_id = ?")
                .param(init.path("livenessSessionId").asText()).query(String.class).single();
        assertThat(sealed).as("the capture token is kept sealed").isNotNull().doesNotContain(token).doesNotStartWith("ses_");

        JsonNode again = seedCall("POST", "init", t, sessionId, "liveness").body();
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(again.path("livenessSessionId")).isEqualTo(init.path("livenessSessionId"));
        assertThat(again.path("captureToken").asText()).isEqualTo(token);
        assertThat(again.path("challenges")).isEqualTo(init.path("challenges"));

        Reply early = seedCall("POST", "verify", t, sessionId, "liveness");
        expectError(early, 409, "LIVENESS_IN_PROGRESS");
        assertThat(early.body().path("message").asText()).contains("0 of 3 challenges");
        JsonNode running = seedCall("GET", "details", t, sessionId, "liveness").body();
        assertThat(running.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(running.path("result").isNull()).isTrue();
        assertThat(running.path("verifiedAt").isNull()).isTrue();
        assertThat(running.path("completedAt").isNull()).isTrue();

        capture("reference-selfie", Map.of("sessionToken", token), "selfie", photos.frontal());
        JsonNode last = null;
        for (String type : TYPES) {
            last = capture("challenge", Map.of("sessionToken", token, "challengeId", challengeIds.get(type)), "photo",
                    photos.performing(type));
        }
        assertThat(last.path("status").asText()).as(last.toString()).isEqualTo("COMPLETED");

        Reply verified = seedCall("POST", "verify", t, sessionId, "liveness");
        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
        JsonNode v = verified.body();
        assertThat(v.path("step_id").asText()).isEqualTo("liveness");
        assertThat(v.path("livenessSessionId")).isEqualTo(init.path("livenessSessionId"));
        assertThat(v.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(v.path("isAlive").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("confidence").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(v.path("faceMatchScore").asDouble()).isGreaterThan(0.9);
        assertThat(v.has("failureReason") && v.path("failureReason").isNull()).as(v.toString()).isTrue();
        assertThat(v.has("failureDetail") && v.path("failureDetail").isNull()).isTrue();
        Instant verifiedAt = Instant.parse(v.path("verifiedAt").asText());
        assertThat(verifiedAt).isBeforeOrEqualTo(Instant.now());
        assertThat(seedCall("POST", "verify", t, sessionId, "liveness").body().path("verifiedAt").asText())
                .as("the first verification time is kept").isEqualTo(v.path("verifiedAt").asText());
        assertThat(jdbc.sql("SELECT capture_token FROM identity_flow_liveness_step WHERE liveness_session_id = ?")
                .param(init.path("livenessSessionId").asText()).query(String.class).optional())
                .as("the sealed token is dropped once verified").isEmpty();

        JsonNode d = seedCall("GET", "details", t, sessionId, "liveness").body();
        assertThat(d.path("step_id").asText()).isEqualTo("liveness");
        assertThat(d.path("livenessSessionId")).isEqualTo(init.path("livenessSessionId"));
        assertThat(d.path("userId").asText()).isEqualTo("bob");
        assertThat(d.path("externalReference").asText()).isEqualTo("kyc-1");
        assertThat(d.path("status").asText()).isEqualTo("COMPLETED");
        Instant created = Instant.parse(d.path("createdAt").asText());
        Instant completed = Instant.parse(d.path("completedAt").asText());
        assertThat(created).isBefore(completed);
        assertThat(Instant.parse(d.path("expiresAt").asText())).isAfter(created);
        assertThat(d.path("verifiedAt").asText()).isEqualTo(v.path("verifiedAt").asText());
        assertThat(d.path("challengesCompleted").asInt()).isEqualTo(3);
        assertThat(d.path("challengesTotal").asInt()).isEqualTo(3);
        assertThat(d.path("referenceSelfie").asBoolean()).isTrue();
        for (JsonNode c : d.path("challenges")) {
            assertThat(c.path("id").asText()).isEqualTo(challengeIds.get(c.path("type").asText()));
            assertThat(c.path("instruction").asText()).isNotBlank();
            assertThat(c.path("status").asText()).isEqualTo("MET");
            assertThat(c.path("attempts").asInt()).isEqualTo(1);
            assertThat(c.path("captureMode").asText()).isEqualTo("PHOTO");
        }
        JsonNode r = d.path("result");
        assertThat(r.path("isAlive").asBoolean()).isTrue();
        assertThat(r.path("confidence").asDouble()).isEqualTo(v.path("confidence").asDouble());
        assertThat(r.path("antiSpoofScore").asDouble()).isGreaterThan(0.5);
        assertThat(r.path("faceMatchScore").asDouble()).isEqualTo(v.path("faceMatchScore").asDouble());
        assertThat(r.path("captureMode").asText()).isEqualTo("PHOTO");
        List<String> checks = new ArrayList<>();
        for (JsonNode c : r.path("checks")) {
            checks.add(c.path("check").asText());
            assertThat(c.path("status").asText()).isIn("PASS", "NOT_APPLICABLE");
            assertThat(c.has("score") && c.has("detail")).as(c.toString()).isTrue();
        }
        assertThat(checks).contains("challenges", "faceMatch", "passiveAntiSpoof");

        JsonNode after = seedCall("POST", "init", t, sessionId, "liveness").body();
        assertThat(after.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(after.path("created").asBoolean()).isFalse();
        assertThat(after.path("captureToken").isNull()).as("no capture token once the capture is over").isTrue();
        assertThat(after.path("livenessSessionId")).isEqualTo(init.path("livenessSessionId"));
    }

    private void everySeedCallRefusesWithTheDocumentedErrors() throws Exception {
        Tenant t = tenant(Scope.LIVENESS);
        String sessionId = session(t, "{\"userId\":\"carol\"}");
        seedCall("POST", "init", t, sessionId, "known");
        Tenant other = tenant(Scope.LIVENESS);
        Tenant auditOnly = new Tenant(t.name(), apiKeys.create(t.name(), Set.of(Scope.AUDIT)));
        for (String[] call : List.of(new String[] {"POST", "init"}, new String[] {"POST", "verify"}, new String[] {"GET", "details"})) {
            String method = call[0];
            String action = call[1];
            Reply noKey = request(method, action, null, t.name(), sessionId, "known");
            expectError(noKey, 400, "INVALID_API_KEY");
            assertThat(noKey.body().path("message").asText()).as(action).startsWith("Invalid Api Key");
            expectError(request(method, action, "olk_not_a_key", t.name(), sessionId, "known"), 400, "INVALID_API_KEY");
            Reply otherClient = request(method, action, t.key(), other.name(), sessionId, "known");
            expectError(otherClient, 400, "INVALID_API_KEY");
            assertThat(otherClient.body().path("message").asText()).startsWith("Invalid Api Key");
            expectError(request(method, action, auditOnly.key(), t.name(), sessionId, "known"), 403, "INSUFFICIENT_SCOPE");
            expectError(request(method, action, other.key(), other.name(), sessionId, "known"), 404, "SESSION_NOT_FOUND");
            expectError(request(method, action, t.key(), t.name(), "ifs_unknown", "known"), 404, "SESSION_NOT_FOUND");
            expectError(request(method, action, t.key(), t.name(), "not-a-session-id", "known"), 404, "SESSION_NOT_FOUND");
            expectError(request(method, action, t.key(), null, sessionId, "known"), 400, "MISSING_PARAMETER");
            expectError(request(method, action, t.key(), t.name(), null, "known"), 400, "MISSING_PARAMETER");
            Reply noStep = request(method, action, t.key(), t.name(), sessionId, null);
            expectError(noStep, 400, "MISSING_PARAMETER");
            assertThat(noStep.body().path("message").asText()).contains("step_id");
            expectError(request(method, action, t.key(), t.name(), sessionId, "a step"), 400, "INVALID_REQUEST");
            expectError(request(method, action, t.key(), t.name(), sessionId, "s".repeat(65)), 400, "INVALID_REQUEST");
            if (!action.equals("init")) {
                expectError(request(method, action, t.key(), t.name(), sessionId, "never-initialised"), 404, "STEP_NOT_FOUND");
            }
        }
    }

    private void aFlowSessionStartsAtMostTheConfiguredNumberOfSteps() throws Exception {
        Tenant t = tenant(Scope.LIVENESS);
        String sessionId = session(t, "{\"userId\":\"dan\"}");
        for (String step : List.of("s1", "s2", "s3")) {
            assertThat(seedCall("POST", "init", t, sessionId, step).body().path("created").asBoolean()).isTrue();
        }
        Reply fourth = seedCall("POST", "init", t, sessionId, "s4");
        expectError(fourth, 409, "TOO_MANY_STEPS");
        assertThat(fourth.body().path("message").asText()).contains("3 liveness steps");
        assertThat(seedCall("POST", "init", t, sessionId, "s1").status()).as("an existing step still answers").isEqualTo(200);
    }

    private void anExpiredFlowSessionStartsNoStepButItsResultsStayReadable() throws Exception {
        Tenant t = tenant(Scope.LIVENESS);
        String sessionId = session(t, "{\"userId\":\"erin\"}");
        JsonNode init = seedCall("POST", "init", t, sessionId, "early").body();
        jdbc.sql("UPDATE identity_flow_session SET expires_at = ? WHERE session_hash = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), org.openliveness.server.Sha256.hex(sessionId)).update();
        Reply late = seedCall("POST", "init", t, sessionId, "late");
        expectError(late, 410, "SESSION_EXPIRED");
        JsonNode existing = seedCall("POST", "init", t, sessionId, "early").body();
        assertThat(existing.path("livenessSessionId")).isEqualTo(init.path("livenessSessionId"));
        assertThat(existing.path("captureToken").asText()).isEqualTo(init.path("captureToken").asText());
        assertThat(seedCall("GET", "details", t, sessionId, "early").status()).isEqualTo(200);
    }

    private void anExpiredLivenessSessionIsVerifiedAsExpiredAndInitStartsANewOne() throws Exception {
        Tenant t = tenant(Scope.LIVENESS);
        String sessionId = session(t, "{\"userId\":\"frank\"}");
        JsonNode init = seedCall("POST", "init", t, sessionId, "liveness").body();
        jdbc.sql("UPDATE liveness_session SET expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), init.path("livenessSessionId").asText()).update();
        JsonNode v = seedCall("POST", "verify", t, sessionId, "liveness").body();
        assertThat(v.path("status").asText()).as(v.toString()).isEqualTo("EXPIRED");
        assertThat(v.path("isAlive").asBoolean()).isFalse();
        assertThat(v.path("failureReason").asText()).isEqualTo("EXPIRED");
        assertThat(v.path("verifiedAt").asText()).isNotBlank();

        JsonNode renewed = seedCall("POST", "init", t, sessionId, "liveness").body();
        assertThat(renewed.path("created").asBoolean()).isTrue();
        assertThat(renewed.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(renewed.path("livenessSessionId")).isNotEqualTo(init.path("livenessSessionId"));
        assertThat(renewed.path("captureToken").asText()).startsWith("ses_").isNotEqualTo(init.path("captureToken").asText());
        JsonNode d = seedCall("GET", "details", t, sessionId, "liveness").body();
        assertThat(d.path("livenessSessionId")).isEqualTo(renewed.path("livenessSessionId"));
        assertThat(d.path("verifiedAt").isNull()).as("the new session is not verified yet").isTrue();
    }

    private void erasingTheUserErasesTheFlowSessions() throws Exception {
        Tenant t = tenant(Scope.LIVENESS);
        String sessionId = session(t, "{\"userId\":\"gina\"}");
        seedCall("POST", "init", t, sessionId, "liveness");
        String admin = apiKeys.create(t.name(), Set.of(Scope.ADMIN));
        HttpResponse<String> erased = http.send(HttpRequest.newBuilder(base.resolve("/v1/users/gina")).header(ApiKeys.HEADER, admin)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(erased.statusCode()).as(erased.body()).isBetween(200, 204);
        expectError(seedCall("GET", "details", t, sessionId, "liveness"), 404, "SESSION_NOT_FOUND");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_flow_session WHERE session_hash = ?")
                .param(org.openliveness.server.Sha256.hex(sessionId)).query(Integer.class).single()).isZero();
    }

    private void longExpiredFlowSessionsAreDeleted() throws Exception {
        Tenant t = tenant(Scope.LIVENESS);
        String old = session(t, "{\"userId\":\"hal\"}");
        String recent = session(t, "{\"userId\":\"hal\"}");
        String livenessSessionId = seedCall("POST", "init", t, old, "liveness").body().path("livenessSessionId").asText();
        jdbc.sql("UPDATE identity_flow_session SET expires_at = ? WHERE session_hash = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(2), org.openliveness.server.Sha256.hex(old)).update();
        assertThat(context.getBean(IdentityFlows.class).deleteExpired()).isGreaterThanOrEqualTo(1);
        expectError(seedCall("GET", "details", t, old, "liveness"), 404, "SESSION_NOT_FOUND");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_flow_liveness_step WHERE liveness_session_id = ?")
                .param(livenessSessionId).query(Integer.class).single()).as("its steps went with it").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM liveness_session WHERE id = ?").param(livenessSessionId).query(Integer.class).single())
                .as("the liveness session is the core's, kept on its own schedule").isEqualTo(1);
        assertThat(seedCall("POST", "init", t, recent, "liveness").status()).isEqualTo(200);
    }

    private void theProfileSwitchedOffServesNothing(URI offBase, ApiKeys keys) throws Exception {
        String name = "if-off-" + UUID.randomUUID();
        String key = keys.create(name, Set.of(Scope.LIVENESS));
        HttpResponse<String> create = http.send(HttpRequest.newBuilder(offBase.resolve(BASE + "/sessions")).header(ApiKeys.HEADER, key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(create.statusCode()).as(create.body()).isEqualTo(404);
        HttpResponse<String> details = http.send(HttpRequest.newBuilder(offBase.resolve(BASE + "/liveness/details?step_id=a"))
                .header(ApiKeys.HEADER, key).header("Client-Id", name).header("Session-Id", "ifs_x").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(details.statusCode()).as(details.body()).isEqualTo(404);
    }

    // --- helpers -------------------------------------------------------------------------------

    private ConfigurableApplicationContext start(TestDatabase db, boolean enabled) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data").toAbsolutePath()), "identity-flow-");
        return new SpringApplicationBuilder(OpenLivenessServer.class).main(OpenLivenessServer.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--openliveness.data-dir=" + dataDir,
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--openliveness.profiles.identity-flow.enabled=" + enabled,
                "--openliveness.profiles.identity-flow.max-liveness-steps=3");
    }

    private static URI uri(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private Tenant tenant(Scope scope) {
        String name = "if-" + UUID.randomUUID();
        return new Tenant(name, apiKeys.create(name, Set.of(scope)));
    }

    private String session(Tenant t, String body) throws Exception {
        Reply created = post(BASE + "/sessions", t.key(), Map.of("Content-Type", "application/json"), body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("sessionId").asText();
    }

    private Reply seedCall(String method, String action, Tenant t, String sessionId, String stepId) throws Exception {
        return request(method, action, t.key(), t.name(), sessionId, stepId);
    }

    /** A seed call; a null argument leaves its header or parameter out. */
    private Reply request(String method, String action, String key, String clientId, String sessionId, String stepId) throws Exception {
        String query = stepId == null ? "" : "?step_id=" + URLEncoder.encode(stepId, StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(BASE + "/liveness/" + action + query));
        if (key != null) {
            b.header(ApiKeys.HEADER, key);
        }
        if (clientId != null) {
            b.header("Client-Id", clientId);
        }
        if (sessionId != null) {
            b.header("Session-Id", sessionId);
        }
        b.method(method, HttpRequest.BodyPublishers.noBody());
        return reply(http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private Reply post(String path, String key, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header(ApiKeys.HEADER, key);
        }
        headers.forEach(b::header);
        return reply(http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private Reply get(String path, String key) throws Exception {
        return reply(http.send(HttpRequest.newBuilder(base.resolve(path)).header(ApiKeys.HEADER, key).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private static Reply reply(HttpResponse<String> response) throws IOException {
        String body = response.body();
        return new Reply(response.statusCode(), body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body), response);
    }

    /** The profile's error body: the status again, the code, a message; served as JSON. */
    private static void expectError(Reply reply, int status, String code) {
        assertThat(reply.status()).as("%s %s", reply.raw().request().uri(), reply.body()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
        assertThat(reply.body().path("code").asText()).as(reply.body().toString()).isEqualTo(code);
        assertThat(reply.body().path("message").asText()).isNotBlank();
    }

    /** A native capture call with the step's capture token: multipart, one JPEG file part. */
    private JsonNode capture(String path, Map<String, String> fields, String fileField, byte[] file) throws Exception {
        String boundary = "----openliveness" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileField
                + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Reply r = reply(http.send(HttpRequest.newBuilder(base.resolve("/v1/verifications/liveness/" + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }
}
