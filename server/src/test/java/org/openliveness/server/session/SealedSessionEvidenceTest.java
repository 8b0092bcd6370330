package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.engine.verdict.CannedEvidence;
import org.openliveness.engine.verdict.PhotoEvidence;
import org.openliveness.server.RetentionJob;
import org.openliveness.server.Sha256;
import org.openliveness.server.storage.Keyring;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A key rotation re-seals the evidence in-progress sessions keep; the retention purge deletes finished sessions. */
class SealedSessionEvidenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    private static SecretKey key(int b) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) b;
        return new SecretKeySpec(bytes, "AES");
    }

    private static void session(JdbcClient jdbc, String id, String status, Instant created, String state) {
        jdbc.sql("""
                INSERT INTO liveness_session (id, tenant_id, user_id, token_hash, status, created_at, expires_at, version, state)
                VALUES (?, 't1', 'u', ?, ?, ?, ?, 3, ?)""")
                .params(id, Sha256.hex(id), status, OffsetDateTime.ofInstant(created, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(created.plus(Duration.ofMinutes(10)), ZoneOffset.UTC), state)
                .update();
    }

    private static void tenant(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES ('t1', 't1', ?)").param(OffsetDateTime.ofInstant(T0, ZoneOffset.UTC)).update();
    }

    @DatabaseTest
    void aRotationReSealsTheEvidenceOfInProgressSessionsUnderTheCurrentKey(TestDatabase db) throws Exception {
        JdbcClient jdbc = db.jdbc();
        tenant(jdbc);
        PhotoStore old = new PhotoStore(jdbc, key(1), Clock.systemUTC());
        PhotoEvidence e = CannedEvidence.shot().yaw(12).live(0.5).evidence();
        String challengeEvidence = new SealedEvidence(old, JSON).seal("s1", e);
        String referenceEvidence = new SealedEvidence(old, JSON).seal("s1", e);
        session(jdbc, "s1", "IN_PROGRESS", T0, """
                {"challenges":[{"id":"ch_1","type":"SMILE","status":"MET","attempts":1,"evidence":"%s"},
                               {"id":"ch_2","type":"BLINK","status":"PENDING","attempts":0}],
                 "reference":{"photoId":"p","evidence":"%s"}}""".formatted(challengeEvidence, referenceEvidence));
        PhotoStore rotated = new PhotoStore(jdbc, Keyring.of(List.of(key(1), key(2))), Clock.systemUTC());
        SealedSessionEvidence sessions = new SealedSessionEvidence(jdbc, JSON, rotated);

        assertThat(sessions.remaining()).isEqualTo(2);
        assertThat(sessions.resealBatch(100)).isEqualTo(2);

        assertThat(sessions.remaining()).isZero();
        assertThat(sessions.resealBatch(100)).as("idempotent").isZero();
        JsonNode state = JSON.readTree(jdbc.sql("SELECT state FROM liveness_session WHERE id = 's1'").query(String.class).single());
        String resealed = state.path("challenges").path(0).path("evidence").asText();
        assertThat(PhotoStore.keyIdOf(Base64.getDecoder().decode(resealed))).contains(Keyring.idOf(key(2)));
        assertThat(new SealedEvidence(new PhotoStore(jdbc, key(2), Clock.systemUTC()), JSON).open("s1", resealed, e.fingerprint()).live())
                .as("opens under the new key alone").isEqualTo(0.5);
        assertThat(state.path("challenges").path(1).path("type").asText()).isEqualTo("BLINK");
        assertThat(jdbc.sql("SELECT version FROM liveness_session WHERE id = 's1'").query(Long.class).single()).isEqualTo(4);
    }

    @DatabaseTest
    void theRetentionJobDeletesFinishedSessionsOlderThanTheRetentionWithTheirPhotos(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        tenant(jdbc);
        MutableClock clock = new MutableClock(T0);
        session(jdbc, "old-done", "COMPLETED", T0, "{}");
        session(jdbc, "old-expired", "EXPIRED", T0, "{}");
        session(jdbc, "old-running", "IN_PROGRESS", T0, "{}");
        session(jdbc, "recent", "COMPLETED", T0.plus(Duration.ofDays(20)), "{}");
        PhotoStore photos = new PhotoStore(jdbc, key(1), clock);
        photos.save("t1", "u", "old-done", PhotoKind.CHALLENGE, "ch_1", new byte[] {1});
        RetentionJob job = new RetentionJob("finished sessions", new SessionRepository(jdbc, JSON)::deleteFinishedBefore,
                Duration.ofDays(30), clock);

        job.run();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM liveness_session").query(Integer.class).single()).as("nothing is 30 days old yet").isEqualTo(4);

        clock.advance(Duration.ofDays(31));
        job.run();

        assertThat(jdbc.sql("SELECT id FROM liveness_session ORDER BY id").query(String.class).list())
                .containsExactly("old-running", "recent");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM photo").query(Integer.class).single()).as("photos go with their session").isZero();
    }
}
