package org.openliveness.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openliveness.devkit.fuzz.FuzzRun;
import org.openliveness.devkit.fuzz.HostileUploads;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A bounded run of the fuzzer ({@code openliveness fuzz} sends 10,000 of the same cases to a
 * running service; docs/RELIABILITY.md): 13 cases of every kind of hostile upload, bombs that
 * inflate to 256 MiB, to the capture endpoints over HTTP from two clients (no more than the
 * analysis slots of a 2-core machine, so no upload waits for a slot). Every one is answered within
 * 60 s (a slower answer counts as a failed connection), none with a 5xx. The time bound is loose
 * because the build machine may be shared; the running-service figures are in the document.
 */
@IntegrationTest
class HostileUploadsHttpTest {

    @Autowired
    ApiKeys apiKeys;
    @LocalServerPort
    int port;

    @Test
    void everyHostileUploadIsAnsweredWithoutA5xxInBoundedTime() throws Exception {
        String key = apiKeys.create("fuzz-" + UUID.randomUUID(), EnumSet.of(Scope.LIVENESS));
        int count = 13 * HostileUploads.Kind.values().length;
        FuzzRun.Report report = new FuzzRun(URI.create("http://127.0.0.1:" + port), key, Duration.ofSeconds(60))
                .run(1, count, 2, 256L << 20, done -> { });

        assertThat(report.outcomes()).hasSize(count);
        assertThat(report.failures()).as("5xx answers or failed connections (timeouts); slowest: %s", report.slowest().get(0))
                .isEmpty();
        assertThat(report.byKind().keySet()).containsExactlyInAnyOrder(HostileUploads.Kind.values());
        // Nothing hostile was judged a usable photo: every answer is a refusal or a judged non-face.
        assertThat(report.statuses().keySet()).allMatch(s -> s >= 200 && s < 500);
    }
}
