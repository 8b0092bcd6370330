package org.openliveness.server.identityflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.FaceEngine;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.TestPhotos;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The seed-000 TypeScript client ({@code sdk/identity-flow}) against this running service: its
 * Node test suite, run by Node's built-in test runner, with the service's address, an API key, a
 * flow session and photos of a live person rendered here (the suite cannot render faces).
 */
@IntegrationTest
class IdentityFlowSdkTest {

    static final Path SDK = Path.of("..", "sdk", "identity-flow").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    FaceEngine engine;
    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void theProfilesOpenApiGroupHoldsItsFourOperationsTaggedAndWithTheSeedsParameters() throws Exception {
        ResponseEntity<String> response = http.getForEntity(
                "http://127.0.0.1:" + managementPort + "/actuator/openapi/identity-flow", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode docs = JSON.readTree(response.getBody());
        List<String> operations = new java.util.ArrayList<>();
        docs.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            operations.add(op.getValue().path("operationId").asText());
            assertThat(op.getValue().path("tags")).extracting(JsonNode::asText).containsExactly(IdentityFlowController.TAG);
        }));
        assertThat(operations).containsExactlyInAnyOrder("identityFlowCreateSession", "livenessInitPOST", "livenessVerifyPOST",
                "livenessDetailsGET");
        for (String action : List.of("init", "verify", "details")) {
            JsonNode path = docs.path("paths").path("/v1/identity-flow/liveness/" + action);
            JsonNode op = path.has("get") ? path.path("get") : path.path("post");
            List<String> parameters = new java.util.ArrayList<>();
            op.path("parameters").forEach(p -> {
                parameters.add(p.path("in").asText() + " " + p.path("name").asText());
                assertThat(p.path("required").asBoolean()).isTrue();
            });
            assertThat(parameters).containsExactlyInAnyOrder("header Client-Id", "query step_id", "header Session-Id");
            assertThat(op.path("responses").path("400").path("description").asText()).contains("Invalid Api Key");
        }
    }

    @Test
    void theNodeSuiteOfTheSdkPassesAgainstTheService() throws Exception {
        String tenant = "if-sdk-" + UUID.randomUUID();
        String key = apiKeys.create(tenant, Set.of(Scope.LIVENESS));
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> created = http.postForEntity("/v1/identity-flow/sessions",
                new HttpEntity<>("{\"userId\":\"sdk-user\",\"challengeTypes\":[\"TURN_LEFT\",\"SMILE\",\"OPEN_MOUTH\"]}", headers), String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode session = JSON.readTree(created.getBody());
        assertThat(session.path("clientId").asText()).isEqualTo(tenant);

        Path photos = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "sdk-photos-");
        TestPhotos rendered = new TestPhotos(engine);
        Files.write(photos.resolve("frontal.jpg"), rendered.frontal());
        for (String type : List.of("TURN_LEFT", "TURN_RIGHT", "LOOK_UP", "SMILE", "BLINK", "OPEN_MOUTH")) {
            Files.write(photos.resolve(type + ".jpg"), rendered.performing(type));
        }

        ProcessBuilder node = new ProcessBuilder("node", "--test", "test/liveness-controller.test.js")
                .directory(SDK.toFile())
                .redirectErrorStream(true);
        node.environment().putAll(Map.of(
                "OPENLIVENESS_BASE_URL", "http://127.0.0.1:" + port,
                "OPENLIVENESS_API_KEY", key,
                "OPENLIVENESS_CLIENT_ID", session.path("clientId").asText(),
                "OPENLIVENESS_SESSION_ID", session.path("sessionId").asText(),
                "OPENLIVENESS_PHOTOS_DIR", photos.toAbsolutePath().toString()));
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("node finished").isTrue();
        System.out.println("node --test (sdk/identity-flow):\n" + output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("every test ran and passed").contains("# pass 7").contains("# fail 0");
        deleteTree(photos);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
