package org.openliveness.server.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.TestPhotos;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
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

/** The enrolment store's API over HTTP, with a real face and the built-in user-details provider. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    FaceEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsProvider userDetails;

    byte[] faceJpeg;
    byte[] facePng;
    String key;
    String tenantId;

    @BeforeAll
    void render() {
        RgbImage portrait = new TestPhotos(engine).portrait;
        faceJpeg = encode(portrait, "jpeg");
        facePng = encode(portrait, "png");
    }

    @BeforeEach
    void newTenant() {
        String tenant = "it-" + UUID.randomUUID();
        key = apiKeys.create(tenant, Set.of(Scope.IDENTITY));
        tenantId = jdbc.sql("SELECT id FROM tenant WHERE name = ?").param(tenant).query(String.class).single();
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
        return write(img, format);
    }

    /** A uniformly grey picture: decodable, no face. */
    static byte[] blank(String format) {
        BufferedImage img = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        return write(img, format);
    }

    private static byte[] write(BufferedImage img, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ResponseEntity<String> put(String apiKey, String userId, byte[] image) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("image", new ByteArrayResource(image) {
            @Override
            public String getFilename() {
                return "face";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, apiKey);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange("/v1/users/{u}/enrolment", HttpMethod.PUT, new HttpEntity<>(form, headers), String.class, userId);
    }

    private ResponseEntity<String> call(HttpMethod method, String apiKey, String path, Object... vars) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, apiKey);
        return http.exchange(path, method, new HttpEntity<>(headers), String.class, vars);
    }

    private static JsonNode json(ResponseEntity<String> r) throws IOException {
        return JSON.readTree(r.getBody());
    }

    @Test
    void enrolReadReplaceAndDelete() throws Exception {
        ResponseEntity<String> created = put(key, "alice", faceJpeg);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json(created);
        assertThat(body.path("userId").asText()).isEqualTo("alice");
        assertThat(body.path("format").asText()).isEqualTo("JPEG");
        assertThat(body.path("sizeBytes").asInt()).isEqualTo(faceJpeg.length);
        assertThat(body.has("enrolledAt")).isTrue();
        assertThat(created.getBody()).doesNotContain("image\"");

        ResponseEntity<String> read = call(HttpMethod.GET, key, "/v1/users/{u}/enrolment", "alice");
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(read).path("format").asText()).isEqualTo("JPEG");
        assertThat(userDetails.trustedImage(tenantId, "alice").image()).isEqualTo(faceJpeg);

        ResponseEntity<String> replaced = put(key, "alice", facePng);
        assertThat(replaced.getStatusCode()).as(replaced.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(replaced).path("format").asText()).isEqualTo("PNG");
        assertThat(userDetails.trustedImage(tenantId, "alice").image()).isEqualTo(facePng);

        assertThat(call(HttpMethod.DELETE, key, "/v1/users/{u}/enrolment", "alice").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> gone = call(HttpMethod.GET, key, "/v1/users/{u}/enrolment", "alice");
        assertThat(gone.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json(gone).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(call(HttpMethod.DELETE, key, "/v1/users/{u}/enrolment", "alice").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> userDetails.trustedImage(tenantId, "alice"))
                .isInstanceOf(UserDetailsException.NotEnrolled.class);

        assertThat(jdbc.sql("SELECT message FROM audit_event WHERE tenant_id = ? AND user_id = 'alice' ORDER BY created_at")
                .param(tenantId).query(String.class).list())
                .containsSubsequence("TRUSTED_IMAGE_ENROLLED", "TRUSTED_IMAGE_ENROLLED", "TRUSTED_IMAGE_DELETED");
    }

    @Test
    void theImageIsStoredEncrypted() {
        assertThat(put(key, "bob", faceJpeg).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        byte[] stored = jdbc.sql("SELECT image FROM enrolment WHERE tenant_id = ? AND user_id = 'bob'")
                .param(tenantId).query((rs, n) -> rs.getBytes(1)).single();
        assertThat(stored.length).isEqualTo(faceJpeg.length + 28);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(java.util.Arrays.copyOfRange(faceJpeg, 0, 64), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(stored[0] == (byte) 0xff && stored[1] == (byte) 0xd8).isFalse();
    }

    @Test
    void anImageWithoutAFaceIsRefusedAndNotStored() throws Exception {
        ResponseEntity<String> r = put(key, "carol", blank("png"));
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json(r).path("code").asText()).isEqualTo("NO_FACE");
        assertThat(call(HttpMethod.GET, key, "/v1/users/{u}/enrolment", "carol").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void onlyJpegAndPngAreEnrolled() throws Exception {
        ResponseEntity<String> gif = put(key, "dave", blank("gif"));
        assertThat(gif.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(json(gif).path("code").asText()).isEqualTo("UNSUPPORTED_PHOTO_FORMAT");
        ResponseEntity<String> empty = put(key, "dave", new byte[0]);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> truncated = put(key, "dave", java.util.Arrays.copyOf(faceJpeg, 200));
        assertThat(truncated.getStatusCode()).as(truncated.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(truncated).path("code").asText()).isEqualTo("CORRUPT_PHOTO");
    }

    @Test
    void theIdentityScopeIsNeededAndAKeyAtAll() throws Exception {
        String livenessOnly = apiKeys.create("it-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        ResponseEntity<String> r = put(livenessOnly, "erin", faceJpeg);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(json(r).path("code").asText()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(call(HttpMethod.GET, livenessOnly, "/v1/users/{u}/enrolment", "erin").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "olk_unknown", "/v1/users/{u}/enrolment", "erin").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anotherTenantSeesNoEnrolment() {
        assertThat(put(key, "frank", faceJpeg).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String other = apiKeys.create("it-" + UUID.randomUUID(), Set.of(Scope.IDENTITY));
        assertThat(call(HttpMethod.GET, other, "/v1/users/{u}/enrolment", "frank").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.DELETE, other, "/v1/users/{u}/enrolment", "frank").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.GET, key, "/v1/users/{u}/enrolment", "frank").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void erasingTheUserErasesTheEnrolment() {
        assertThat(put(key, "gina", faceJpeg).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String admin = apiKeys.create("it-" + UUID.randomUUID(), Set.of(Scope.ADMIN));
        // The erasure is per tenant: a key of the same tenant with the admin scope.
        String sameTenantAdmin = apiKeys.create(jdbc.sql("SELECT name FROM tenant WHERE id = ?").param(tenantId)
                .query(String.class).single(), Set.of(Scope.ADMIN));
        assertThat(call(HttpMethod.DELETE, admin, "/v1/users/{u}", "gina").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.GET, key, "/v1/users/{u}/enrolment", "gina").getStatusCode())
                .as("another tenant's erasure leaves it").isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.DELETE, sameTenantAdmin, "/v1/users/{u}", "gina").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.GET, key, "/v1/users/{u}/enrolment", "gina").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM enrolment WHERE tenant_id = ?").param(tenantId).query(Integer.class).single()).isZero();
    }
}
