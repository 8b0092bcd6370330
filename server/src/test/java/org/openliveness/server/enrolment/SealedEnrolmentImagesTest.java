package org.openliveness.server.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.server.storage.Keyring;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A key rotation re-seals the enrolled trusted images, in batches, and they read the same after. */
class SealedEnrolmentImagesTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final MutableClock clock = new MutableClock(T0);

    private static SecretKey key(int b) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) b;
        return new SecretKeySpec(bytes, "AES");
    }

    private static List<String> keyIds(JdbcClient jdbc) {
        return jdbc.sql("SELECT image FROM enrolment ORDER BY user_id").query((rs, i) -> rs.getBytes(1)).list().stream()
                .map(image -> PhotoStore.keyIdOf(image).orElse("-")).toList();
    }

    @DatabaseTest
    void aRotationReSealsEveryTrustedImageUnderTheCurrentKeyOnce(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES ('t1', 't1', ?)").param(OffsetDateTime.ofInstant(T0, ZoneOffset.UTC)).update();
        EnrolmentStore old = new EnrolmentStore(jdbc, new PhotoStore(jdbc, key(1), clock), clock);
        for (String user : List.of("ann", "ben", "cid")) {
            old.put("t1", user, "JPEG", user.getBytes());
        }
        byte[] large = new byte[200_000]; // longer than the head read to tell its key
        new java.util.Random(7).nextBytes(large);
        old.put("t1", "dee", "PNG", large);
        PhotoStore rotated = new PhotoStore(jdbc, Keyring.of(List.of(key(1), key(2))), clock);
        SealedEnrolmentImages images = new SealedEnrolmentImages(jdbc, rotated);

        assertThat(images.remaining()).isEqualTo(4);
        assertThat(images.resealBatch(3)).isEqualTo(3);
        assertThat(images.remaining()).as("resumes where it stopped").isEqualTo(1);
        // The one left is replaced meanwhile: the new image is sealed under the current key already.
        String left = jdbc.sql("SELECT user_id, image FROM enrolment ORDER BY user_id")
                .query((rs, i) -> PhotoStore.keyIdOf(rs.getBytes(2)).orElseThrow().equals(Keyring.idOf(key(1))) ? rs.getString(1) : null)
                .list().stream().filter(u -> u != null).findFirst().orElseThrow();
        new EnrolmentStore(jdbc, rotated, clock).put("t1", left, "PNG", (left + " again").getBytes());
        assertThat(images.remaining()).isZero();
        assertThat(images.resealBatch(10)).as("idempotent").isZero();

        assertThat(keyIds(jdbc)).containsOnly(Keyring.idOf(key(2)));
        EnrolmentStore newKeyOnly = new EnrolmentStore(jdbc, new PhotoStore(jdbc, key(2), clock), clock);
        for (String user : List.of("ann", "ben", "cid")) {
            assertThat(newKeyOnly.image("t1", user).orElseThrow().image()).isEqualTo((user.equals(left) ? user + " again" : user).getBytes());
        }
        assertThat(newKeyOnly.image("t1", "dee").orElseThrow().image()).isEqualTo(left.equals("dee") ? "dee again".getBytes() : large);
    }
}
