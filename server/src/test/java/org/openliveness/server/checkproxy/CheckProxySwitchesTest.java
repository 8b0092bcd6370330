package org.openliveness.server.checkproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.FaceEngine;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.TestPhotos;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestTemplate;

/** The operator's switches: the whole profile off; a path prefix, single images off and the selfie on. */
class CheckProxySwitchesTest {

    private final RestTemplate http = CheckProxyContract.client();

    private ResponseEntity<String> post(CheckProxyServer server, String path, String key, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ApiKeys.HEADER, key);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(server.uri(path), HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void switchedOffTheProfileServesNothing() throws Exception {
        try (CheckProxyServer server = new CheckProxyServer(null, "openliveness.profiles.check-proxy.enabled=false")) {
            String key = server.context.getBean(ApiKeys.class).create("sw-" + UUID.randomUUID(), Set.of(Scope.LIVENESS, Scope.AUDIT));
            ResponseEntity<String> r = post(server, "/liveness/init", key, Map.of("userId", "u"));
            assertThat(r.getStatusCode().value()).isEqualTo(404);
            assertThat(r.getBody()).doesNotContain("responseObject");
            assertThat(server.context.getBeanNamesForType(CheckProxyController.class)).isEmpty();
        }
    }

    @Test
    void aPrefixMovesThePathsAndSingleImagesOffAreRefusedWhileASelfieIsReturnedWhenConfigured() throws Exception {
        try (CheckProxyServer server = new CheckProxyServer(null, "openliveness.profiles.check-proxy.path-prefix=/proxy",
                "openliveness.profiles.check-proxy.single-image-enabled=false",
                "openliveness.profiles.check-proxy.include-selfie=true",
                "openliveness.session.enabled-challenges=TURN_LEFT,SMILE,OPEN_MOUTH")) {
            String key = server.context.getBean(ApiKeys.class).create("sw-" + UUID.randomUUID(), Set.of(Scope.LIVENESS, Scope.AUDIT));
            TestPhotos photos = new TestPhotos(server.context.getBean(FaceEngine.class));
            byte[] trusted = CheckProxyContract.jpeg(photos.portrait);
            server.users.put("vera", new CheckProxyServer.UserDetails.Image(trusted));

            assertThat(post(server, "/liveness/init", key, Map.of("userId", "vera")).getBody()).doesNotContain("responseObject");
            JsonNode init = CheckProxyContract.ok(post(server, "/proxy/liveness/init", key, Map.of("userId", "vera")));
            String token = init.path("reference").asText();

            CheckProxyContract.assertError(post(server, "/proxy/liveness/verify", key, Map.of("userId", "vera",
                    "livenessRecord", Map.of("image", Base64.getEncoder().encodeToString(trusted)))), 400, "VERIFICATION_ERROR", null);

            HttpHeaders headers = new HttpHeaders();
            headers.set(ApiKeys.HEADER, key);
            JsonNode session = CheckProxyContract.json(http.exchange(server.uri("/v1/verifications/liveness/" + token), HttpMethod.GET,
                    new HttpEntity<>(headers), String.class));
            CheckProxyContract contract = new CheckProxyContract() {
                @Override
                CheckProxyServer start() {
                    return server;
                }
            };
            contract.server = server;
            contract.http = http;
            contract.photos = photos;
            for (JsonNode c : session.path("challenges")) {
                assertThat(contract.submit(token, c.path("id").asText(), contract.performing(c.path("type").asText()))
                        .getStatusCode().value()).isEqualTo(200);
            }
            JsonNode verified = CheckProxyContract.ok(post(server, "/proxy/liveness/verify", key, Map.of("userId", "vera",
                    "livenessRecord", Map.of("reference", token))));
            assertThat(verified.path("result").asText()).isEqualTo("ACCEPTED");
            byte[] selfie = Base64.getDecoder().decode(verified.path("selfie").asText());
            assertThat(selfie[0] & 0xff).as("a JPEG").isEqualTo(0xff);
            assertThat(selfie[1] & 0xff).isEqualTo(0xd8);
            assertThat(selfie).isNotEqualTo(trusted);

            CheckProxyContract.assertError(http.exchange(server.uri("/proxy/admin/audit/" + UUID.randomUUID()), HttpMethod.GET,
                    new HttpEntity<>(headers), String.class), 400, "ERROR_REQUEST", "Audit log was not found.");
        }
    }

    @Test
    void initiationNoneNeedsSingleImagesAndAPrefixIsAPath() {
        assertThatThrownBy(() -> new CheckProxyProperties(true, "", CheckProxyProperties.Initiation.NONE, null, false, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single-image");
        assertThatThrownBy(() -> new CheckProxyProperties(true, "", CheckProxyProperties.Initiation.TOKEN,
                Map.of("u", CheckProxyProperties.Initiation.NONE), false, false, 0))
                .isInstanceOf(IllegalArgumentException.class);
        CheckProxyProperties perUser = new CheckProxyProperties(true, "", CheckProxyProperties.Initiation.TOKEN,
                Map.of("user 1", CheckProxyProperties.Initiation.NONE), true, false, 0);
        assertThat(perUser.initiationFor("user 1")).isEqualTo(CheckProxyProperties.Initiation.NONE);
        assertThat(perUser.initiationFor("user 2")).isEqualTo(CheckProxyProperties.Initiation.TOKEN);
        assertThatThrownBy(() -> new CheckProxyServer(null, "openliveness.profiles.check-proxy.path-prefix=proxy/"))
                .hasStackTraceContaining("path-prefix");
    }
}
