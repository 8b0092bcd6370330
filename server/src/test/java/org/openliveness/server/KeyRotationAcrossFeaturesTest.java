package org.openliveness.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.enrolment.EnrolmentStore;
import org.openliveness.server.storage.KeyRotation;
import org.openliveness.server.storage.PhotoKeys;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code keys rotate} over the whole service: what the features seal with the photo keys besides
 * photos (enrolled trusted images, the tokens idempotency keys keep, identity-flow capture tokens)
 * is re-sealed under the new key, reads the same through each feature's own path, and still opens
 * once the old key is gone.
 */
class KeyRotationAcrossFeaturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private URI base;

    @DatabaseTest
    void aRotationReSealsEnrolmentsIdempotencyTokensAndCaptureTokens(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data").toAbsolutePath()), "rotation-");
        Path keyFile = dir.resolve("photo.keys");
        Files.writeString(keyFile, PhotoKeys.generate() + "\n");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OpenLivenessServer.class).main(OpenLivenessServer.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--openliveness.data-dir=" + dir.resolve("data"),
                "--openliveness.storage.key-file=" + keyFile,
                "--openliveness.storage.rotation-interval=1h",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.datasource.hikari.maximum-pool-size=4");
        try {
            base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            PhotoKeys keys = context.getBean(PhotoKeys.class);
            EnrolmentStore enrolments = context.getBean(EnrolmentStore.class);
            String tenant = "rot-" + UUID.randomUUID();
            String apiKey = context.getBean(ApiKeys.class).create(tenant, Set.of(Scope.LIVENESS));
            String tenantId = jdbc.sql("SELECT id FROM tenant WHERE name = ?").param(tenant).query(String.class).single();
            String oldKey = keys.keyring().current().id();

            byte[] image = {1, 2, 3, 4, 5};
            enrolments.put(tenantId, "alice", "JPEG", image);
            enrolments.put(tenantId, "bob", "PNG", new byte[] {9, 8});
            List<JsonNode> created = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                created.add(createSession(apiKey, "carol", "key-" + i));
            }
            String flow = post("/v1/identity-flow/sessions", apiKey, "{\"userId\":\"dave\"}").path("sessionId").asText();
            JsonNode stepA = init(apiKey, tenant, flow, "step-a");
            JsonNode stepB = init(apiKey, tenant, flow, "step-b");
            assertThat(stepA.path("captureToken").asText()).isNotBlank();
            assertThat(sealedKeyIds(jdbc)).hasSize(7).containsOnly(oldKey);

            String newKey = keys.rotate();
            assertThat(keys.rotation().pending()).filteredOn(p -> p.total() > 0).extracting(KeyRotation.Progress::kind)
                    .contains("enrolment images", "idempotency keys", "identity-flow capture tokens");
            List<KeyRotation.Progress> seen = new ArrayList<>();
            keys.rotation().run(seen::add);

            assertThat(seen).contains(new KeyRotation.Progress("enrolment images", 2, 2),
                    new KeyRotation.Progress("idempotency keys", 3, 3),
                    new KeyRotation.Progress("identity-flow capture tokens", 2, 2));
            assertThat(keys.rotation().pending()).allSatisfy(p -> assertThat(p.total()).as(p.kind()).isZero());
            assertThat(sealedKeyIds(jdbc)).hasSize(7).containsOnly(newKey);
            assertThat(keys.rotation().run(p -> { })).as("a second pass re-seals nothing").isZero();

            // The old key goes: everything still reads the same through each feature's own path.
            Files.writeString(keyFile, Files.readAllLines(keyFile).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .reduce((a, b) -> b).orElseThrow() + "\n");
            keys.keyring().reload();
            assertThat(keys.keyring().keys()).hasSize(1);
            assertThat(enrolments.image(tenantId, "alice").orElseThrow().image()).isEqualTo(image);
            assertThat(enrolments.image(tenantId, "bob").orElseThrow().image()).containsExactly(9, 8);
            for (int i = 0; i < 3; i++) {
                assertThat(createSession(apiKey, "carol", "key-" + i)).as("the idempotent replay").isEqualTo(created.get(i));
            }
            JsonNode againA = init(apiKey, tenant, flow, "step-a");
            assertThat(againA.path("created").asBoolean()).isFalse();
            assertThat(againA.path("captureToken").asText()).isEqualTo(stepA.path("captureToken").asText());
            assertThat(init(apiKey, tenant, flow, "step-b").path("captureToken").asText()).isEqualTo(stepB.path("captureToken").asText());
        } finally {
            context.close();
        }
    }

    /** The key ids of the enrolled images, the idempotency keys' tokens and the steps' capture tokens. */
    private static List<String> sealedKeyIds(JdbcClient jdbc) {
        List<byte[]> sealed = new ArrayList<>(jdbc.sql("SELECT image FROM enrolment").query((rs, i) -> rs.getBytes(1)).list());
        jdbc.sql("SELECT sealed_token FROM idempotency_key").query(String.class).list()
                .forEach(t -> sealed.add(Base64.getDecoder().decode(t)));
        jdbc.sql("SELECT capture_token FROM identity_flow_liveness_step WHERE capture_token IS NOT NULL").query(String.class).list()
                .forEach(t -> sealed.add(Base64.getDecoder().decode(t)));
        return sealed.stream().map(s -> PhotoStore.keyIdOf(s).orElse("-")).toList();
    }

    private JsonNode createSession(String apiKey, String userId, String idempotencyKey) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/verifications/liveness/session"))
                .header(ApiKeys.HEADER, apiKey).header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("userId", userId, "challengeTypes", List.of("TURN_LEFT", "SMILE"), "challengeCount", 2))))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private JsonNode post(String path, String apiKey, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header(ApiKeys.HEADER, apiKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private JsonNode init(String apiKey, String clientId, String flow, String stepId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/identity-flow/liveness/init?step_id=" + stepId))
                .header(ApiKeys.HEADER, apiKey).header("Client-Id", clientId).header("Session-Id", flow)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return JSON.readTree(r.body());
    }
}
