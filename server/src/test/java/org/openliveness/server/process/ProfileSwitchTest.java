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

/** Both profiles of this package set switched off: their paths are not served; the token endpoint still is. */
@SpringBootTest(classes = OpenLivenessServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.port=0", "openliveness.profiles.process.enabled=false",
            "openliveness.profiles.order-status.enabled=false"})
@ContextConfiguration(initializers = TemporaryDataDir.class)
class ProfileSwitchTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void switchedOffProfilesAreNotServed() {
        ResponseEntity<String> process = http.postForEntity("/processes/v1", null, String.class);
        assertThat(process.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> order = http.getForEntity("/api/v2/buy/1/identification/liveness", String.class);
        assertThat(order.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> token = http.postForEntity("/oauth2/token", null, String.class);
        assertThat(token.getStatusCode()).as("the token endpoint is not a profile").isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
