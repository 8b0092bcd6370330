package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.verdict.CannedEvidence;
import org.openliveness.engine.verdict.PhotoEvidence;
import org.openliveness.server.storage.PhotoStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Sealed evidence keeps the live probability, and evidence sealed before it existed reads as not measured. */
class SealedEvidenceTest {

    /** Sealing and opening use the photo key only; the store's database is never reached here. */
    private final PhotoStore store = new PhotoStore(JdbcClient.create(new SimpleDriverDataSource()),
            new SecretKeySpec(new byte[32], "AES"), Clock.systemUTC());
    private final ObjectMapper json = new ObjectMapper();
    private final SealedEvidence sealed = new SealedEvidence(store, json);

    @Test
    void theLiveProbabilitySurvivesSealing() {
        PhotoEvidence e = CannedEvidence.shot().yaw(12).live(0.0125).evidence();
        PhotoEvidence opened = sealed.open("s1", sealed.seal("s1", e), e.fingerprint());
        assertThat(opened.live()).isEqualTo(0.0125);
        assertThat(opened.embedding().vector()).isEqualTo(e.embedding().vector());
        assertThat(opened.leftEye()).isEqualTo(e.leftEye());
    }

    @Test
    void notMeasuredStaysNotMeasured() {
        PhotoEvidence e = CannedEvidence.shot().evidence();
        PhotoEvidence opened = sealed.open("s1", sealed.seal("s1", e), e.fingerprint());
        assertThat(opened.liveMeasured()).isFalse();
    }

    @Test
    void evidenceSealedBeforeTheLiveProbabilityExistedReadsAsNotMeasured() {
        PhotoEvidence e = CannedEvidence.shot().evidence();
        StringBuilder landmarks = new StringBuilder();
        for (double v : e.landmarks()) {
            landmarks.append(landmarks.isEmpty() ? "" : ",").append((float) v);
        }
        StringBuilder embedding = new StringBuilder();
        for (float v : e.embedding().vector()) {
            embedding.append(embedding.isEmpty() ? "" : ",").append(v);
        }
        // The body as SealedEvidence wrote it before this change: no "live" property.
        String old = "{\"landmarks\":[" + landmarks + "],\"model\":\"" + e.embedding().model() + "\",\"embedding\":[" + embedding
                + "],\"leftEye\":0.9,\"rightEye\":0.9}";
        String row = Base64.getEncoder().encodeToString(store.seal("s1", old.getBytes(StandardCharsets.UTF_8)));
        PhotoEvidence opened = sealed.open("s1", row, e.fingerprint());
        assertThat(opened.liveMeasured()).as("an old row is 'not measured', never a pass").isFalse();
        assertThat(opened.leftEye()).isEqualTo(0.9);
        assertThat(opened.landmarks()).hasSize(e.landmarks().length);
    }
}
