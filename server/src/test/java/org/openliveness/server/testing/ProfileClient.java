package org.openliveness.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;

/**
 * What the API profiles' contract tests do over HTTP against a {@link ProfileServer}: a tenant with
 * an API key (an OAuth client), tokens from the token endpoints, and native liveness sessions
 * driven with photos.
 */
public final class ProfileClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String NATIVE = "/v1/verifications/liveness";

    public final ProfileServer server;
    public final String tenant;
    /** The tenant's API key (client_secret) and its id (client_id). */
    public final String key;
    public final String clientId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A new tenant with one key of these scopes. */
    public ProfileClient(ProfileServer server, Set<Scope> scopes) {
        this.server = server;
        this.tenant = "it-" + UUID.randomUUID();
        ApiKeys.NewKey issued = server.bean(ApiKeys.class).issue(tenant, scopes, Optional.empty());
        this.key = issued.key();
        this.clientId = issued.id();
    }

    /** Another key of the same tenant. */
    public ApiKeys.NewKey anotherKey(Set<Scope> scopes) {
        return server.bean(ApiKeys.class).issue(tenant, scopes, Optional.empty());
    }

    /** A reply: status, headers and body parsed as JSON (null when empty). */
    public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r, r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body()));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60));
    }

    /** POST a form to the token endpoint (or another), with optional extra headers (name, value, …). */
    public Reply postForm(String path, Map<String, String> form, String... headers) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public Reply postJson(String path, Object body, String... headers) throws Exception {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public Reply get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = request(path).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** An access token by the client-credentials grant (form credentials), with a scope parameter when given. */
    public String accessToken(String scope) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", key));
        if (scope != null) {
            form.put("scope", scope);
        }
        Reply r = postForm("/oauth2/token", form);
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        return r.json().path("access_token").asText();
    }

    public String userToken(String userId) throws Exception {
        Reply r = postForm("/oauth2/user-token", Map.of("user_id", userId, "client_id", clientId, "client_secret", key));
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        return r.json().path("user_token").asText();
    }

    /** A native session as its client holds it. */
    public record Session(String id, String token, Map<String, String> challengeIds) {}

    public Session createSession(String userId, String externalReference, List<String> types) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("challengeCount", types.size());
        body.put("challengeTypes", types);
        if (externalReference != null) {
            body.put("externalReference", externalReference);
        }
        Reply r = postJson(NATIVE + "/session", body, ApiKeys.HEADER, key);
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(201);
        Map<String, String> ids = new LinkedHashMap<>();
        r.json().path("challenges").forEach(c -> ids.put(c.path("type").asText(), c.path("id").asText()));
        return new Session(r.json().path("id").asText(), r.json().path("sessionToken").asText(), ids);
    }

    /** Uploads the reference selfie with this capture token. */
    public Reply reference(String captureToken, byte[] photo) throws Exception {
        return multipart(NATIVE + "/reference-selfie", Map.of("sessionToken", captureToken), "selfie", photo);
    }

    /** Answers one challenge with a photo, using this capture token. */
    public Reply answer(String captureToken, String challengeId, byte[] photo) throws Exception {
        return multipart(NATIVE + "/challenge", Map.of("sessionToken", captureToken, "challengeId", challengeId), "photo", photo);
    }

    private Reply multipart(String path, Map<String, String> fields, String fileField, byte[] file) throws Exception {
        String boundary = "----profiles" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue()
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

}
