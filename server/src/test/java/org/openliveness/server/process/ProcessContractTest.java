package org.openliveness.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openliveness.devkit.synth.Expression;
import org.openliveness.engine.FaceEngine;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.oauth.TestTokens;
import org.openliveness.server.session.TestPhotos;
import org.openliveness.server.testing.DatabaseKind;
import org.openliveness.server.testing.FakeUserDetails;
import org.openliveness.server.testing.ProfileClient;
import org.openliveness.server.testing.ProfileClient.Reply;
import org.openliveness.server.testing.ProfileServer;

/**
 * Seed 004 over HTTP, on H2 and on PostgreSQL: {@code POST /processes/v1} with the capabilities
 * liveness and identity, alone and together; the final statuses 3 and 5; {@code liveness} 1 and 2;
 * the identity result; the token's scopes as capabilities; and the refusals.
 */
class ProcessContractTest {

    private static final List<String> TYPES = List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH");
    private static TestPhotos photos;

    private static synchronized TestPhotos photos(ProfileServer server) {
        if (photos == null) {
            photos = new TestPhotos(server.bean(FaceEngine.class));
        }
        return photos;
    }

    private record Tenant(ProfileClient client, TestPhotos photos, String token) {
        String tenantId() {
            return client.server.bean(ApiKeys.class).authenticate(client.key).map(Caller::tenantId).orElseThrow();
        }

        Reply process(Map<String, Object> body) throws Exception {
            return client.postJson("/processes/v1", body, "Authorization", "Bearer " + token);
        }

        /** A session of {@code userId} answered live (or, when {@code live} is false, failing its SMILE). */
        ProfileClient.Session finishedSession(String userId, boolean live) throws Exception {
            ProfileClient.Session s = client.createSession(userId, null, TYPES);
            assertThat(client.reference(s.token(), photos.frontal()).status()).isEqualTo(200);
            if (!live) {
                for (int i = 0; i < 3; i++) {
                    client.answer(s.token(), s.challengeIds().get("SMILE"), photos.performing("TURN_LEFT"));
                }
                return s;
            }
            for (String type : List.of("SMILE", "OPEN_MOUTH", "TURN_LEFT")) {
                Reply r = client.answer(s.token(), s.challengeIds().get(type), photos.performing(type));
                assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
            }
            return s;
        }
    }

    private static Tenant tenant(DatabaseKind kind, Set<Scope> scopes) throws Exception {
        ProfileClient client = new ProfileClient(ProfileServer.on(kind), scopes);
        return new Tenant(client, photos(client.server), client.accessToken(null));
    }

    private static Map<String, Object> body(String subject, List<String> capabilities, String encrypted, byte[] image) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", Map.of("code", subject, "name", "Alice Doe"));
        if (capabilities != null) {
            body.put("capabilities", capabilities);
        }
        if (encrypted != null) {
            body.put("encrypted", encrypted);
        }
        if (image != null) {
            body.put("imageBase64", Base64.getEncoder().encodeToString(image));
        }
        return body;
    }

    private static JsonNode done(Reply r) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        assertThat(r.json().path("status").asInt()).as(r.json().toString()).isEqualTo(3);
        assertThat(r.json().path("id").asText()).hasSize(36);
        assertThat(r.json().has("error")).isFalse();
        return r.json();
    }

    private static void failed(Reply r, String code) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        assertThat(r.json().path("status").asInt()).as(r.json().toString()).isEqualTo(5);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo(code);
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
        assertThat(r.json().has("liveness")).isFalse();
        assertThat(r.json().has("unicoId")).isFalse();
    }

    private static void refused(Reply r, int status, String code) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(status);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo(code);
        assertThat(r.json().has("status")).isFalse();
    }

    private static byte[] blankJpeg() throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    // --- liveness ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void livenessOfALiveSessionIsStatus3Liveness1(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS));
        ProfileClient.Session s = t.finishedSession("alice", true);
        JsonNode r = done(t.process(body("alice", List.of("liveness"), s.token(), null)));
        assertThat(r.path("liveness").asInt()).isEqualTo(1);
        assertThat(r.has("unicoId")).as("identity was not asked").isFalse();
        assertThat(done(t.process(body("alice", null, s.id(), null))).path("liveness").asInt())
                .as("by session id, capabilities from the token").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void livenessOfAFailedSessionIsStatus3Liveness2(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS));
        ProfileClient.Session s = t.finishedSession("alice", false);
        assertThat(done(t.process(body("alice", List.of("liveness"), s.token(), null))).path("liveness").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void livenessOfASessionStillInProgressIsStatus5(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS));
        ProfileClient.Session s = t.client().createSession("alice", null, TYPES);
        failed(t.process(body("alice", List.of("liveness"), s.token(), null)), "LIVENESS_NOT_FINISHED");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSessionOfAnotherSubjectIsStatus5(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS));
        ProfileClient.Session s = t.finishedSession("mallory", true);
        failed(t.process(body("alice", List.of("liveness"), s.token(), null)), "SUBJECT_MISMATCH");
    }

    // --- identity ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void identityAloneMatchesTheSelfieAndAnswersLiveness1WithoutACheck(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.IDENTITY));
        FakeUserDetails.enrol(t.tenantId(), "alice", t.photos().frontal());
        JsonNode same = done(t.process(body("alice", List.of("identity"), null, t.photos().performing("SMILE"))));
        assertThat(same.path("unicoId").path("result").asText()).isEqualTo("yes");
        assertThat(same.path("liveness").asInt()).as("seed 004: identity without liveness answers liveness = 1").isEqualTo(1);

        JsonNode other = done(t.process(body("alice", List.of("identity"), null, t.photos().other(Expression.SMILE))));
        assertThat(other.path("unicoId").path("result").asText()).isEqualTo("no");
        assertThat(other.path("liveness").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void livenessAndIdentityMatchTheLiveSessionsPhoto(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS, Scope.IDENTITY));
        FakeUserDetails.enrol(t.tenantId(), "alice", t.photos().performing("SMILE"));
        ProfileClient.Session s = t.finishedSession("alice", true);
        JsonNode r = done(t.process(body("alice", List.of("liveness", "identity"), s.token(),
                t.photos().other(Expression.SMILE))));
        assertThat(r.path("liveness").asInt()).isEqualTo(1);
        assertThat(r.path("unicoId").path("result").asText()).as("the live face, not the photo sent along, is matched").isEqualTo("yes");

        FakeUserDetails.enrol(t.tenantId(), "bob", t.photos().other(Expression.SMILE));
        Tenant u = tenant(kind, Set.of(Scope.LIVENESS, Scope.IDENTITY));
        FakeUserDetails.enrol(u.tenantId(), "alice", u.photos().other(Expression.SMILE));
        ProfileClient.Session live = u.finishedSession("alice", true);
        JsonNode mismatch = done(u.process(body("alice", null, live.id(), null)));
        assertThat(mismatch.path("liveness").asInt()).isEqualTo(1);
        assertThat(mismatch.path("unicoId").path("result").asText()).as("enrolled face is someone else").isEqualTo("no");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void identityOfASubjectNotEnrolledIsStatus5(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.IDENTITY));
        failed(t.process(body("nobody", List.of("identity"), null, t.photos().frontal())), "USER_NOT_ENROLLED");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void identityWithoutATrustedImageIsStatus5(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.IDENTITY));
        FakeUserDetails.enrol(t.tenantId(), "alice", FakeUserDetails.MISSING);
        failed(t.process(body("alice", List.of("identity"), null, t.photos().frontal())), "USER_DETAILS_MISSING");
        FakeUserDetails.enrol(t.tenantId(), "carol", blankJpeg());
        failed(t.process(body("carol", List.of("identity"), null, t.photos().frontal())), "USER_DETAILS_MISSING");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void identityWhenTheProviderCannotBeAskedIsStatus5(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.IDENTITY));
        FakeUserDetails.enrol(t.tenantId(), "alice", FakeUserDetails.REMOTE);
        failed(t.process(body("alice", List.of("identity"), null, t.photos().frontal())), "ERROR_REMOTE");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSelfieWithoutAFaceIsStatus5(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.IDENTITY));
        FakeUserDetails.enrol(t.tenantId(), "alice", t.photos().frontal());
        failed(t.process(body("alice", List.of("identity"), null, blankJpeg())), "SELFIE_UNUSABLE");
        failed(t.process(body("alice", List.of("identity"), null, "not an image".getBytes())), "SELFIE_UNUSABLE");
    }

    // --- capabilities and authentication -------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aCapabilityTheTokenDoesNotGrantIs403(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS, Scope.IDENTITY));
        String livenessOnly = t.client().accessToken("liveness");
        Reply r = t.client().postJson("/processes/v1", body("alice", List.of("identity"), null, t.photos().frontal()),
                "Authorization", "Bearer " + livenessOnly);
        refused(r, 403, "CAPABILITY_NOT_GRANTED");
        Tenant audit = tenant(kind, Set.of(Scope.AUDIT));
        refused(audit.process(body("alice", null, null, t.photos().frontal())), 403, "CAPABILITY_NOT_GRANTED");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theAccessTokenIsRequiredValidAndUnexpired(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS));
        Map<String, Object> body = body("alice", List.of("liveness"), "ses_x", null);
        Reply missing = t.client().postJson("/processes/v1", body);
        refused(missing, 401, "MISSING_ACCESS_TOKEN");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        refused(t.client().postJson("/processes/v1", body, ApiKeys.HEADER, t.client().key), 401, "MISSING_ACCESS_TOKEN");
        Reply forged = t.client().postJson("/processes/v1", body, "Authorization", "Bearer " + t.token() + "x");
        refused(forged, 401, "INVALID_ACCESS_TOKEN");
        assertThat(forged.header("WWW-Authenticate")).contains("invalid_token");
        String expired = TestTokens.accessToken(ProfileServer.SIGNING_KEY, TestTokens.claims(TestTokens.ISSUER, TestTokens.AUDIENCE,
                t.client().clientId, t.client().clientId, Instant.now().minusSeconds(3600), 600), "liveness");
        refused(t.client().postJson("/processes/v1", body, "Authorization", "Bearer " + expired), 401, "EXPIRED_ACCESS_TOKEN");
        String otherAudience = TestTokens.accessToken(ProfileServer.SIGNING_KEY, TestTokens.claims(TestTokens.ISSUER, "elsewhere",
                t.client().clientId, t.client().clientId, Instant.now(), 600), "liveness");
        refused(t.client().postJson("/processes/v1", body, "Authorization", "Bearer " + otherAudience), 401, "INVALID_ACCESS_TOKEN");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void revokingTheClientRefusesItsTokenOnTheNextCall(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS));
        ProfileClient.Session s = t.client().createSession("alice", null, TYPES);
        failed(t.process(body("alice", List.of("liveness"), s.token(), null)), "LIVENESS_NOT_FINISHED");
        t.client().server.bean(ApiKeys.class).revoke(t.client().clientId);
        refused(t.process(body("alice", List.of("liveness"), s.token(), null)), 401, "INVALID_ACCESS_TOKEN");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void malformedRequestsAre400AndUnknownSessions404(DatabaseKind kind) throws Exception {
        Tenant t = tenant(kind, Set.of(Scope.LIVENESS, Scope.IDENTITY));
        refused(t.process(Map.of("capabilities", List.of("liveness"))), 400, "INVALID_REQUEST");
        refused(t.process(body("alice", List.of("liveness"), null, null)), 400, "INVALID_REQUEST");
        refused(t.process(body("alice", List.of("identity"), null, null)), 400, "INVALID_REQUEST");
        refused(t.process(body("alice", List.of("fingerprint"), null, null)), 400, "INVALID_REQUEST");
        Map<String, Object> badImage = body("alice", List.of("identity"), null, null);
        badImage.put("imageBase64", "***");
        refused(t.process(badImage), 400, "INVALID_REQUEST");
        refused(t.client().send(t.client().request("/processes/v1").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + t.token())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{not json")).build()), 400, "INVALID_REQUEST");
        refused(t.process(body("alice", List.of("liveness"), "ses_unknown", null)), 404, "SESSION_NOT_FOUND");
        Tenant other = tenant(kind, Set.of(Scope.LIVENESS));
        ProfileClient.Session theirs = other.client().createSession("alice", null, TYPES);
        refused(t.process(body("alice", List.of("liveness"), theirs.token(), null)), 404, "SESSION_NOT_FOUND");
    }
}
