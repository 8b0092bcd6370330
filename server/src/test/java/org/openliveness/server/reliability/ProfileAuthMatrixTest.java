package org.openliveness.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.oauth.TestTokens;
import org.openliveness.server.testing.DatabaseKind;
import org.openliveness.server.testing.ProfileClient;
import org.openliveness.server.testing.ProfileServer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The authorisation matrix of the API profiles, generated like {@link AuthMatrixTest} (which covers
 * the group {@code native}) from the OpenAPI documents the server serves: every operation of the
 * groups {@code check-proxy} (seed 001), {@code identity-flow} (seed 000), {@code order-status}
 * (seed 002), {@code process} (seed 004) and {@code oauth} is called with every wrong credential of
 * its group's authentication, and each cell must be refused with the status <em>and the error code
 * of that seed's error body</em>, and leak nothing of the tenant that owns the data (its session
 * ids and tokens, flow session, capture tokens, audit record ids, user and access tokens). A
 * control per operation (the right credentials) shows the request was well-formed.
 *
 * <p>Which cells an operation gets comes from its group ({@link #GROUPS}); a group the server serves
 * that neither this test nor {@link AuthMatrixTest} knows fails, and so does an operation of the
 * whole API (group {@code all}) that is in none of the tested groups. Requests are built from each
 * operation's parameters and request schema, filled by name ({@link Fixture#values}); an operation
 * with a parameter this test has no value for fails, naming it.
 *
 * <p>The matrix is written to {@code target/auth-matrix-profiles.md}, with the cell count per group.
 */
class ProfileAuthMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPORT = Path.of("target", "auth-matrix-profiles.md");
    private static final Pattern NEEDS_SCOPE = Pattern.compile("Needs the `([a-z]+)` scope");
    private static final String USER = "alice";

    /** The profile groups and how their operations authenticate. */
    enum Group { CHECK_PROXY, IDENTITY_FLOW, ORDER_STATUS, PROCESS, OAUTH }

    private static final Map<String, Group> GROUPS = Map.of(
            "check-proxy", Group.CHECK_PROXY,
            "identity-flow", Group.IDENTITY_FLOW,
            "order-status", Group.ORDER_STATUS,
            "process", Group.PROCESS,
            "oauth", Group.OAUTH);
    /** Groups covered elsewhere: {@code native} by {@link AuthMatrixTest}; {@code all} is the union. */
    private static final Set<String> ELSEWHERE = Set.of("native", "all");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ProfileServer server = ProfileServer.on(DatabaseKind.H2);

    /** One operation of a group's document. */
    record Operation(String group, String method, String path, JsonNode op, JsonNode docs) {
        String name() {
            return method + " " + path;
        }

        boolean hasParameter(String name) {
            for (JsonNode p : op.path("parameters")) {
                if (p.path("name").asText().equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A reply and what was sent (an echo of what the caller sent reveals nothing). */
    record Reply(int status, String body, String sent) {}

    /** One cell: what came back, and whether it was right. */
    record Cell(String name, int status, String code, boolean ok, String why) {}

    /** The status and seed error code a refusal must carry. */
    record Refusal(int status, String code) {
        @Override
        public String toString() {
            return status + " " + code;
        }
    }

    @Test
    void everyProfileOperationRefusesEveryWrongCredentialInItsSeedsTermsAndLeaksNothing() throws Exception {
        Set<String> served = new TreeSet<>();
        server.beans(GroupedOpenApi.class).values().forEach(g -> served.add(g.getGroup()));
        Set<String> unknown = new TreeSet<>(served);
        unknown.removeAll(GROUPS.keySet());
        unknown.removeAll(ELSEWHERE);
        assertThat(unknown).as("OpenAPI groups no authorisation matrix covers: add them to ProfileAuthMatrixTest.GROUPS").isEmpty();
        assertThat(served).as("the profile groups are served").containsAll(GROUPS.keySet());

        Set<String> covered = new HashSet<>(operationNames(document("native")));
        Map<String, int[]> counts = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String group : new TreeSet<>(GROUPS.keySet())) {
            JsonNode docs = document(group);
            int operations = 0;
            int cells = 0;
            for (Operation op : operations(group, docs)) {
                Fixture f = new Fixture();
                List<Cell> result = switch (GROUPS.get(group)) {
                    case CHECK_PROXY -> checkProxy(op, f);
                    case IDENTITY_FLOW -> identityFlow(op, f);
                    case ORDER_STATUS -> orderStatus(op, f);
                    case PROCESS -> process(op, f);
                    case OAUTH -> oauth(op, f);
                };
                covered.add(op.name());
                operations++;
                StringBuilder row = new StringBuilder("| " + group + " | `" + op.name() + "` |");
                for (Cell cell : result) {
                    cells++;
                    row.append(' ').append(cell.name).append(' ').append(cell.status).append(cell.code.isEmpty() ? "" : " " + cell.code)
                            .append(cell.ok ? "" : " **FAIL**").append(';');
                    if (!cell.ok) {
                        failures.add(group + " " + op.name() + " / " + cell.name + ": got " + cell.status + " " + cell.code + " — " + cell.why);
                    }
                }
                rows.add(row.append(" |").toString());
            }
            counts.put(group, new int[] {operations, cells});
        }
        Set<String> everything = new TreeSet<>(operationNames(document("all")));
        everything.removeAll(covered);
        writeReport(counts, rows);
        System.out.println("Profile authorisation matrix (" + REPORT.toAbsolutePath() + "): "
                + counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0] + " operations / " + e.getValue()[1] + " cells").toList());
        assertThat(everything).as("operations of the whole API that no authorisation matrix calls").isEmpty();
        counts.forEach((group, n) -> assertThat(n[0]).as("operations of %s", group).isPositive());
        assertThat(failures).as("cells refused wrongly or leaking (matrix in %s)", REPORT.toAbsolutePath()).isEmpty();
    }

    // ---- seed 001: X-API-Key, errors {"status":"ERROR","responseObject":{"code"}}

    private List<Cell> checkProxy(Operation op, Fixture f) throws Exception {
        Scope needed = neededScope(op);
        List<Cell> cells = new ArrayList<>();
        Refusal unauthorised = new Refusal(401, "ERROR_UNAUTHORIZED");
        cells.add(refused("none", call(op, f.values(), Map.of()), unauthorised, f));
        cells.add(refused("unknownKey", call(op, f.values(), key("olk_" + "A".repeat(43))), unauthorised, f));
        cells.add(refused("blankKey", call(op, f.values(), key(" ")), unauthorised, f));
        cells.add(refused("sessionTokenAsKey", call(op, f.values(), key(f.session.token())), unauthorised, f));
        cells.add(refused("accessTokenAsKey", call(op, f.values(), key(f.accessToken)), unauthorised, f));
        cells.add(refused("bearerInsteadOfKey", call(op, f.values(), bearer(f.accessToken)), unauthorised, f));
        cells.add(refused("revokedKey", call(op, f.values(), key(f.revokedKey)), unauthorised, f));
        cells.add(refused("expiredKey", call(op, f.values(), key(f.expiredKey)), unauthorised, f));
        String narrow = f.owner.anotherKey(EnumSet.complementOf(EnumSet.of(needed))).key();
        cells.add(refused("noScope", call(op, f.values(), key(narrow)), new Refusal(403, "ERROR_FORBIDDEN"), f));
        // Another tenant with the owner's user, reference and audit record: the seed's "not found" or its own (empty) data.
        cells.add(foreign("otherTenant", call(op, f.values(), key(f.other.key)), f,
                new Refusal(400, "ERROR_REQUEST"), new Refusal(400, "USER_NOT_ENROLLED"), new Refusal(404, "ERROR_NOT_FOUND")));
        cells.add(control(call(op, f.values(), key(f.owner.key)), Set.of(401, 403)));
        return cells;
    }

    // ---- seed 000: X-API-Key with Client-Id and Session-Id, errors {"status","code","message"}; a bad key is 400

    private List<Cell> identityFlow(Operation op, Fixture f) throws Exception {
        List<Cell> cells = new ArrayList<>();
        Refusal invalid = new Refusal(400, "INVALID_API_KEY");
        cells.add(refused("none", call(op, f.values(), Map.of()), invalid, f));
        cells.add(refused("unknownKey", call(op, f.values(), key("olk_" + "A".repeat(43))), invalid, f));
        cells.add(refused("sessionTokenAsKey", call(op, f.values(), key(f.session.token())), invalid, f));
        cells.add(refused("flowSessionIdAsKey", call(op, f.values(), key(f.flowSessionId)), invalid, f));
        cells.add(refused("revokedKey", call(op, f.values(), key(f.revokedKey)), invalid, f));
        cells.add(refused("expiredKey", call(op, f.values(), key(f.expiredKey)), invalid, f));
        String narrow = f.owner.anotherKey(EnumSet.complementOf(EnumSet.of(Scope.LIVENESS))).key();
        cells.add(refused("noScope", call(op, f.values(), key(narrow)), new Refusal(403, "INSUFFICIENT_SCOPE"), f));
        if (op.hasParameter("Client-Id")) {
            // Another client's key naming the owner as client; then naming itself, with the owner's Session-Id.
            cells.add(refused("otherTenantKey+ownerClientId", call(op, f.values(), key(f.other.key)), invalid, f));
            cells.add(refused("otherTenant+ownerSessionId", call(op, f.values("Client-Id", f.other.tenant), key(f.other.key)),
                    new Refusal(404, "SESSION_NOT_FOUND"), f));
            cells.add(refused("unknownSessionId", call(op, f.values("Session-Id", "ifs_" + "A".repeat(32)), key(f.owner.key)),
                    new Refusal(404, "SESSION_NOT_FOUND"), f));
        } else {
            cells.add(foreign("otherTenant", call(op, f.values(), key(f.other.key)), f));
        }
        cells.add(control(call(op, f.values(), key(f.owner.key)), Set.of(401, 403)));
        return cells;
    }

    // ---- seed 002: Bearer access token or X-API-Key, plus X-User-Token; errors {"errors":{"ERxxx":{…}}}

    private List<Cell> orderStatus(Operation op, Fixture f) throws Exception {
        List<Cell> cells = new ArrayList<>();
        Map<String, String> user = Map.of("X-User-Token", f.userToken);
        cells.add(refused("none", call(op, f.values(), user), new Refusal(401, "ER802"), f));
        cells.add(refused("emptyBearer", call(op, f.values(), with(user, "Authorization", "Bearer ")), new Refusal(401, "ER802"), f));
        cells.add(refused("blankKey", call(op, f.values(), with(user, ApiKeys.HEADER, " ")), new Refusal(401, "ER806"), f));
        cells.add(refused("unknownKey", call(op, f.values(), with(user, ApiKeys.HEADER, "olk_" + "A".repeat(43))), new Refusal(401, "ER805"), f));
        cells.add(refused("revokedKey", call(op, f.values(), with(user, ApiKeys.HEADER, f.revokedKey)), new Refusal(401, "ER805"), f));
        cells.add(refused("expiredKey", call(op, f.values(), with(user, ApiKeys.HEADER, f.expiredKey)), new Refusal(401, "ER805"), f));
        String narrow = f.owner.anotherKey(EnumSet.complementOf(EnumSet.of(Scope.LIVENESS))).key();
        cells.add(refused("keyWithoutScope", call(op, f.values(), with(user, ApiKeys.HEADER, narrow)), new Refusal(403, "ER805"), f));
        cells.add(refused("forgedBearer", call(op, f.values(), with(user, "Authorization", "Bearer " + f.forgedAccessToken)),
                new Refusal(401, "ER800"), f));
        cells.add(refused("basicAuth", call(op, f.values(), with(user, "Authorization", "Basic dXNlcjpwYXNz")), new Refusal(401, "ER800"), f));
        cells.add(refused("userTokenAsBearer", call(op, f.values(), with(user, "Authorization", "Bearer " + f.userToken)),
                new Refusal(401, "ER800"), f));
        cells.add(refused("revokedClientBearer", call(op, f.values(), with(user, "Authorization", "Bearer " + f.revokedClientToken)),
                new Refusal(401, "ER800"), f));
        cells.add(refused("expiredBearer", call(op, f.values(), with(user, "Authorization", "Bearer " + f.expiredAccessToken)),
                new Refusal(401, "ER801"), f));
        cells.add(refused("bearerWithoutScope", call(op, f.values(), with(user, "Authorization", "Bearer " + f.identityOnlyToken)),
                new Refusal(403, "ER800"), f));
        cells.add(refused("bearerAndKey", call(op, f.values(), Map.of("X-User-Token", f.userToken, "Authorization", "Bearer " + f.accessToken,
                ApiKeys.HEADER, f.owner.key)), new Refusal(400, "ER803"), f));
        Map<String, String> auth = Map.of("Authorization", "Bearer " + f.accessToken);
        cells.add(refused("noUserToken", call(op, f.values(), auth), new Refusal(401, "ER700"), f));
        cells.add(refused("malformedUserToken", call(op, f.values(), with(auth, "X-User-Token", "not-a-token")), new Refusal(401, "ER702"), f));
        cells.add(refused("accessTokenAsUserToken", call(op, f.values(), with(auth, "X-User-Token", f.accessToken)),
                new Refusal(401, "ER702"), f));
        cells.add(refused("otherTenantsUserToken", call(op, f.values(), with(auth, "X-User-Token", f.otherUserToken)),
                new Refusal(401, "ER702"), f));
        cells.add(refused("expiredUserToken", call(op, f.values(), with(auth, "X-User-Token", f.expiredUserToken)),
                new Refusal(401, "ER702"), f));
        cells.add(refused("anotherUsersToken", call(op, f.values(), with(auth, "X-User-Token", f.bobsUserToken)),
                new Refusal(403, "ER150"), f));
        cells.add(refused("otherTenant+ownOrderId", call(op, f.values(), Map.of("Authorization", "Bearer " + f.otherAccessToken,
                "X-User-Token", f.otherUserToken)), new Refusal(404, "ER035"), f));
        cells.add(refused("otherTenantKey+ownOrderId", call(op, f.values(), Map.of(ApiKeys.HEADER, f.other.key,
                "X-User-Token", f.otherUserToken)), new Refusal(404, "ER035"), f));
        cells.add(control(call(op, f.values(), with(auth, "X-User-Token", f.userToken)), Set.of(401, 403, 404)));
        cells.add(control(call(op, f.values(), Map.of(ApiKeys.HEADER, f.owner.key, "X-User-Token", f.userToken)), Set.of(401, 403, 404)));
        return cells;
    }

    // ---- seed 004: Bearer access token only; errors {"error":{"code","message"}}

    private List<Cell> process(Operation op, Fixture f) throws Exception {
        List<Cell> cells = new ArrayList<>();
        cells.add(refused("none", call(op, f.values(), Map.of()), new Refusal(401, "MISSING_ACCESS_TOKEN"), f));
        cells.add(refused("apiKeyAlone", call(op, f.values(), key(f.owner.key)), new Refusal(401, "MISSING_ACCESS_TOKEN"), f));
        cells.add(refused("emptyBearer", call(op, f.values(), bearer("")), new Refusal(401, "MISSING_ACCESS_TOKEN"), f));
        cells.add(refused("forgedBearer", call(op, f.values(), bearer(f.forgedAccessToken)), new Refusal(401, "INVALID_ACCESS_TOKEN"), f));
        cells.add(refused("apiKeyAsBearer", call(op, f.values(), bearer(f.owner.key)), new Refusal(401, "INVALID_ACCESS_TOKEN"), f));
        cells.add(refused("userTokenAsBearer", call(op, f.values(), bearer(f.userToken)), new Refusal(401, "INVALID_ACCESS_TOKEN"), f));
        cells.add(refused("revokedClientBearer", call(op, f.values(), bearer(f.revokedClientToken)),
                new Refusal(401, "INVALID_ACCESS_TOKEN"), f));
        cells.add(refused("expiredBearer", call(op, f.values(), bearer(f.expiredAccessToken)), new Refusal(401, "EXPIRED_ACCESS_TOKEN"), f));
        cells.add(refused("bearerWithoutScope", call(op, f.values(), bearer(f.identityOnlyToken)),
                new Refusal(403, "CAPABILITY_NOT_GRANTED"), f));
        cells.add(refused("otherTenant+ownerSession", call(op, f.values(), bearer(f.otherAccessToken)),
                new Refusal(404, "SESSION_NOT_FOUND"), f));
        cells.add(control(call(op, f.values(), bearer(f.accessToken)), Set.of(401, 403, 404)));
        return cells;
    }

    // ---- the token endpoints: client authentication by form (or Basic), errors as RFC 6749 §5.2

    private List<Cell> oauth(Operation op, Fixture f) throws Exception {
        List<Cell> cells = new ArrayList<>();
        Refusal invalidClient = new Refusal(401, "invalid_client");
        cells.add(refused("none", call(op, f.values("client_id", null, "client_secret", null), Map.of()), invalidClient, f));
        cells.add(refused("unknownClient", call(op, f.values("client_id", UUID.randomUUID().toString()), Map.of()), invalidClient, f));
        cells.add(refused("otherTenantsSecret", call(op, f.values("client_secret", f.other.key), Map.of()), invalidClient, f));
        cells.add(refused("otherTenantsClientId", call(op, f.values("client_id", f.other.clientId), Map.of()), invalidClient, f));
        cells.add(refused("sessionTokenAsSecret", call(op, f.values("client_secret", f.session.token()), Map.of()), invalidClient, f));
        cells.add(refused("accessTokenAsSecret", call(op, f.values("client_secret", f.accessToken), Map.of()), invalidClient, f));
        cells.add(refused("revokedKey", call(op, f.values("client_id", f.revokedKeyId, "client_secret", f.revokedKey), Map.of()),
                invalidClient, f));
        cells.add(refused("expiredKey", call(op, f.values("client_id", f.expiredKeyId, "client_secret", f.expiredKey), Map.of()),
                invalidClient, f));
        if (usesField(op, "scope")) {
            cells.add(refused("scopeBeyondTheKey", call(op, f.values("client_id", f.narrowKeyId, "client_secret", f.narrowKey,
                    "scope", "admin"), Map.of()), new Refusal(400, "invalid_scope"), f));
        }
        cells.add(control(call(op, f.values(), Map.of()), Set.of(400, 401, 403)));
        return cells;
    }

    // ---- cells

    private static Map<String, String> key(String key) {
        return Map.of(ApiKeys.HEADER, key);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }

    /** A refusal: this status and this seed code, and none of the owner's data. */
    private Cell refused(String name, Reply reply, Refusal expected, Fixture f) {
        String code = code(reply);
        if (reply.status != expected.status || !expected.code.equals(code)) {
            return new Cell(name, reply.status, code, false, "expected " + expected + ": " + reply.body);
        }
        return leakCheck(new Cell(name, reply.status, code, true, ""), reply, f);
    }

    /** Another tenant's call: one of these refusals, or a 2xx with its own data; never the owner's. */
    private Cell foreign(String name, Reply reply, Fixture f, Refusal... allowed) {
        String code = code(reply);
        boolean ok = reply.status >= 200 && reply.status < 300;
        for (Refusal r : allowed) {
            ok |= r.status == reply.status && r.code.equals(code);
        }
        if (!ok) {
            return new Cell(name, reply.status, code, false, "expected 2xx or one of " + List.of(allowed) + ": " + reply.body);
        }
        return leakCheck(new Cell(name, reply.status, code, true, ""), reply, f);
    }

    /** The right credentials are accepted: no refusal of the credential and no 5xx (the request's content may be refused). */
    private Cell control(Reply reply, Set<Integer> credentialRefusals) {
        String code = code(reply);
        boolean ok = reply.status < 500 && !credentialRefusals.contains(reply.status)
                && !Set.of("INVALID_API_KEY", "ERROR_UNAUTHORIZED", "invalid_client").contains(code);
        return new Cell("control", reply.status, code, ok, "the right credentials must be accepted: " + reply.body);
    }

    private static Cell leakCheck(Cell cell, Reply reply, Fixture f) {
        String body = reply.body == null ? "" : reply.body;
        for (String secret : f.secrets()) {
            if (!secret.isEmpty() && body.contains(secret) && !reply.sent.contains(secret)) {
                return new Cell(cell.name, cell.status, cell.code, false, "the reply contains the owner's " + secret);
            }
        }
        return cell;
    }

    /** The error code of the seed's error body, whichever profile answered. */
    private static String code(Reply reply) {
        JsonNode json;
        try {
            json = reply.body == null || reply.body.isBlank() ? JSON.nullNode() : JSON.readTree(reply.body);
        } catch (IOException e) {
            return "";
        }
        if (json.path("responseObject").has("code")) {
            return json.path("responseObject").path("code").asText();
        }
        if (json.path("errors").isObject() && json.path("errors").size() > 0) {
            return json.path("errors").fieldNames().next();
        }
        if (json.path("error").isObject()) {
            return json.path("error").path("code").asText();
        }
        if (json.path("error").isTextual()) {
            return json.path("error").asText();
        }
        return json.path("code").asText("");
    }

    private static Scope neededScope(Operation op) {
        Matcher m = NEEDS_SCOPE.matcher(op.op.path("description").asText(""));
        if (!m.find()) {
            fail("%s %s does not say which scope it needs (\"Needs the `liveness` scope\"): document it", op.group, op.name());
        }
        return Scope.parse(m.group(1));
    }

    // ---- the owner's and another tenant's data

    /** A fresh owner (with a capture session, an order, a flow session with a step, an audit record) and another tenant. */
    private final class Fixture {
        final ProfileClient owner = new ProfileClient(server, EnumSet.allOf(Scope.class));
        final ProfileClient other = new ProfileClient(server, EnumSet.allOf(Scope.class));
        final String orderId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        final ProfileClient.Session session;
        final String flowSessionId;
        final String stepCaptureToken;
        final String auditLogId;
        final String accessToken;
        final String otherAccessToken;
        final String identityOnlyToken;
        final String forgedAccessToken;
        final String expiredAccessToken;
        final String revokedClientToken;
        final String userToken;
        final String bobsUserToken;
        final String otherUserToken;
        final String expiredUserToken;
        final String revokedKeyId;
        final String revokedKey;
        final String expiredKeyId;
        final String expiredKey;
        final String narrowKeyId;
        final String narrowKey;

        Fixture() throws Exception {
            session = owner.createSession(USER, orderId, List.of("TURN_LEFT", "SMILE"));
            ProfileClient.Reply flow = owner.postJson("/v1/identity-flow/sessions", Map.of("userId", USER), ApiKeys.HEADER, owner.key);
            assertThat(flow.status()).as(String.valueOf(flow.json())).isEqualTo(201);
            flowSessionId = flow.json().path("sessionId").asText();
            ProfileClient.Reply step = owner.send(owner.request("/v1/identity-flow/liveness/init?step_id=liveness")
                    .header(ApiKeys.HEADER, owner.key).header("Client-Id", owner.tenant).header("Session-Id", flowSessionId)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(step.status()).as(String.valueOf(step.json())).isEqualTo(200);
            stepCaptureToken = step.json().path("captureToken").asText();
            // An audit record of the owner's user: a check-proxy verify of its capture session is recorded.
            owner.postJson("/liveness/verify", Map.of("userId", USER, "livenessRecord", Map.of("reference", session.token())),
                    ApiKeys.HEADER, owner.key);
            ProfileClient.Reply audit = owner.get("/admin/audit/users/" + USER, ApiKeys.HEADER, owner.key);
            assertThat(audit.json().path("records").size()).as(String.valueOf(audit.json())).isPositive();
            auditLogId = audit.json().path("records").get(0).path("id").asText();

            accessToken = owner.accessToken(null);
            otherAccessToken = other.accessToken(null);
            identityOnlyToken = owner.accessToken("identity");
            forgedAccessToken = accessToken.substring(0, accessToken.length() - 2) + (accessToken.endsWith("xx") ? "yy" : "xx");
            expiredAccessToken = TestTokens.accessToken(ProfileServer.SIGNING_KEY, TestTokens.claims(TestTokens.ISSUER,
                    TestTokens.AUDIENCE, owner.clientId, owner.clientId, Instant.now().minusSeconds(3600), 600), "liveness");
            userToken = owner.userToken(USER);
            bobsUserToken = owner.userToken("bob");
            otherUserToken = other.userToken(USER);
            expiredUserToken = TestTokens.userToken(ProfileServer.SIGNING_KEY, TestTokens.claims(TestTokens.ISSUER,
                    TestTokens.AUDIENCE, USER, owner.clientId, Instant.now().minusSeconds(3600), 600));

            ApiKeys apiKeys = server.bean(ApiKeys.class);
            ApiKeys.NewKey revoked = owner.anotherKey(EnumSet.allOf(Scope.class));
            ProfileClient.Reply revokedToken = owner.postForm("/oauth2/token", Map.of("grant_type", "client_credentials",
                    "client_id", revoked.id(), "client_secret", revoked.key()));
            revokedClientToken = revokedToken.json().path("access_token").asText();
            apiKeys.revoke(revoked.id());
            revokedKeyId = revoked.id();
            revokedKey = revoked.key();
            ApiKeys.NewKey expiring = apiKeys.issue(owner.tenant, EnumSet.allOf(Scope.class), Optional.of(Duration.ofDays(1)));
            server.bean(JdbcClient.class).sql("UPDATE api_key SET expires_at = ? WHERE id = ?")
                    .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), expiring.id()).update();
            expiredKeyId = expiring.id();
            expiredKey = expiring.key();
            ApiKeys.NewKey narrow = owner.anotherKey(EnumSet.of(Scope.LIVENESS));
            narrowKeyId = narrow.id();
            narrowKey = narrow.key();
        }

        /** Parameter and field values by name, the owner's; {@code overrides} (name, value, …) replace or (null) drop some. */
        Map<String, String> values(String... overrides) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("userId", USER);
            v.put("id", orderId);
            v.put("auditLogId", auditLogId);
            v.put("reference", session.token());
            v.put("code", USER);
            v.put("encrypted", session.token());
            v.put("capabilities", "liveness");
            v.put("Client-Id", owner.tenant);
            v.put("Session-Id", flowSessionId);
            v.put("step_id", "liveness");
            v.put("grant_type", "client_credentials");
            v.put("client_id", owner.clientId);
            v.put("client_secret", owner.key);
            v.put("user_id", USER);
            for (int i = 0; i < overrides.length; i += 2) {
                if (overrides[i + 1] == null) {
                    v.remove(overrides[i]);
                } else {
                    v.put(overrides[i], overrides[i + 1]);
                }
            }
            return v;
        }

        List<String> secrets() {
            return List.of(owner.tenant, owner.key, session.id(), session.token(), flowSessionId, stepCaptureToken, auditLogId,
                    accessToken, userToken, bobsUserToken);
        }
    }

    // ---- requests from the documents

    private JsonNode document(String group) throws Exception {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(server.managementUri("/actuator/openapi/" + group)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).as("the %s document", group).isEqualTo(200);
        return JSON.readTree(docs.body());
    }

    private static List<Operation> operations(String group, JsonNode docs) {
        List<Operation> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = docs.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> op = o.next();
                all.add(new Operation(group, op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue(), docs));
            }
        }
        return all;
    }

    private static List<String> operationNames(JsonNode docs) {
        return operations("", docs).stream().map(Operation::name).toList();
    }

    /**
     * The operation's request: path, query and header parameters and body fields filled from
     * {@code values} by name (a required one without a value fails the test), {@code headers} added.
     */
    private Reply call(Operation op, Map<String, String> values, Map<String, String> headers) throws Exception {
        String path = op.path;
        StringBuilder query = new StringBuilder();
        Map<String, String> parameterHeaders = new LinkedHashMap<>();
        for (JsonNode parameter : op.op.path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String value = values.get(name);
            boolean required = parameter.path("required").asBoolean(false);
            if (value == null) {
                if (required && in.equals("path")) {
                    fail("%s %s: no value for the %s parameter %s: add it to ProfileAuthMatrixTest.Fixture.values",
                            op.group, op.name(), in, name);
                }
                continue;
            }
            switch (in) {
                case "path" -> path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
                case "query" -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                case "header" -> parameterHeaders.put(name, value);
                default -> fail("%s %s: a %s parameter, which this test cannot send", op.group, op.name(), in);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path + query)).timeout(Duration.ofSeconds(60));
        StringBuilder sent = new StringBuilder(path).append(query);
        parameterHeaders.forEach((k, v) -> {
            if (!headers.containsKey(k)) {
                request.header(k, v);
                sent.append('\n').append(v);
            }
        });
        headers.forEach((k, v) -> {
            request.header(k, v);
            sent.append('\n').append(v);
        });
        JsonNode content = op.op.path("requestBody").path("content");
        if (content.has("application/json")) {
            ObjectNode body = jsonBody(op, content.path("application/json").path("schema"), values);
            sent.append(JSON.writeValueAsString(body));
            request.header("Content-Type", "application/json")
                    .method(op.method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else if (content.has("application/x-www-form-urlencoded")) {
            StringBuilder form = new StringBuilder();
            JsonNode schema = resolve(op.docs, content.path("application/x-www-form-urlencoded").path("schema"));
            for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (values.containsKey(name)) {
                    form.append(form.length() == 0 ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(values.get(name), StandardCharsets.UTF_8));
                }
            }
            sent.append(form);
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(op.method, HttpRequest.BodyPublishers.ofString(form.toString()));
        } else if (content.size() > 0) {
            fail("%s %s takes %s, which ProfileAuthMatrixTest cannot build yet", op.group, op.name(), content.fieldNames().next());
        } else {
            request.method(op.method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), sent.toString());
    }

    /** A JSON body from the schema: fields with a value by name, nested objects filled the same way; required ones must have one. */
    private static ObjectNode jsonBody(Operation op, JsonNode schema, Map<String, String> values) {
        JsonNode resolved = resolve(op.docs, schema);
        Set<String> required = new HashSet<>();
        resolved.path("required").forEach(r -> required.add(r.asText()));
        ObjectNode body = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> p = resolved.path("properties").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> property = p.next();
            String name = property.getKey();
            JsonNode type = resolve(op.docs, property.getValue());
            if (type.path("properties").size() > 0) {
                ObjectNode nested = jsonBody(op, type, values);
                if (nested.size() > 0 || required.contains(name)) {
                    body.set(name, nested);
                }
            } else if (values.containsKey(name)) {
                if ("array".equals(type.path("type").asText())) {
                    ArrayNode array = body.putArray(name);
                    array.add(values.get(name));
                } else {
                    body.put(name, values.get(name));
                }
            } else if (required.contains(name)) {
                fail("%s %s: no value for the required field %s: add it to ProfileAuthMatrixTest.Fixture.values",
                        op.group, op.name(), name);
            }
        }
        return body;
    }

    private static boolean usesField(Operation op, String field) {
        for (JsonNode media : op.op.path("requestBody").path("content")) {
            if (resolve(op.docs, media.path("schema")).path("properties").has(field)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static void writeReport(Map<String, int[]> counts, List<String> rows) throws IOException {
        StringBuilder md = new StringBuilder();
        counts.forEach((group, n) -> md.append("- ").append(group).append(": ").append(n[0]).append(" operations, ")
                .append(n[1]).append(" cells\n"));
        md.append("\n| group | operation | cells (status and seed code; **FAIL** marks a wrong one) |\n|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, md.toString(), StandardCharsets.UTF_8);
    }
}
