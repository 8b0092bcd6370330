package org.openliveness.server.checkproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openliveness.devkit.synth.Expression;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.TestPhotos;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/**
 * The seed-001 contract over HTTP against a running server, built from the seed's examples and
 * tables: every endpoint, field, status value and error code (one test per code). Subclasses run it
 * on H2 and on PostgreSQL. The server takes trusted images from a fake user-details service
 * ({@link CheckProxyServer}), so that every provider answer can be provoked; the built-in
 * enrolment store behind the same endpoints is {@link CheckProxyBuiltInTest}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CheckProxyContract {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The seed's error messages, word for word. */
    static final String REMOTE_MESSAGE = "REST API call failed when fetching User Details.";
    static final String GENERIC_MESSAGE = "Unknown error occurred while processing request.";
    /**
     * The servers' settings: one user listed for NONE, and the challenge types the rendered photos
     * perform reliably (as the two-instance test uses), so a performed capture is judged alive.
     */
    static final String[] SETTINGS = {"openliveness.profiles.check-proxy.user-initiation[single-image-user]=NONE",
        "openliveness.session.enabled-challenges=TURN_LEFT,SMILE,OPEN_MOUTH"};

    CheckProxyServer server;
    RestTemplate http;
    ApiKeys apiKeys;
    JdbcClient jdbc;
    TestPhotos photos;
    byte[] trusted;
    String key;
    String tenantId;

    /** The server under test, started once for the class. */
    abstract CheckProxyServer start() throws Exception;

    void stopDatabase() {
    }

    @BeforeAll
    void startServer() throws Exception {
        server = start();
        apiKeys = server.context.getBean(ApiKeys.class);
        jdbc = server.context.getBean(JdbcClient.class);
        photos = new TestPhotos(server.context.getBean(FaceEngine.class));
        trusted = jpeg(photos.portrait);
        http = client();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        stopDatabase();
    }

    static RestTemplate client() {
        RestTemplate template = new RestTemplate(new JdkClientHttpRequestFactory());
        template.setErrorHandler(new DefaultResponseErrorHandler() {
            @Override
            public boolean hasError(ClientHttpResponse response) {
                return false;
            }
        });
        return template;
    }

    /** A tenant per test: the same rendered photos in one tenant would (rightly) be replays. */
    @BeforeEach
    void newTenant() {
        String tenant = "cp-" + UUID.randomUUID();
        key = apiKeys.create(tenant, Set.of(Scope.LIVENESS, Scope.AUDIT));
        tenantId = jdbc.sql("SELECT id FROM tenant WHERE name = ?").param(tenant).query(String.class).single();
    }

    // ---- helpers ----------------------------------------------------------------------------

    static byte[] jpeg(RgbImage image) {
        return encode(image, "jpeg");
    }

    static byte[] encode(RgbImage image, String format) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.rgb();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int i = 3 * (y * image.width() + x);
                img.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A grey picture: decodable, no face. */
    static byte[] blank() {
        BufferedImage img = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A photo of the user performing a challenge type. */
    byte[] performing(String type) {
        return jpeg(switch (type) {
            case "TURN_LEFT" -> photos.person.turn(30, 0);
            case "TURN_RIGHT" -> photos.person.turn(-30, 0);
            case "LOOK_UP" -> photos.person.turn(0, 20);
            case "SMILE" -> photos.person.expression(Expression.SMILE, 1);
            case "BLINK" -> photos.person.expression(Expression.EYES_CLOSED, 1);
            case "OPEN_MOUTH" -> photos.person.expression(Expression.MOUTH_OPEN, 1);
            default -> throw new IllegalArgumentException(type);
        });
    }

    /** A selfie of the user that is not the trusted image itself (slightly turned). */
    byte[] selfie() {
        return jpeg(photos.person.turn(6, 0));
    }

    ResponseEntity<String> post(String path, String apiKey, Object body) {
        HttpHeaders headers = new HttpHeaders();
        if (apiKey != null) {
            headers.set(ApiKeys.HEADER, apiKey);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return http.exchange(server.uri(path), HttpMethod.POST, new HttpEntity<>(text, headers), String.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ResponseEntity<String> get(String path, String apiKey) {
        HttpHeaders headers = new HttpHeaders();
        if (apiKey != null) {
            headers.set(ApiKeys.HEADER, apiKey);
        }
        return http.exchange(server.uri(path), HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    static JsonNode json(ResponseEntity<String> r) {
        try {
            return JSON.readTree(r.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(r.getBody(), e);
        }
    }

    static JsonNode ok(ResponseEntity<String> r) {
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        return json(r);
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The seed's error body, exactly: status ERROR and responseObject {code, message}. */
    static void assertError(ResponseEntity<String> r, int status, String code, String message) {
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).as(r.getHeaders().toString()).isTrue();
        JsonNode body = json(r);
        assertThat(fields(body)).containsExactly("status", "responseObject");
        assertThat(body.path("status").asText()).isEqualTo("ERROR");
        assertThat(fields(body.path("responseObject"))).containsExactly("code", "message");
        assertThat(body.path("responseObject").path("code").asText()).isEqualTo(code);
        if (message != null) {
            assertThat(body.path("responseObject").path("message").asText()).isEqualTo(message);
        } else {
            assertThat(body.path("responseObject").path("message").asText()).isNotBlank();
        }
    }

    static Map<String, Object> init(String userId) {
        return Map.of("userId", userId);
    }

    static Map<String, Object> verifyImage(String userId, byte[] image) {
        return Map.of("userId", userId, "livenessRecord", Map.of("image", Base64.getEncoder().encodeToString(image)));
    }

    static Map<String, Object> verifyReference(String userId, String reference) {
        return Map.of("userId", userId, "livenessRecord", Map.of("reference", reference));
    }

    String enrolled(String prefix) {
        String userId = prefix + "-" + UUID.randomUUID();
        server.users.put(userId, new CheckProxyServer.UserDetails.Image(trusted));
        return userId;
    }

    /** Inits with TOKEN and answers every challenge through the native capture endpoints, as the capture component does. */
    String capture(String userId, boolean perform) {
        JsonNode initiated = ok(post("/liveness/init", key, init(userId)));
        String token = initiated.path("reference").asText();
        JsonNode session = ok(get("/v1/verifications/liveness/" + token, key));
        for (JsonNode challenge : session.path("challenges")) {
            String type = challenge.path("type").asText();
            for (int attempt = 0; attempt < (perform ? 1 : 3); attempt++) {
                ResponseEntity<String> answered = submit(token, challenge.path("id").asText(),
                        perform ? performing(type) : jpeg(photos.person.turn(0, -3 - attempt)));
                assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.OK);
                if (json(answered).path("status").asText().equals("COMPLETED")) {
                    return token;
                }
            }
        }
        return token;
    }

    ResponseEntity<String> submit(String token, String challengeId, byte[] photo) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("sessionToken", token);
        form.add("challengeId", challengeId);
        form.add("photo", new ByteArrayResource(photo) {
            @Override
            public String getFilename() {
                return "photo.jpg";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange(server.uri("/v1/verifications/liveness/challenge"), HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    JsonNode auditList(String userId, String query) {
        return ok(get("/admin/audit/users/" + userId + query, key));
    }

    /** The id of the user's newest record whose message contains {@code text}. */
    String auditId(String userId, String text) {
        for (JsonNode r : auditList(userId, "").path("records")) {
            if (r.path("message").asText().contains(text)) {
                return r.path("id").asText();
            }
        }
        throw new AssertionError("no audit record of " + userId + " says " + text);
    }

    // ---- /liveness/init ---------------------------------------------------------------------

    @Test
    void initAnswersTokenWithACaptureSessionWhoseReferenceSelfieIsTheTrustedImage() {
        String userId = enrolled("alice");
        JsonNode body = ok(post("/liveness/init", key, init(userId)));
        assertThat(fields(body)).containsExactly("initiationType", "reference");
        assertThat(body.path("initiationType").asText()).isEqualTo("TOKEN");
        String reference = body.path("reference").asText();
        assertThat(reference).startsWith("ses_");

        JsonNode session = ok(get("/v1/verifications/liveness/" + reference, key));
        assertThat(session.path("userId").asText()).isEqualTo(userId);
        assertThat(session.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(session.path("referenceSelfie").asBoolean()).as("the trusted image is the session's reference").isTrue();
        assertThat(auditList(userId, "").path("records").toString())
                .contains("Received request to initiate liveness verification from userId=" + userId + "; initiation type TOKEN.");
    }

    @Test
    void initAnswersNoneWithEmptyReferenceForAUserTheOperatorListed() {
        JsonNode body = ok(post("/liveness/init", key, init("single-image-user")));
        assertThat(fields(body)).containsExactly("initiationType", "reference");
        assertThat(body.path("initiationType").asText()).isEqualTo("NONE");
        assertThat(body.path("reference").isNull()).as(body.toString()).isTrue();
    }

    // ---- /liveness/verify -------------------------------------------------------------------

    @Test
    void verifyWithTheReferenceOfAPerformedCaptureIsAccepted() {
        String userId = enrolled("bob");
        String token = capture(userId, true);
        JsonNode body = ok(post("/liveness/verify", key, verifyReference(userId, token)));
        assertThat(fields(body)).containsExactly("result", "selfie");
        assertThat(body.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(body.path("selfie").isNull()).as("not included by default").isTrue();
    }

    @Test
    void verifyWithTheReferenceOfACaptureWhoseChallengeWasNotPerformedIsRejected() {
        String userId = enrolled("carol");
        String token = capture(userId, false);
        JsonNode body = ok(post("/liveness/verify", key, verifyReference(userId, token)));
        assertThat(body.path("result").asText()).isEqualTo("REJECTED");
    }

    @Test
    void verifyWithAnImageOfTheUserIsAcceptedAndAuditedAsASingleImage() {
        String userId = enrolled("dave");
        JsonNode body = ok(post("/liveness/verify", key, verifyImage(userId, selfie())));
        assertThat(fields(body)).containsExactly("result", "selfie");
        assertThat(body.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(body.path("selfie").isNull()).isTrue();

        JsonNode detail = ok(get("/admin/audit/" + auditId(userId, "resulted in ACCEPTED"), key));
        assertThat(detail.path("params").path("singleImage").asBoolean()).isTrue();
        assertThat(detail.path("params").path("assurance").asText()).isEqualTo("SINGLE_IMAGE");
    }

    @Test
    void verifyWithTheSeedsOwnExampleRequestTakesTheReference() {
        // The seed's example carries both; the reference (a capture session) decides.
        String userId = enrolled("erin");
        String token = capture(userId, true);
        JsonNode body = ok(post("/liveness/verify", key, Map.of("userId", userId,
                "livenessRecord", Map.of("image", "c2VsZmllSW1hZ2U=", "reference", token))));
        assertThat(body.path("result").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void verifyWithTheTrustedImageItselfIsRejected() {
        String userId = enrolled("frank");
        JsonNode body = ok(post("/liveness/verify", key, verifyImage(userId, trusted)));
        assertThat(body.path("result").asText()).isEqualTo("REJECTED");
    }

    // ---- error codes, one test each ------------------------------------------------------------

    @Test
    void errorRequestForInvalidArguments() {
        assertError(post("/liveness/init", key, Map.of()), 400, "ERROR_REQUEST", null);
        assertError(post("/liveness/init", key, "{not json"), 400, "ERROR_REQUEST", "Invalid method arguments.");
        HttpHeaders text = new HttpHeaders();
        text.set(ApiKeys.HEADER, key);
        text.setContentType(MediaType.TEXT_PLAIN);
        assertError(http.exchange(server.uri("/liveness/init"), HttpMethod.POST, new HttpEntity<>("userId=u", text), String.class),
                400, "ERROR_REQUEST", "Invalid method arguments.");
        String userId = enrolled("gina");
        assertError(post("/liveness/verify", key, Map.of("userId", userId)), 400, "ERROR_REQUEST", null);
        assertError(post("/liveness/verify", key, Map.of("userId", userId, "livenessRecord", Map.of())), 400, "ERROR_REQUEST", null);
        assertError(post("/liveness/verify", key, Map.of("userId", userId, "livenessRecord", Map.of("image", "%%% not base64"))),
                400, "ERROR_REQUEST", null);
        assertError(post("/liveness/verify", key, verifyImage(userId, "not an image".getBytes())), 400, "ERROR_REQUEST", null);
        assertError(get("/admin/audit/users/" + userId + "?pageSize=abc", key), 400, "ERROR_REQUEST", "Invalid method arguments.");
    }

    @Test
    void initiationErrorWhenTheTrustedImageShowsNoFace() {
        String userId = "faceless-" + UUID.randomUUID();
        server.users.put(userId, new CheckProxyServer.UserDetails.Image(blank()));
        assertError(post("/liveness/init", key, init(userId)), 400, "INITIATION_ERROR", null);
    }

    @Test
    void userDetailsMissingWhenTheProviderKnowsTheUserWithoutImage() {
        String userId = "no-details-" + UUID.randomUUID();
        server.users.put(userId, new CheckProxyServer.UserDetails.NoImage());
        assertError(post("/liveness/init", key, init(userId)), 400, "USER_DETAILS_MISSING", "User details are not available.");
        assertError(post("/liveness/verify", key, verifyImage(userId, selfie())), 400, "USER_DETAILS_MISSING", null);
    }

    @Test
    void userNotEnrolledWhenTheProviderDoesNotKnowTheUser() {
        String userId = "stranger-" + UUID.randomUUID();
        assertError(post("/liveness/init", key, init(userId)), 400, "USER_NOT_ENROLLED", "User is not enrolled at verification provider.");
        assertError(post("/liveness/verify", key, verifyImage(userId, selfie())), 400, "USER_NOT_ENROLLED", null);
    }

    @Test
    void verificationErrorWhileTheCaptureIsNotFinishedOrForAnotherUser() {
        String userId = enrolled("hank");
        String token = ok(post("/liveness/init", key, init(userId))).path("reference").asText();
        assertError(post("/liveness/verify", key, verifyReference(userId, token)), 400, "VERIFICATION_ERROR", null);
        assertError(post("/liveness/verify", key, verifyReference(enrolled("ivy"), token)), 400, "VERIFICATION_ERROR", null);
    }

    @Test
    void errorNotFoundForAnUnknownReferenceOrPath() {
        String userId = enrolled("jack");
        assertError(post("/liveness/verify", key, verifyReference(userId, "ses_" + "x".repeat(43))), 404, "ERROR_NOT_FOUND", null);
        assertError(get("/liveness/init", key), 404, "ERROR_NOT_FOUND", "Resource not found.");
        assertError(post("/liveness/other", key, init(userId)), 404, "ERROR_NOT_FOUND", "Resource not found.");
    }

    @Test
    void errorRemoteWhenTheUserDetailsServiceFails() {
        String userId = "remote-" + UUID.randomUUID();
        server.users.put(userId, new CheckProxyServer.UserDetails.Fails());
        assertError(post("/liveness/init", key, init(userId)), 409, "ERROR_REMOTE", REMOTE_MESSAGE);
        assertError(post("/liveness/verify", key, verifyImage(userId, selfie())), 409, "ERROR_REMOTE", REMOTE_MESSAGE);
    }

    @Test
    void errorGenericWhenAStoredPhotoCannotBeDecrypted() {
        String userId = enrolled("kim");
        ok(post("/liveness/verify", key, verifyImage(userId, selfie())));
        String id = auditId(userId, "recorded probe image");
        // Damage the stored probe image: its authenticated decryption fails, an internal error.
        jdbc.sql("UPDATE photo SET content = ? WHERE tenant_id = ? AND user_id = ? AND kind = 'PROBE'")
                .params(new byte[64], tenantId, userId).update();
        ResponseEntity<String> r = get("/admin/audit/" + id, key);
        assertError(r, 500, "ERROR_GENERIC", GENERIC_MESSAGE);
        assertThat(r.getBody()).doesNotContain("decrypt").doesNotContain("Exception");
    }

    @Test
    void aMissingOrUnknownKeyIs401AndAMissingScope403InTheSeedsErrorBody() {
        assertError(post("/liveness/init", null, init("u")), 401, "ERROR_UNAUTHORIZED", null);
        assertError(post("/liveness/init", "olk_unknown", init("u")), 401, "ERROR_UNAUTHORIZED", null);
        assertError(get("/admin/audit/users/u", null), 401, "ERROR_UNAUTHORIZED", null);
        String tenant = "cp-" + UUID.randomUUID();
        String livenessOnly = apiKeys.create(tenant, Set.of(Scope.LIVENESS));
        String auditOnly = apiKeys.create(tenant, Set.of(Scope.AUDIT));
        assertError(get("/admin/audit/users/u", livenessOnly), 403, "ERROR_FORBIDDEN", null);
        assertError(get("/admin/audit/" + UUID.randomUUID(), livenessOnly), 403, "ERROR_FORBIDDEN", null);
        assertError(post("/liveness/init", auditOnly, init("u")), 403, "ERROR_FORBIDDEN", null);
        assertError(post("/liveness/verify", auditOnly, verifyImage("u", selfie())), 403, "ERROR_FORBIDDEN", null);
    }

    // ---- audit endpoints --------------------------------------------------------------------

    @Test
    void theAuditListHasTheSeedsFieldsAndMessagesNewestFirst() {
        String userId = enrolled("lena");
        long before = Instant.now().minusSeconds(1).toEpochMilli();
        ok(post("/liveness/verify", key, verifyImage(userId, selfie())));
        long after = Instant.now().plusSeconds(1).toEpochMilli();
        JsonNode list = auditList(userId, "");
        assertThat(fields(list)).containsExactly("records");
        List<String> messages = new ArrayList<>();
        long previous = Long.MAX_VALUE;
        for (JsonNode r : list.path("records")) {
            assertThat(fields(r)).containsExactly("id", "timestamp", "message");
            assertThat(UUID.fromString(r.path("id").asText())).isNotNull();
            long t = r.path("timestamp").asLong();
            assertThat(t).isBetween(before, after).isLessThanOrEqualTo(previous);
            previous = t;
            messages.add(r.path("message").asText());
        }
        assertThat(messages).contains(
                "Received request to verify liveness from userId=" + userId + ".",
                "User with userId=" + userId + " recorded probe image for a single-image check.",
                "Trusted image of user with userId=" + userId + " was used as the reference image.",
                "Liveness verification of userId=" + userId + " resulted in ACCEPTED.");
        assertThat(list.toString()).doesNotContain("probeImage").doesNotContain("params");
    }

    @Test
    void theAuditListPagesAndHonoursTheTimeFrameWithTheSeedsDefaults() {
        String userId = enrolled("mia");
        ok(post("/liveness/verify", key, verifyImage(userId, selfie())));
        // A record from 31 days ago: outside the default frame (30 days before end).
        Instant old = Instant.now().minus(31, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        String oldId = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO audit_event (id, tenant_id, user_id, created_at, message, params) VALUES (?, ?, ?, ?, ?, '{}')")
                .params(oldId, tenantId, userId, OffsetDateTime.ofInstant(old, ZoneOffset.UTC), "VERIFICATION_REQUESTED").update();

        List<String> all = ids(auditList(userId, ""));
        assertThat(all).hasSizeGreaterThanOrEqualTo(4).doesNotContain(oldId);
        assertThat(ids(auditList(userId, "?start=0"))).contains(oldId);
        assertThat(ids(auditList(userId, "?start=" + (old.toEpochMilli() - 1) + "&end=" + (old.toEpochMilli() + 1)))).containsExactly(oldId);

        List<String> page0 = ids(auditList(userId, "?pageSize=2&pageNumber=0"));
        List<String> page1 = ids(auditList(userId, "?pageSize=2&pageNumber=1"));
        assertThat(page0).hasSize(2);
        assertThat(page1).hasSize(2).doesNotContainAnyElementsOf(page0);
        assertThat(ids(auditList(userId, "?pageNumber=50"))).isEmpty();
        assertThat(ids(auditList(userId, "?end=" + (old.toEpochMilli() + 1)))).containsExactly(oldId);

        for (String invalid : List.of("?pageSize=0", "?pageSize=-1", "?pageNumber=-1", "?start=10&end=5", "?start=x", "?end=-5",
                "?pageSize=100000")) {
            assertError(get("/admin/audit/users/" + userId + invalid, key), 400, "ERROR_REQUEST", null);
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("records").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void theAuditDetailCarriesTheUserAndBothImagesAsBase64AndReadingItIsAudited() throws Exception {
        String userId = enrolled("nora");
        byte[] probe = selfie();
        ok(post("/liveness/verify", key, verifyImage(userId, probe)));

        String resultId = auditId(userId, "resulted in");
        JsonNode detail = ok(get("/admin/audit/" + resultId, key));
        assertThat(fields(detail)).containsExactly("id", "timestamp", "message", "params");
        assertThat(detail.path("id").asText()).isEqualTo(resultId);
        assertThat(detail.path("message").asText()).isEqualTo("Liveness verification of userId=" + userId + " resulted in ACCEPTED.");
        JsonNode params = detail.path("params");
        assertThat(params.path("userId").asText()).isEqualTo(userId);
        assertThat(Base64.getDecoder().decode(params.path("probeImage").asText())).isEqualTo(probe);
        assertThat(Base64.getDecoder().decode(params.path("trustedImage").asText())).isEqualTo(trusted);

        JsonNode probeRecord = ok(get("/admin/audit/" + auditId(userId, "recorded probe image"), key));
        assertThat(probeRecord.path("message").asText()).isEqualTo("User with userId=" + userId + " recorded probe image for a single-image check.");
        assertThat(Base64.getDecoder().decode(probeRecord.path("params").path("probeImage").asText())).isEqualTo(probe);
        assertThat(probeRecord.path("params").has("trustedImage")).isFalse();

        assertThat(auditList(userId, "").toString()).contains("Audit log " + resultId + " was read.");
    }

    @Test
    void theAuditDetailLeavesOutAnImageNoLongerStoredAndSaysSo() {
        String userId = enrolled("otto");
        ok(post("/liveness/verify", key, verifyImage(userId, selfie())));
        jdbc.sql("DELETE FROM photo WHERE tenant_id = ? AND user_id = ? AND kind = 'PROBE'").params(tenantId, userId).update();
        JsonNode params = ok(get("/admin/audit/" + auditId(userId, "resulted in"), key)).path("params");
        assertThat(params.has("probeImage")).isFalse();
        assertThat(params.has("trustedImage")).isTrue();
        assertThat(params.path("imageNote").asText()).contains("probeImage").contains("retention");
    }

    @Test
    void anUnknownAuditLogIdIsTheSeedsErrorRequestAndAnotherTenantsRecordIsUnknown() {
        assertError(get("/admin/audit/" + UUID.randomUUID(), key), 400, "ERROR_REQUEST", "Audit log was not found.");
        String userId = enrolled("paul");
        ok(post("/liveness/verify", key, verifyImage(userId, selfie())));
        String id = auditId(userId, "resulted in");
        String otherTenant = apiKeys.create("cp-" + UUID.randomUUID(), Set.of(Scope.AUDIT));
        assertError(get("/admin/audit/" + id, otherTenant), 400, "ERROR_REQUEST", "Audit log was not found.");
    }

    /** For subclasses: the body of a request as a mutable JSON object. */
    static ObjectNode object(Map<String, Object> map) {
        return JSON.valueToTree(new LinkedHashMap<>(map));
    }
}
