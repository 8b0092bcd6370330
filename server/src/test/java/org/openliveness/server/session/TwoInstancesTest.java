package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.openliveness.engine.FaceEngine;
import org.openliveness.server.OpenLivenessServer;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.testing.DatabaseKind;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two complete servers on one PostgreSQL database, as behind a load balancer: the session state
 * lives in the database, so a session's photos may reach either instance, and the verdict is
 * the one a single instance gives. Both instances share the photo key (the sealed evidence one
 * instance writes, the other opens) and run Flyway on start, the second finding the schema
 * migrated. Every scenario uses its own tenant: the same rendered photos in one tenant would
 * (rightly) be replays.
 */
class TwoInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = LivenessSessionHttpTest.BASE;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private record Instance(String name, ConfigurableApplicationContext context, URI base) {
        URI uri(String path) {
            return base.resolve(path);
        }
    }

    /** A session as its client holds it. */
    private record Session(String id, String token, Map<String, String> challengeIds) {
    }

    /** What must not depend on how many instances served the session. */
    private record Verdict(String status, boolean isAlive, String failureReason, Map<String, String> challengeStatus,
                           Map<String, Integer> attempts) {
    }

    /** One step of a client's sequence: the reference selfie (type null) or the photo for a challenge type. */
    private record Step(String type, byte[] photo) {
    }

    @DatabaseTest
    void twoInstancesOnOnePostgresqlDatabaseJudgeLikeOne(DatabaseKind kind, TestDatabase db) throws Exception {
        assumeTrue(kind == DatabaseKind.POSTGRESQL, "several instances share a database server; H2 runs inside one");
        String database = "two_instances_" + UUID.randomUUID().toString().replace("-", "");
        execute(db, "CREATE DATABASE " + database);
        String url = db.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String photoKey = Base64.getEncoder().encodeToString(key);

        Instance a = null;
        Instance b = null;
        try {
            a = start("A", url, db, photoKey);
            b = start("B", url, db, photoKey);
            JdbcClient jdbc = a.context().getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                    .as("the second instance found the schema migrated and applied nothing again")
                    .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history").query(Integer.class).single())
                    .isEqualTo(jdbc.sql("SELECT COUNT(DISTINCT version) FROM flyway_schema_history").query(Integer.class).single());

            ApiKeys apiKeys = a.context().getBean(ApiKeys.class);
            TestPhotos photos = new TestPhotos(a.context().getBean(FaceEngine.class));

            performedPhotosAlternatingBetweenInstancesGiveTheSingleInstanceVerdict(a, b, apiKeys, photos);
            concurrentPhotosOnTwoInstancesLoseNoUpdate(a, b, apiKeys, photos);
            theWrongActionFailsAlikeOnTwoInstancesAndOnOne(a, b, apiKeys, photos);
        } finally {
            if (b != null) {
                b.context().close();
            }
            if (a != null) {
                a.context().close();
            }
            execute(db, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void performedPhotosAlternatingBetweenInstancesGiveTheSingleInstanceVerdict(
            Instance a, Instance b, ApiKeys apiKeys, TestPhotos photos) throws Exception {
        List<String> types = List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH");
        List<Step> steps = List.of(new Step(null, photos.frontal()), new Step("SMILE", photos.performing("SMILE")),
                new Step("OPEN_MOUTH", photos.performing("OPEN_MOUTH")), new Step("TURN_LEFT", photos.performing("TURN_LEFT")));

        String twoKey = apiKeys.create("two-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        Session shared = create(a, twoKey, "alice", types);
        JsonNode last = null;
        for (int i = 0; i < steps.size(); i++) {
            // reference → B, SMILE → A, OPEN_MOUTH → B, TURN_LEFT → A
            last = send(i % 2 == 0 ? b : a, shared, steps.get(i));
        }
        assertThat(last.path("status").asText()).as(last.toString()).isEqualTo("COMPLETED");
        assertThat(last.path("result").path("isAlive").asBoolean()).as(last.toString()).isTrue();
        JsonNode fromB = detail(b, twoKey, shared.id());
        JsonNode fromA = detail(a, twoKey, shared.id());
        assertThat(fromB).isEqualTo(fromA);
        assertThat(fromB.path("referenceSelfie").asBoolean()).isTrue();

        String oneKey = apiKeys.create("one-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        Session single = create(a, oneKey, "alice", types);
        for (Step step : steps) {
            send(a, single, step);
        }
        Verdict alone = verdict(detail(a, oneKey, single.id()));

        assertThat(verdict(fromA)).isEqualTo(alone);
        assertThat(alone.isAlive()).isTrue();
        assertThat(alone.failureReason()).isNull();
        assertThat(alone.challengeStatus().values()).containsOnly("MET");
    }

    private void concurrentPhotosOnTwoInstancesLoseNoUpdate(Instance a, Instance b, ApiKeys apiKeys, TestPhotos photos)
            throws Exception {
        byte[] smile = photos.performing("SMILE");
        byte[] mouth = photos.performing("OPEN_MOUTH");
        byte[] left = photos.performing("TURN_LEFT");
        for (int round = 0; round < 2; round++) {
            String key = apiKeys.create("race-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
            Session s = create(b, key, "bob", List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH"));

            // Both requests read the session before either writes (analysing a photo takes far longer than sending it).
            CompletableFuture<HttpResponse<String>> onA = http.sendAsync(challengeRequest(a, s, "SMILE", smile),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            CompletableFuture<HttpResponse<String>> onB = http.sendAsync(challengeRequest(b, s, "OPEN_MOUTH", mouth),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode answerA = ok(onA.get());
            JsonNode answerB = ok(onB.get());

            assertThat(List.of(answerA.path("challengesCompleted").asInt(), answerB.path("challengesCompleted").asInt()))
                    .as("each write counted on top of the other").containsExactlyInAnyOrder(1, 2);
            JsonNode detail = detail(a, key, s.id());
            assertThat(detail.path("challengesCompleted").asInt()).as(detail.toString()).isEqualTo(2);
            assertThat(detail.path("status").asText()).isEqualTo("IN_PROGRESS");
            Verdict sofar = verdict(detail);
            assertThat(sofar.challengeStatus()).containsEntry("SMILE", "MET").containsEntry("OPEN_MOUTH", "MET")
                    .containsEntry("TURN_LEFT", "PENDING");
            assertThat(sofar.attempts()).containsEntry("SMILE", 1).containsEntry("OPEN_MOUTH", 1);

            JsonNode last = ok(http.send(challengeRequest(round == 0 ? a : b, s, "TURN_LEFT", left),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            assertThat(last.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(last.path("challengesCompleted").asInt()).isEqualTo(3);
            assertThat(last.path("result").path("isAlive").asBoolean()).as(last.toString()).isTrue();
        }
    }

    private void theWrongActionFailsAlikeOnTwoInstancesAndOnOne(Instance a, Instance b, ApiKeys apiKeys, TestPhotos photos)
            throws Exception {
        List<String> types = List.of("TURN_RIGHT", "BLINK");
        byte[] eyesOpen = photos.frontal();

        String twoKey = apiKeys.create("two-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        Session shared = create(a, twoKey, "carol", types);
        JsonNode last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            last = send(attempt % 2 == 0 ? a : b, shared, new Step("BLINK", eyesOpen));
            assertThat(last.path("challenge").path("met").asBoolean()).isFalse();
            assertThat(last.path("challenge").path("attempts").asInt()).isEqualTo(attempt + 1);
        }
        assertThat(last.path("status").asText()).isEqualTo("COMPLETED");

        String oneKey = apiKeys.create("one-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        Session single = create(b, oneKey, "carol", types);
        for (int attempt = 0; attempt < 3; attempt++) {
            send(b, single, new Step("BLINK", eyesOpen));
        }

        Verdict two = verdict(detail(b, twoKey, shared.id()));
        Verdict one = verdict(detail(b, oneKey, single.id()));
        assertThat(two).isEqualTo(one);
        assertThat(one.isAlive()).isFalse();
        assertThat(one.failureReason()).isEqualTo("CHALLENGE_NOT_MET");
        assertThat(one.challengeStatus()).containsEntry("BLINK", "FAILED").containsEntry("TURN_RIGHT", "PENDING");
        assertThat(one.attempts()).containsEntry("BLINK", 3);
    }

    // ---------------------------------------------------------------------------------------

    private static Instance start(String name, String url, TestDatabase db, String photoKey) throws IOException {
        Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        Path dataDir = Files.createTempDirectory(base, "two-instances-" + name + "-");
        // Command-line arguments: they take precedence over application.yml (default properties would not).
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OpenLivenessServer.class).main(OpenLivenessServer.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--openliveness.data-dir=" + dataDir,
                "--openliveness.storage.encryption-key=" + photoKey,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.datasource.hikari.maximum-pool-size=4");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Instance(name, context, URI.create("http://127.0.0.1:" + port));
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Session create(Instance on, String apiKey, String userId, List<String> types) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("challengeCount", types.size());
        body.put("challengeTypes", types);
        HttpRequest request = HttpRequest.newBuilder(on.uri(BASE + "/session"))
                .header(ApiKeys.HEADER, apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s: %s", on.name(), response.body()).isEqualTo(201);
        JsonNode json = JSON.readTree(response.body());
        Map<String, String> ids = new LinkedHashMap<>();
        json.path("challenges").forEach(c -> ids.put(c.path("type").asText(), c.path("id").asText()));
        assertThat(ids.keySet()).containsExactlyInAnyOrderElementsOf(types);
        return new Session(json.path("id").asText(), json.path("sessionToken").asText(), ids);
    }

    private JsonNode send(Instance on, Session s, Step step) throws Exception {
        HttpRequest request = step.type() == null
                ? multipart(on.uri(BASE + "/reference-selfie"), Map.of("sessionToken", s.token()), "selfie", step.photo())
                : challengeRequest(on, s, step.type(), step.photo());
        return ok(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private static HttpRequest challengeRequest(Instance on, Session s, String type, byte[] photo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sessionToken", s.token());
        fields.put("challengeId", s.challengeIds().get(type));
        return multipart(on.uri(BASE + "/challenge"), fields, "photo", photo);
    }

    /** A {@code multipart/form-data} POST: text fields, then one JPEG file part. */
    private static HttpRequest multipart(URI uri, Map<String, String> fields, String fileField, byte[] file) {
        String boundary = "----openliveness" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileField + ".jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private JsonNode detail(Instance on, String apiKey, String sessionId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(on.uri(BASE + "/" + sessionId)).header(ApiKeys.HEADER, apiKey).GET().build();
        return ok(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("%s %s", response.uri(), response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The verdict of a session's detail, with its challenges by type. */
    private static Verdict verdict(JsonNode detail) {
        Map<String, String> status = new TreeMap<>();
        Map<String, Integer> attempts = new TreeMap<>();
        for (JsonNode c : detail.path("challenges")) {
            status.put(c.path("type").asText(), c.path("status").asText());
            attempts.put(c.path("type").asText(), c.path("attempts").asInt());
        }
        JsonNode result = detail.path("result");
        return new Verdict(detail.path("status").asText(), result.path("isAlive").asBoolean(),
                result.path("failureReason").isTextual() ? result.path("failureReason").asText() : null, status, attempts);
    }
}
