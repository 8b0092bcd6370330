package org.openliveness.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openliveness.server.OpenLivenessServer;
import org.openliveness.server.testing.TemporaryDataDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

/**
 * Both profiles that take access tokens switched off: their paths are not served, nor are the token
 * endpoints (no token would be accepted anywhere), and outside dev mode the service starts without a
 * token-signing key (with a photo key, which it always needs).
 */
@SpringBootTest(classes = OpenLivenessServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.port=0", "openliveness.profiles.process.enabled=false",
            "openliveness.profiles.order-status.enabled=false", "openliveness.dev-mode=false",
            "openliveness.storage.encryption-key=" + ProfileSwitchTest.PHOTO_KEY})
@ContextConfiguration(initializers = TemporaryDataDir.class)
class ProfileSwitchTest {

    /** Base64 of 32 fixed bytes: a photo key for this test's throw-away data only. */
    static final String PHOTO_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Autowired
    TestRestTemplate http;

    @Test
    void switchedOffProfilesAreNotServed() {
        ResponseEntity<String> process = http.postForEntity("/processes/v1", null, String.class);
        assertThat(process.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> order = http.getForEntity("/api/v2/buy/1/identification/liveness", String.class);
        assertThat(order.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> token = http.postForEntity("/oauth2/token", null, String.class);
        assertThat(token.getStatusCode()).as("no profile takes access tokens").isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> userToken = http.postForEntity("/oauth2/user-token", null, String.class);
        assertThat(userToken.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
