package org.openliveness.server.checkproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openliveness.engine.FaceEngine;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The seed-001 profile with the defaults: trusted images from the built-in enrolment store
 * ({@code PUT /v1/users/{userId}/enrolment}), the seed's own paths, {@code TOKEN} initiation, no selfie.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckProxyBuiltInTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ApiKeys apiKeys;
    @Autowired
    FaceEngine engine;

    TestPhotos photos;

    @BeforeAll
    void render() {
        photos = new TestPhotos(engine);
    }

    private ResponseEntity<String> post(String path, String key, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> enrol(String key, String userId, byte[] image) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("image", new ByteArrayResource(image) {
            @Override
            public String getFilename() {
                return "face.jpg";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange("/v1/users/{u}/enrolment", HttpMethod.PUT, new HttpEntity<>(form, headers), String.class, userId);
    }

    @Test
    void anEnrolledUserIsInitiatedWithATokenAndASelfieOfTheUserIsAcceptedWithoutSelfieInTheReply() {
        String key = apiKeys.create("cpb-" + UUID.randomUUID(), Set.of(Scope.LIVENESS, Scope.IDENTITY));
        byte[] trusted = CheckProxyContract.jpeg(photos.portrait);
        assertThat(enrol(key, "ulla", trusted).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        JsonNode init = CheckProxyContract.ok(post("/liveness/init", key, Map.of("userId", "ulla")));
        assertThat(init.path("initiationType").asText()).as("TOKEN by default").isEqualTo("TOKEN");
        assertThat(init.path("reference").asText()).startsWith("ses_");

        String selfie = Base64.getEncoder().encodeToString(CheckProxyContract.jpeg(photos.person.turn(6, 0)));
        JsonNode verified = CheckProxyContract.ok(post("/liveness/verify", key,
                Map.of("userId", "ulla", "livenessRecord", Map.of("image", selfie))));
        assertThat(verified.path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(verified.has("selfie")).isTrue();
        assertThat(verified.path("selfie").isNull()).as("not included by default").isTrue();

        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        http.exchange("/v1/users/{u}/enrolment", HttpMethod.DELETE, new HttpEntity<>(headers), String.class, "ulla");
        CheckProxyContract.assertError(post("/liveness/init", key, Map.of("userId", "ulla")), 400, "USER_NOT_ENROLLED",
                "User is not enrolled at verification provider.");
    }

    @Test
    void theNativeApiKeepsItsProblemsBesideTheProfile() throws Exception {
        String key = apiKeys.create("cpb-" + UUID.randomUUID(), Set.of(Scope.LIVENESS));
        ResponseEntity<String> nativeError = post("/v1/verifications/liveness/session", key, Map.of());
        assertThat(nativeError.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nativeError.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(CheckProxyContract.JSON.readTree(nativeError.getBody()).has("code")).isTrue();
    }
}
