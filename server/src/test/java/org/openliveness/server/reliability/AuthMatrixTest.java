package org.openliveness.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The authorisation matrix, generated from the OpenAPI document the server serves (so an
 * operation added later is covered without editing this test): every operation is called with
 * every wrong credential for its kind of authorisation, and each cell must be refused with the
 * right status and leak nothing of the tenant that owns the data (its session ids, tokens,
 * challenge ids, external reference, tenant name). A positive control per operation (the right
 * credential) shows the request was well-formed, so the refusals are due to the credential.
 *
 * <p>How an operation is authorised comes from its {@code security} requirement; {@link #STYLES}
 * knows two (the document's {@code apiKey}, and {@code []} = the session token in the body).
 * An operation with any other requirement fails this test until an entry is added for it. An
 * API-key operation must say in its description which scope it needs ("Needs the `liveness`
 * scope"; "`liveness` or `admin`"); one that does not fails too.
 *
 * <p>The matrix is written to {@code target/auth-matrix.md} (copied into docs/RELIABILITY.md).
 */
@IntegrationTest
class AuthMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEEDS_SCOPE = Pattern.compile("Needs the ((?:`[a-z]+`(?: or |, )?)+) scope");
    private static final Pattern SCOPE_NAME = Pattern.compile("`([a-z]+)`");
    private static final Path REPORT = Path.of("target", "auth-matrix.md");

    /** The kinds of authorisation this test knows, keyed by the operation's security requirement. */
    enum Style { API_KEY, SESSION_TOKEN }

    private static final Map<String, Style> STYLES = Map.of(
            "apiKey", Style.API_KEY,
            "[]", Style.SESSION_TOKEN);

    @Autowired
    ApiKeys apiKeys;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One tenant's data, and the strings that must never appear in another caller's reply. */
    record Tenant(String name, String keyId, String key, String userId, Session session, Session expired) {
        List<String> secrets() {
            List<String> all = new ArrayList<>(List.of(name, session.id, session.token, expired.id, expired.token,
                    session.externalReference));
            all.addAll(session.challengeIds);
            all.addAll(expired.challengeIds);
            return all;
        }
    }

    record Session(String id, String token, List<String> challengeIds, String externalReference) {}

    /** A reply, and the text of the request (path and body) it answered. */
    record Reply(int statusCode, String body, String sent) {}

    /** One call's outcome in the matrix. */
    record Cell(String name, int status, String expected, boolean ok, String why) {}

    @Test
    void everyOperationRefusesEveryWrongCredentialAndLeaksNothing() throws Exception {
        JsonNode docs = liveDocument();
        String globalSecurity = requirement(docs.path("security"));
        List<String> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int operations = 0;
        int cells = 0;
        for (Iterator<Map.Entry<String, JsonNode>> p = docs.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = o.next();
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                JsonNode op = entry.getValue();
                String security = op.has("security") ? requirement(op.path("security")) : globalSecurity;
                Style style = STYLES.get(security);
                String name = method + " " + path.getKey();
                if (style == null) {
                    fail("%s has the security requirement %s, which AuthMatrixTest does not know how to test: add it to STYLES "
                            + "and give it its cells", name, security);
                }
                List<Cell> result = switch (style) {
                    case API_KEY -> apiKeyCells(docs, method, path.getKey(), op, name);
                    case SESSION_TOKEN -> sessionTokenCells(docs, method, path.getKey(), op);
                };
                operations++;
                StringBuilder row = new StringBuilder("| `" + name + "` | " + (style == Style.API_KEY ? "API key" : "session token") + " |");
                for (Cell cell : result) {
                    cells++;
                    row.append(' ').append(cell.name).append(' ').append(cell.status).append(cell.ok ? "" : " **FAIL**").append(';');
                    if (!cell.ok) {
                        failures.add(name + " / " + cell.name + ": got " + cell.status + ", expected " + cell.expected + " — " + cell.why);
                    }
                }
                rows.add(row.append(" |").toString());
            }
        }
        writeReport(operations, cells, rows);
        assertThat(operations).as("operations in the served document").isGreaterThanOrEqualTo(9);
        assertThat(failures).as("cells refused wrongly or leaking (matrix in %s)", REPORT.toAbsolutePath()).isEmpty();
    }

    // ---- API-key operations

    private List<Cell> apiKeyCells(JsonNode docs, String method, String path, JsonNode op, String name) throws Exception {
        Set<Scope> needed = neededScopes(op, name);
        Tenant owner = tenant(EnumSet.allOf(Scope.class));
        Tenant other = tenant(EnumSet.allOf(Scope.class));
        EnumSet<Scope> without = EnumSet.complementOf(EnumSet.copyOf(needed));
        List<Cell> cells = new ArrayList<>();
        IntPredicate unauthorised = s -> s == 401;
        cells.add(cell("none", call(docs, method, path, op, owner, Map.of()), "401", unauthorised, owner));
        cells.add(cell("unknown", call(docs, method, path, op, owner, key("olk_" + "A".repeat(43))), "401", unauthorised, owner));
        cells.add(cell("sessionToken", call(docs, method, path, op, owner, key(owner.session.token)), "401", unauthorised, owner));
        ApiKeys.NewKey revoked = apiKeys.issue(owner.name, EnumSet.allOf(Scope.class), Optional.empty());
        apiKeys.revoke(revoked.id());
        cells.add(cell("revoked", call(docs, method, path, op, owner, key(revoked.key())), "401", unauthorised, owner));
        cells.add(cell("expired", call(docs, method, path, op, owner, key(expiredKey(owner.name))), "401", unauthorised, owner));
        if (without.isEmpty()) {
            fail("%s needs every scope; no key lacks its scope", name);
        }
        String narrow = apiKeys.create(owner.name, without);
        cells.add(cell("noScope", call(docs, method, path, op, owner, key(narrow)), "403", s -> s == 403, owner));
        // Another tenant acting on the owner's ids: not found, or its own (empty) data; never the owner's.
        Reply foreign = call(docs, method, path, op, owner, key(other.key));
        // (422: the request's own content judged in the other tenant's namespace, e.g. an enrolment photo without a face.)
        cells.add(cell("otherTenant", foreign, "404, 422 or own data", s -> s == 404 || s == 422 || (s >= 200 && s < 300), owner));
        cells.add(ownerIntact("otherTenant→owner intact", owner));
        Reply control = call(docs, method, path, op, owner, key(apiKeys.create(owner.name, needed)));
        // Authorised: past the key check. The built request may still be refused for its content (a user
        // without an enrolment is 404, a placeholder image without a face 422), never 401/403 or a 5xx.
        int c = control.statusCode();
        cells.add(new Cell("control", c, "authorised (not 401/403/5xx)", c != 401 && c != 403 && c < 500,
                "the right key must be accepted (else the request this test builds is wrong): " + control.body()));
        return cells;
    }

    /** Whether the owner's session is still readable with its own key after another tenant's calls. */
    private Cell ownerIntact(String name, Tenant owner) throws Exception {
        HttpResponse<String> read = send(HttpRequest.newBuilder(api("/v1/verifications/liveness/" + owner.session.id))
                .header(ApiKeys.HEADER, owner.key).GET());
        return new Cell(name, read.statusCode(), "200", read.statusCode() == 200, "the owner's session must survive");
    }

    private static Set<Scope> neededScopes(JsonNode op, String name) {
        Matcher m = NEEDS_SCOPE.matcher(op.path("description").asText(""));
        if (!m.find()) {
            fail("%s is authorised by an API key but its description does not say which scope it needs "
                    + "(\"Needs the `liveness` scope\"): document it", name);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Matcher s = SCOPE_NAME.matcher(m.group(1));
        while (s.find()) {
            scopes.add(Scope.parse(s.group(1)));
        }
        return scopes;
    }

    private String expiredKey(String tenantName) {
        ApiKeys.NewKey expiring = apiKeys.issue(tenantName, EnumSet.allOf(Scope.class), Optional.of(Duration.ofDays(1)));
        jdbc.sql("UPDATE api_key SET expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), expiring.id()).update();
        return expiring.key();
    }

    // ---- session-token operations

    private List<Cell> sessionTokenCells(JsonNode docs, String method, String path, JsonNode op) throws Exception {
        Tenant owner = tenant(EnumSet.of(Scope.LIVENESS));
        Tenant other = tenant(EnumSet.of(Scope.LIVENESS));
        List<Cell> cells = new ArrayList<>();
        IntPredicate refusedToken = s -> s == 400 || s == 401;
        cells.add(cell("none", callToken(docs, method, path, op, owner, owner.session, null, Map.of()), "400/401", refusedToken, owner));
        cells.add(cell("unknown", callToken(docs, method, path, op, owner, owner.session, "ses_" + "A".repeat(43), Map.of()),
                "401", s -> s == 401, owner));
        cells.add(cell("apiKeyAsToken", callToken(docs, method, path, op, owner, owner.session, owner.key, Map.of()),
                "401", s -> s == 401, owner));
        // Refused with 410, or (a read of where the session stands) told that it expired.
        Reply expired = callToken(docs, method, path, op, owner, owner.expired, owner.expired.token, Map.of());
        boolean toldExpired = expired.statusCode() == 200 && JSON.readTree(expired.body()).path("status").asText().equals("EXPIRED");
        List<String> notItsOwn = new ArrayList<>(owner.secrets());
        notItsOwn.removeAll(List.of(owner.expired.id, owner.expired.token));
        notItsOwn.removeAll(owner.expired.challengeIds);
        cells.add(cell("expired", expired, "410, or 200 status EXPIRED", s -> s == 410 || toldExpired, notItsOwn));
        // The other tenant's token with the owner's challenge ids: the owner's challenge is not found through it.
        Reply foreign = callToken(docs, method, path, op, owner, owner.session, other.session.token, Map.of());
        boolean takesChallenge = usesField(docs, op, "challengeId");
        cells.add(cell("foreignToken", foreign, takesChallenge ? "404" : "2xx/4xx, own data",
                takesChallenge ? s -> s == 404 : s -> s < 500, owner));
        cells.add(cell("token+otherTenantKey", callToken(docs, method, path, op, owner, owner.session, owner.session.token,
                key(other.key)), "401/403/404", s -> s == 401 || s == 403 || s == 404, owner));
        ApiKeys.NewKey revoked = apiKeys.issue(owner.name, EnumSet.of(Scope.LIVENESS), Optional.empty());
        apiKeys.revoke(revoked.id());
        cells.add(cell("token+revokedKey", callToken(docs, method, path, op, owner, owner.session, owner.session.token,
                key(revoked.key())), "401", s -> s == 401, owner));
        cells.add(cell("token+expiredKey", callToken(docs, method, path, op, owner, owner.session, owner.session.token,
                key(expiredKey(owner.name))), "401", s -> s == 401, owner));
        Reply control = callToken(docs, method, path, op, owner, owner.session, owner.session.token, Map.of());
        int s = control.statusCode();
        cells.add(new Cell("control", s, "not 401/403/404/410", s < 500 && s != 401 && s != 403 && s != 404 && s != 410,
                "the session's own token must be accepted: " + control.body()));
        return cells;
    }

    // ---- building requests from the document

    private Reply call(JsonNode docs, String method, String path, JsonNode op, Tenant owner,
                                      Map<String, String> headers) throws Exception {
        return callToken(docs, method, path, op, owner, owner.session, owner.session.token, headers);
    }

    /**
     * The operation's request: path parameters and body fields filled from the owner's data by
     * name ({@code id}, {@code userId}, {@code sessionToken}, {@code challengeId}), binary fields
     * with a small JPEG, other required fields with a plain value of their type.
     */
    private Reply callToken(JsonNode docs, String method, String path, JsonNode op, Tenant owner, Session session,
                                           String token, Map<String, String> headers) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", session.id);
        values.put("userId", owner.userId);
        values.put("challengeId", session.challengeIds.get(0));
        values.put("externalReference", "ref-" + UUID.randomUUID());
        String resolved = path;
        for (JsonNode parameter : op.path("parameters")) {
            if ("path".equals(parameter.path("in").asText())) {
                String name = parameter.path("name").asText();
                String value = values.get(name);
                if (value == null) {
                    fail("%s %s: no value for the path parameter {%s}: add it to AuthMatrixTest.callToken", method, path, name);
                }
                resolved = resolved.replace("{" + name + "}", value);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(api(resolved)).timeout(Duration.ofSeconds(60));
        StringBuilder sent = new StringBuilder(resolved);
        headers.forEach(request::header);
        JsonNode content = op.path("requestBody").path("content");
        if (content.has("application/json")) {
            ObjectNode body = JSON.createObjectNode();
            fields(docs, content.path("application/json").path("schema"), values, token).forEach((k, v) -> {
                if (v instanceof byte[] bytes) {
                    body.put(k, java.util.Base64.getEncoder().encodeToString(bytes));
                } else {
                    body.putPOJO(k, v);
                }
            });
            sent.append(JSON.writeValueAsString(body));
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else if (content.has("multipart/form-data")) {
            String boundary = "matrix" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Map.Entry<String, Object> f : fields(docs, content.path("multipart/form-data").path("schema"), values, token).entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"").getBytes(StandardCharsets.UTF_8));
                if (f.getValue() instanceof byte[] bytes) {
                    out.write(("; filename=\"" + f.getKey() + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.write(bytes);
                } else {
                    out.write(("\r\n\r\n" + f.getValue()).getBytes(StandardCharsets.UTF_8));
                }
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            sent.append(out.toString(StandardCharsets.ISO_8859_1));
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        } else if (content.size() > 0) {
            fail("%s %s takes %s, which AuthMatrixTest cannot build yet", method, path, content.fieldNames().next());
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = send(request);
        return new Reply(response.statusCode(), response.body(), sent.toString());
    }

    /** Body fields: known names from {@code values}, the token, binary parts, and required fields by type. */
    private static Map<String, Object> fields(JsonNode docs, JsonNode schema, Map<String, String> values, String token) {
        JsonNode resolved = resolve(docs, schema);
        Set<String> required = new java.util.HashSet<>();
        resolved.path("required").forEach(r -> required.add(r.asText()));
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = resolved.path("properties").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> property = p.next();
            String name = property.getKey();
            JsonNode type = resolve(docs, property.getValue());
            if (name.equals("sessionToken")) {
                if (token != null) {
                    fields.put(name, token);
                }
            } else if (values.containsKey(name)) {
                fields.put(name, values.get(name));
            } else if ("binary".equals(type.path("format").asText())) {
                if (required.contains(name) || name.equals("photo")) { // a challenge takes a photo or frames
                    fields.put(name, JPEG);
                }
            } else if (required.contains(name)) {
                fields.put(name, plainValue(type));
            }
        }
        return fields;
    }

    private static Object plainValue(JsonNode type) {
        if (type.has("enum")) {
            return type.path("enum").get(0).asText();
        }
        return switch (type.path("type").asText()) {
            case "integer", "number" -> type.has("minimum") ? type.path("minimum").asLong() : 1;
            case "boolean" -> false;
            default -> "x";
        };
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static boolean usesField(JsonNode docs, JsonNode op, String field) {
        for (JsonNode media : op.path("requestBody").path("content")) {
            if (resolve(docs, media.path("schema")).path("properties").has(field)) {
                return true;
            }
        }
        return false;
    }

    /** The security requirement as a key of {@link #STYLES}: the scheme names, or {@code []}. */
    private static String requirement(JsonNode security) {
        if (security.isArray() && security.isEmpty()) {
            return "[]";
        }
        List<String> names = new ArrayList<>();
        security.forEach(alternative -> alternative.fieldNames().forEachRemaining(names::add));
        return String.join("+", names);
    }

    // ---- fixtures

    private Tenant tenant(Set<Scope> scopes) throws Exception {
        String name = "matrix-" + UUID.randomUUID();
        ApiKeys.NewKey key = apiKeys.issue(name, scopes.contains(Scope.LIVENESS) ? scopes : EnumSet.of(Scope.LIVENESS), Optional.empty());
        String userId = "user-" + UUID.randomUUID();
        Session session = session(key.key(), userId);
        Session expired = session(key.key(), userId);
        jdbc.sql("UPDATE liveness_session SET expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), expired.id).update();
        return new Tenant(name, key.id(), key.key(), userId, session, expired);
    }

    private Session session(String key, String userId) throws Exception {
        String reference = "ext-" + UUID.randomUUID();
        HttpResponse<String> created = send(HttpRequest.newBuilder(api("/v1/verifications/liveness/session"))
                .header(ApiKeys.HEADER, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("userId", userId, "externalReference", reference)))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode json = JSON.readTree(created.body());
        List<String> challenges = new ArrayList<>();
        json.path("challenges").forEach(c -> challenges.add(c.path("id").asText()));
        return new Session(json.path("id").asText(), json.path("sessionToken").asText(), challenges, reference);
    }

    private static Map<String, String> key(String key) {
        return Map.of(ApiKeys.HEADER, key);
    }

    private static Cell cell(String name, Reply response, String expected, IntPredicate right, Tenant owner) {
        return cell(name, response, expected, right, owner.secrets());
    }

    /** A cell: the status must be right, and the reply must contain none of {@code secrets} the request did not send. */
    private static Cell cell(String name, Reply response, String expected, IntPredicate right, List<String> secrets) {
        int status = response.statusCode();
        if (!right.test(status)) {
            return new Cell(name, status, expected, false, response.body());
        }
        String body = response.body() == null ? "" : response.body();
        for (String secret : secrets) {
            // An echo of what the caller itself sent (a problem's instance path, an id not found) reveals nothing.
            if (!secret.isEmpty() && body.contains(secret) && !response.sent().contains(secret)) {
                return new Cell(name, status, expected + " without the owner's data", false, "the reply contains " + secret);
            }
        }
        return new Cell(name, status, expected, true, "");
    }

    private JsonNode liveDocument() throws Exception {
        HttpResponse<String> docs = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/openapi/native")).GET());
        assertThat(docs.statusCode()).isEqualTo(200);
        return JSON.readTree(docs.body());
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void writeReport(int operations, int cells, List<String> rows) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Operations: ").append(operations).append(", cells: ").append(cells).append(" (status per cell; **FAIL** marks a wrong one)\n\n");
        md.append("| operation | authorised by | cells |\n|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, md.toString(), StandardCharsets.UTF_8);
    }

    /** A 96×96 grey JPEG: decodes, has no face. */
    private static final byte[] JPEG = grey();

    private static byte[] grey() {
        BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                image.setRGB(x, y, 0x808080 + (x + y) % 16);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
