package org.openliveness.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.server.RetentionJob;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

class PhotoStoreTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    private static final SecretKey KEY = new SecretKeySpec(photo(32, 99), "AES");

    private final MutableClock clock = new MutableClock(T0);

    private PhotoStore store(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        for (String tenant : List.of("t1", "t2")) {
            jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?)")
                    .params(tenant, "tenant " + tenant, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC)).update();
        }
        return new PhotoStore(jdbc, KEY, clock);
    }

    private static byte[] photo(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0xFF; // a JPEG starts FF D8 FF
        bytes[1] = (byte) 0xD8;
        return bytes;
    }

    private static byte[] storedContent(TestDatabase db, String id) {
        return db.jdbc().sql("SELECT content FROM photo WHERE id = ?").param(id).query((rs, i) -> rs.getBytes(1)).single();
    }

    @DatabaseTest
    void aSavedPhotoLoadsBackIdenticalButIsStoredEncrypted(TestDatabase db) {
        PhotoStore store = store(db);
        byte[] plain = photo(200_000, 1);

        String id = store.save("t1", "user-1", null, PhotoKind.REFERENCE, null, plain);

        assertThat(store.load("t1", id)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(plain));
        byte[] stored = storedContent(db, id);
        assertThat(stored).hasSize(plain.length + PhotoCipher.overhead(16));
        assertThat(PhotoStore.keyIdOf(stored)).as("the stored bytes name their key").contains(Keyring.idOf(KEY));
        assertThat(stored).isNotEqualTo(plain);
        assertThat(indexOf(stored, Arrays.copyOfRange(plain, 1000, 1032))).as("no plaintext run in the stored bytes").isEqualTo(-1);
        var row = db.jdbc().sql("SELECT tenant_id, user_id, session_id, kind, challenge_id, created_at, key_id FROM photo WHERE id = ?")
                .param(id).query().singleRow();
        assertThat(row).containsEntry("key_id", Keyring.idOf(KEY)).containsEntry("tenant_id", "t1").containsEntry("user_id", "user-1").containsEntry("kind", "REFERENCE")
                .containsEntry("session_id", null).containsEntry("challenge_id", null);
    }

    @DatabaseTest
    void theSamePhotoTwiceIsStoredAsDifferentBytes(TestDatabase db) {
        PhotoStore store = store(db);
        byte[] plain = "same photo".getBytes(StandardCharsets.UTF_8);

        String a = store.save("t1", "u", null, PhotoKind.CHALLENGE, "c1", plain);
        String b = store.save("t1", "u", null, PhotoKind.CHALLENGE, "c1", plain);

        assertThat(storedContent(db, a)).isNotEqualTo(storedContent(db, b));
        int nonceAt = PhotoCipher.overhead(16) - PhotoCipher.NONCE_BYTES - PhotoCipher.TAG_BITS / 8;
        assertThat(Arrays.copyOfRange(storedContent(db, a), nonceAt, nonceAt + 12)).as("nonces differ")
                .isNotEqualTo(Arrays.copyOfRange(storedContent(db, b), nonceAt, nonceAt + 12));
    }

    @DatabaseTest
    void aTamperedOrMovedCiphertextFailsToDecrypt(TestDatabase db) {
        PhotoStore store = store(db);
        String a = store.save("t1", "u", null, PhotoKind.CHALLENGE, "c1", photo(5000, 2));
        String b = store.save("t1", "u", null, PhotoKind.CHALLENGE, "c2", photo(5000, 3));
        String c = store.save("t1", "u", null, PhotoKind.CHALLENGE, "c3", photo(5000, 4));

        byte[] tampered = storedContent(db, a);
        tampered[tampered.length / 2] ^= 0x01;
        db.jdbc().sql("UPDATE photo SET content = ? WHERE id = ?").params(tampered, a).update();
        db.jdbc().sql("UPDATE photo SET content = ? WHERE id = ?").params(storedContent(db, c), b).update();

        assertThatThrownBy(() -> store.load("t1", a)).isInstanceOf(PhotoDecryptionException.class).hasMessageContaining(a);
        assertThatThrownBy(() -> store.load("t1", b)).as("row b holding row c's ciphertext").isInstanceOf(PhotoDecryptionException.class);
        assertThat(store.load("t1", c)).isPresent();
    }

    @DatabaseTest
    void aPhotoEncryptedUnderAnotherKeyFailsToDecrypt(TestDatabase db) {
        PhotoStore store = store(db);
        String id = store.save("t1", "u", null, PhotoKind.REFERENCE, null, photo(100, 5));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        PhotoStore otherStore = new PhotoStore(db.jdbc(), new SecretKeySpec(otherKey, "AES"), clock);

        assertThatThrownBy(() -> otherStore.load("t1", id)).isInstanceOf(PhotoDecryptionException.class);
    }

    @DatabaseTest
    void anotherTenantsPhotoIsAbsent(TestDatabase db) {
        PhotoStore store = store(db);
        String id = store.save("t1", "u", null, PhotoKind.REFERENCE, null, photo(100, 6));

        assertThat(store.load("t2", id)).isEmpty();
        assertThat(store.load("t1", "00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(store.load("t1", id)).isPresent();
    }

    @DatabaseTest
    void purgeDeletesExactlyThePhotosOlderThanTheCutoff(TestDatabase db) {
        PhotoStore store = store(db);
        String oldest = store.save("t1", "u", null, PhotoKind.REFERENCE, null, photo(10, 7));
        clock.advance(Duration.ofDays(10));
        String old = store.save("t2", "v", null, PhotoKind.CHALLENGE, "c", photo(10, 8));
        clock.advance(Duration.ofDays(10));
        Instant cutoff = clock.instant();
        String atCutoff = store.save("t1", "u", null, PhotoKind.REFERENCE, null, photo(10, 9));
        clock.advance(Duration.ofSeconds(1));
        String recent = store.save("t1", "u", null, PhotoKind.REFERENCE, null, photo(10, 10));

        int deleted = store.purgeOlderThan(cutoff);

        assertThat(deleted).isEqualTo(2);
        assertThat(db.jdbc().sql("SELECT id FROM photo").query(String.class).list()).containsExactlyInAnyOrder(atCutoff, recent);
        assertThat(store.load("t1", oldest)).isEmpty();
        assertThat(store.load("t2", old)).isEmpty();
        assertThat(store.purgeOlderThan(cutoff)).isZero();
    }

    @DatabaseTest
    void theRetentionJobPurgesWhatIsOlderThanTheRetentionPeriod(TestDatabase db) {
        PhotoStore store = store(db);
        String expired = store.save("t1", "u", null, PhotoKind.REFERENCE, null, photo(10, 11));
        clock.advance(Duration.ofDays(29));
        String kept = store.save("t1", "u", null, PhotoKind.REFERENCE, null, photo(10, 12));
        clock.advance(Duration.ofDays(2));

        new RetentionJob("photos", store::purgeOlderThan, Duration.ofDays(30), clock).run();

        assertThat(db.jdbc().sql("SELECT id FROM photo").query(String.class).list()).containsExactly(kept).doesNotContain(expired);
    }

    @DatabaseTest
    void invalidArgumentsAreRejectedBeforeAnythingIsStored(TestDatabase db) {
        PhotoStore store = store(db);

        assertThatThrownBy(() -> store.save("t1", "", null, PhotoKind.REFERENCE, null, photo(10, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.save("t1", "u".repeat(201), null, PhotoKind.REFERENCE, null, photo(10, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.save("t1", "u", null, PhotoKind.CHALLENGE, "c".repeat(41), photo(10, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.save("t1", "u", null, PhotoKind.CHALLENGE, "c", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM photo").query(Integer.class).single()).isZero();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
