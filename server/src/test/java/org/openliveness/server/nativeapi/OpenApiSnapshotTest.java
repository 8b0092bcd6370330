package org.openliveness.server.nativeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The OpenAPI document the server serves (on the management port, where the test context
 * exposes it at {@code /actuator/openapi/all}), against the snapshot committed in
 * {@code src/test/resources/openapi/openapi.json}: an API change shows up in review as a change
 * of that file. After an intended change, write the new snapshot with
 * {@code mvn -pl server -am verify -Dtest=OpenApiSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenliveness.openapi.update=true}.
 */
@IntegrationTest
class OpenApiSnapshotTest {

    static final Path SNAPSHOT = Path.of("src", "test", "resources", "openapi", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Autowired
    TestRestTemplate http;
    @LocalManagementPort
    int managementPort;

    private JsonNode served() throws Exception {
        ResponseEntity<String> response = http.getForEntity("http://127.0.0.1:" + managementPort + "/actuator/openapi/all", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        ObjectNode docs = (ObjectNode) JSON.readTree(response.getBody());
        docs.remove("servers"); // the test server's random port
        return docs;
    }

    /** Keys sorted at every level, two-space indents, a final newline: a stable text to diff. */
    private static String text(JsonNode docs) throws Exception {
        Object sorted = JSON.treeToValue(docs, Object.class);
        return JSON.writeValueAsString(sorted) + "\n";
    }

    @Test
    void theServedDocumentMatchesTheCommittedSnapshot() throws Exception {
        String actual = text(served());
        if (Boolean.getBoolean("openliveness.openapi.update")) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, actual, StandardCharsets.UTF_8);
        }
        Path written = Path.of("target", "openapi-served.json");
        Files.writeString(written, actual, StandardCharsets.UTF_8);
        assertThat(SNAPSHOT).as("the committed snapshot").exists();
        assertThat(actual).as("the served OpenAPI document (written to %s) differs from %s; if the change is intended, "
                + "update the snapshot with -Dopenliveness.openapi.update=true", written.toAbsolutePath(), SNAPSHOT)
                .isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }

    @Test
    void captureEndpointsNeedOnlyTheSessionTokenAndTheRestTheApiKey() throws Exception {
        JsonNode paths = served().path("paths");
        for (String capture : List.of("/v1/verifications/liveness/challenge", "/v1/verifications/liveness/reference-selfie")) {
            JsonNode post = paths.path(capture).path("post");
            assertThat(post.has("security")).as(capture).isTrue();
            assertThat(post.path("security").size()).as("%s is authorised by the session token alone", capture).isZero();
            assertThat(post.path("requestBody").path("content").path("multipart/form-data").path("schema").path("$ref").asText())
                    .as("%s takes a multipart form", capture).startsWith("#/components/schemas/");
            assertThat(post.path("requestBody").path("content").has("application/json")).as(capture).isFalse();
        }
        JsonNode start = paths.path("/v1/verifications/liveness/challenge/start").path("post");
        assertThat(start.path("security").isArray() && start.path("security").isEmpty()).as("challenge/start: token only").isTrue();
        JsonNode create = paths.path("/v1/verifications/liveness/session").path("post");
        assertThat(create.has("security")).as("create falls under the document's API key requirement").isFalse();
    }

    @Test
    void everyNativeOperationDescribesItsReplyAndItsProblems() throws Exception {
        JsonNode docs = served();
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = docs.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            if (!path.getKey().startsWith("/v1/verifications/liveness")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> op = o.next();
                String name = op.getKey() + " " + path.getKey();
                JsonNode responses = op.getValue().path("responses");
                JsonNode success = responses.has("200") ? responses.path("200") : responses.path("201");
                String schemaRef = success.path("content").path("application/json").path("schema").path("$ref").asText();
                assertThat(schemaRef).as("%s replies with a named schema", name).startsWith("#/components/schemas/");
                assertThat(docs.path("components").path("schemas").path(schemaRef.substring(schemaRef.lastIndexOf('/') + 1))
                        .path("properties").size()).as("%s's reply schema has properties", name).isPositive();
                List<String> problems = new ArrayList<>();
                responses.fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        assertThat(r.getValue().path("content").path("application/problem+json").path("schema").path("$ref").asText())
                                .as("%s %s is a problem", name, r.getKey()).endsWith("/ProblemDetail");
                        problems.add(r.getKey());
                    }
                });
                assertThat(problems).as("%s documents its errors", name).isNotEmpty();
                checked.add(name);
            }
        }
        assertThat(checked).hasSize(8);
    }
}
