package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.server.storage.Keyring;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A key rotation re-seals the session tokens idempotency keys keep; a replay still answers the same token. */
class SealedIdempotencyTokensTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final MutableClock clock = new MutableClock(T0);

    private static SecretKey key(int b) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) b;
        return new SecretKeySpec(bytes, "AES");
    }

    @DatabaseTest
    void aRotationReSealsEveryKeptTokenUnderTheCurrentKeyOnce(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES ('t1', 't1', ?)").param(OffsetDateTime.ofInstant(T0, ZoneOffset.UTC)).update();
        IdempotencyKeys old = new IdempotencyKeys(jdbc, new PhotoStore(jdbc, key(1), clock), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(old.record("t1", "key-" + i, "hash-" + i, "u", "session-" + i, "ses_token" + i)).isTrue();
        }
        SealedIdempotencyTokens tokens = new SealedIdempotencyTokens(jdbc, new PhotoStore(jdbc, Keyring.of(List.of(key(1), key(2))), clock));

        assertThat(tokens.remaining()).isEqualTo(3);
        assertThat(tokens.resealBatch(2)).isEqualTo(2);
        assertThat(tokens.remaining()).as("resumes where it stopped").isEqualTo(1);
        assertThat(tokens.resealBatch(2)).isEqualTo(1);
        assertThat(tokens.remaining()).isZero();
        assertThat(tokens.resealBatch(2)).as("idempotent").isZero();

        assertThat(jdbc.sql("SELECT sealed_token FROM idempotency_key").query(String.class).list())
                .extracting(t -> PhotoStore.keyIdOf(Base64.getDecoder().decode(t)).orElse("-")).containsOnly(Keyring.idOf(key(2)));
        IdempotencyKeys newKeyOnly = new IdempotencyKeys(jdbc, new PhotoStore(jdbc, key(2), clock), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(newKeyOnly.find("t1", "key-" + i)).contains(new IdempotencyKeys.Entry("session-" + i, "hash-" + i, "ses_token" + i));
        }
    }
}
