package org.openliveness.server.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

class EnrolmentStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private EnrolmentStore store(TestDatabase db, MutableClock clock) {
        OffsetDateTime now = OffsetDateTime.ofInstant(T0, ZoneOffset.UTC);
        for (String tenant : new String[] {"t1", "t2"}) {
            db.jdbc().sql("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?)").params(tenant, tenant, now).update();
        }
        return new EnrolmentStore(db.jdbc(), new PhotoStore(db.jdbc(), new SecretKeySpec(new byte[32], "AES"), clock), clock);
    }

    @DatabaseTest
    void putReplacesFindsAndErasesPerTenant(TestDatabase db) {
        MutableClock clock = new MutableClock(T0);
        EnrolmentStore store = store(db, clock);
        byte[] first = {1, 2, 3};
        byte[] second = {4, 5, 6, 7};

        EnrolmentStore.Put put = store.put("t1", "alice", "JPEG", first);
        assertThat(put.created()).isTrue();
        assertThat(put.enrolment()).isEqualTo(new Enrolment("alice", "JPEG", 3, T0));
        assertThat(store.image("t1", "alice").orElseThrow().image()).isEqualTo(first);
        assertThat(store.find("t2", "alice")).isEmpty();
        assertThat(store.image("t2", "alice")).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        store.put("t2", "alice", "PNG", second);
        EnrolmentStore.Put replaced = store.put("t1", "alice", "PNG", second);
        assertThat(replaced.created()).isFalse();
        assertThat(store.find("t1", "alice")).contains(new Enrolment("alice", "PNG", 4, T0.plus(Duration.ofMinutes(1))));
        assertThat(store.image("t1", "alice").orElseThrow().image()).isEqualTo(second);
        assertThat(store.image("t1", "alice").orElseThrow().enrolledAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));

        assertThat(store.eraseUser("t1", "alice")).isEqualTo(1);
        assertThat(store.eraseUser("t1", "alice")).isZero();
        assertThat(store.find("t1", "alice")).isEmpty();
        assertThat(store.find("t2", "alice")).isPresent();
        assertThat(store.delete("t2", "alice")).isTrue();
        assertThat(store.delete("t2", "alice")).isFalse();
    }

    @DatabaseTest
    void sealedImagesDoNotOpenInAnotherRow(TestDatabase db) {
        EnrolmentStore store = store(db, new MutableClock(T0));
        store.put("t1", "alice", "JPEG", new byte[] {1, 2, 3});
        store.put("t1", "bob", "JPEG", new byte[] {9, 9, 9});
        // Copy alice's sealed image into bob's row: it is bound to alice's row id and must not open there.
        db.jdbc().sql("UPDATE enrolment SET image = (SELECT image FROM enrolment WHERE user_id = 'alice') WHERE user_id = 'bob'").update();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.image("t1", "bob"))
                .isInstanceOf(org.openliveness.server.storage.PhotoDecryptionException.class);
    }
}
