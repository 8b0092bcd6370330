package org.openliveness.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
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

/**
 * The running server over HTTP: operations endpoints (on the management port; the test context
 * exposes the API docs there), API key checks, problem bodies, erasure.
 */
@IntegrationTest
class ServerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @LocalManagementPort
    int managementPort;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    Tenants tenants;
    @Autowired
    PhotoStore photos;
    @Autowired
    JdbcClient jdbc;

    private static String newTenant() {
        return "it-" + UUID.randomUUID();
    }

    private ResponseEntity<String> exchange(HttpMethod method, String path, String apiKey) {
        HttpHeaders headers = new HttpHeaders();
        if (apiKey != null) {
            headers.set(ApiKeys.HEADER, apiKey);
        }
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    private static JsonNode assertProblem(ResponseEntity<String> response, HttpStatus status, String code) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", response.getHeaders().getContentType()).isTrue();
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.path("status").asInt()).isEqualTo(status.value());
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("type").asText()).isEqualTo("urn:openliveness:problem:" + code.toLowerCase().replace('_', '-'));
        assertThat(body.path("title").asText()).isEqualTo(status.getReasonPhrase());
        assertThat(body.path("detail").asText()).isNotBlank();
        return body;
    }

    private String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    @Test
    void healthIsUpOnTheManagementPortOnly() throws Exception {
        ResponseEntity<String> response = http.getForEntity(management("/actuator/health"), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(response.getBody()).path("status").asText()).isEqualTo("UP");
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void prometheusServesJvmAndHttpMetricsOnTheManagementPortOnly() {
        http.getForEntity("/v1/users/x", String.class);

        ResponseEntity<String> response = http.getForEntity(management("/actuator/prometheus"), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("jvm_memory_used_bytes").contains("hikaricp_connections")
                .contains("http_server_requests_seconds_count{");
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theApiPortServesNoApiDocs() {
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/swagger-ui.html", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void openApiDescribesTheErasureEndpointWithTheApiKeySchemeAndNoCallerParameter() throws Exception {
        ResponseEntity<String> response = http.getForEntity(management("/actuator/openapi/all"), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode docs = JSON.readTree(response.getBody());
        JsonNode delete = docs.path("paths").path("/v1/users/{userId}").path("delete");
        assertThat(delete.isMissingNode()).as("DELETE /v1/users/{userId} documented").isFalse();
        assertThat(delete.path("parameters").findValuesAsText("name")).containsExactly("userId");
        assertThat(docs.path("components").path("securitySchemes").path("apiKey").path("name").asText()).isEqualTo("X-API-Key");
        ResponseEntity<String> swaggerUi = http.getForEntity(management("/actuator/swagger-ui/index.html"), String.class);
        assertThat(swaggerUi.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(swaggerUi.getBody()).contains("Swagger UI");
    }

    @Test
    void aV1RequestWithoutAKeyIsA401Problem() throws Exception {
        JsonNode body = assertProblem(exchange(HttpMethod.DELETE, "/v1/users/x", null), HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");

        assertThat(body.path("instance").asText()).isEqualTo("/v1/users/x");
    }

    @Test
    void anUnknownOrRevokedKeyIsA401Problem() throws Exception {
        String tenant = newTenant();
        String key = apiKeys.create(tenant, Set.of(Scope.LIVENESS));
        apiKeys.revoke(tenant, key.substring(0, 12));

        assertProblem(exchange(HttpMethod.DELETE, "/v1/users/x", key), HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");
        assertProblem(exchange(HttpMethod.DELETE, "/v1/users/x", "olk_" + "B".repeat(43)), HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");
    }

    @Test
    void anExpiredKeyIsA401Problem() throws Exception {
        ApiKeys.NewKey issued = apiKeys.issue(newTenant(), Set.of(Scope.LIVENESS), Optional.of(Duration.ofDays(1)));
        String userSessions = "/v1/verifications/liveness/user/x";
        assertThat(exchange(HttpMethod.GET, userSessions, issued.key()).getStatusCode()).isEqualTo(HttpStatus.OK);

        jdbc.sql("UPDATE api_key SET expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), issued.id()).update();

        JsonNode body = assertProblem(exchange(HttpMethod.GET, userSessions, issued.key()), HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");
        assertThat(body.path("detail").asText()).contains("expired");
    }

    @Test
    void erasureWithoutTheAdminScopeIsA403Problem() throws Exception {
        String key = apiKeys.create(newTenant(), Set.of(Scope.LIVENESS, Scope.AUDIT, Scope.IDENTITY));

        JsonNode body = assertProblem(exchange(HttpMethod.DELETE, "/v1/users/x", key), HttpStatus.FORBIDDEN, "INSUFFICIENT_SCOPE");

        assertThat(body.path("detail").asText()).contains("admin");
    }

    @Test
    void erasureWithAnAdminKeyIs204AndDeletesTheUsersPhotosOnlyInItsTenant() {
        String tenantName = newTenant();
        String key = apiKeys.create(tenantName, Set.of(Scope.ADMIN));
        String tenantId = tenants.findByName(tenantName).orElseThrow().id();
        String otherTenantId = tenants.findOrCreate(newTenant()).id();
        String photo = photos.save(tenantId, "user-7", null, PhotoKind.REFERENCE, null, new byte[] {1, 2, 3});
        String otherPhoto = photos.save(otherTenantId, "user-7", null, PhotoKind.REFERENCE, null, new byte[] {4});

        ResponseEntity<String> response = exchange(HttpMethod.DELETE, "/v1/users/user-7", key);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(photos.load(tenantId, photo)).isEmpty();
        assertThat(photos.load(otherTenantId, otherPhoto)).isPresent();
        assertThat(exchange(HttpMethod.DELETE, "/v1/users/user-7", key).getStatusCode()).as("idempotent").isEqualTo(HttpStatus.NO_CONTENT);
        String params = jdbc.sql("SELECT params FROM audit_event WHERE tenant_id = ? AND message = 'USER_ERASED'")
                .param(tenantId).query(String.class).list().get(0);
        assertThat(params).contains("userIdHmac").doesNotContain("user-7").doesNotContain(org.openliveness.server.Sha256.hex("user-7"));
    }

    @Test
    void anOverlongUserIdIsA400Problem() throws Exception {
        String key = apiKeys.create(newTenant(), Set.of(Scope.ADMIN));

        JsonNode body = assertProblem(exchange(HttpMethod.DELETE, "/v1/users/" + "u".repeat(201), key), HttpStatus.BAD_REQUEST, "INVALID_REQUEST");

        assertThat(body.path("detail").asText()).contains("userId");
    }

    @Test
    void anUnknownV1PathIsA404ProblemForAnAuthenticatedCaller() throws Exception {
        String key = apiKeys.create(newTenant(), Set.of(Scope.LIVENESS));

        assertProblem(exchange(HttpMethod.GET, "/v1/no-such-thing", key), HttpStatus.NOT_FOUND, "NOT_FOUND");
        assertProblem(exchange(HttpMethod.GET, "/v1/no-such-thing", null), HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");
        assertProblem(exchange(HttpMethod.GET, "/no-such-page", null), HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void sessionTokenEndpointsPassWithoutAKeyButAnInvalidKeyThereIsStillRejected() throws Exception {
        for (String path : new String[] {"/v1/verifications/liveness/challenge", "/v1/verifications/liveness/reference-selfie"}) {
            ResponseEntity<String> withoutKey = exchange(HttpMethod.POST, path, null);
            assertThat(withoutKey.getStatusCode()).as(path).isNotEqualTo(HttpStatus.UNAUTHORIZED);

            assertProblem(exchange(HttpMethod.POST, path, "olk_" + "C".repeat(43)), HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");
        }
        assertProblem(exchange(HttpMethod.GET, "/v1/verifications/liveness/challenge", null), HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");
        assertProblem(exchange(HttpMethod.POST, "/v1/verifications/liveness/challenge/x", null), HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");
    }

    @Test
    void anUploadOverTenMegabytesIsA413PhotoTooLargeProblem() throws Exception {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        // The photo before the token: an unknown token sent first is refused (401) before the photo is read.
        form.add("photo", new ByteArrayResource(new byte[10 * 1024 * 1024 + 100_000]) {
            @Override
            public String getFilename() {
                return "big.jpg";
            }
        });
        form.add("sessionToken", "whatever");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<String> response = http.postForEntity("/v1/verifications/liveness/challenge", new HttpEntity<>(form, headers), String.class);

        assertProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, "PHOTO_TOO_LARGE");
    }
}
