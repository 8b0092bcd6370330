package org.openliveness.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

class KeyRotationTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    @TempDir
    Path temp;

    private static SecretKey key(int seed) {
        byte[] bytes = new byte[32];
        new java.util.Random(seed).nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    private static void tenant(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES ('t1', 't1', ?)").param(OffsetDateTime.ofInstant(T0, ZoneOffset.UTC)).update();
    }

    /** A photo row as the service wrote it before key ids: nonce, ciphertext and tag; no key_id. */
    private static String legacyPhoto(JdbcClient jdbc, SecretKey key, byte[] plain) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
        byte[] body = cipher.doFinal(plain);
        byte[] stored = new byte[12 + body.length];
        System.arraycopy(nonce, 0, stored, 0, 12);
        System.arraycopy(body, 0, stored, 12, body.length);
        jdbc.sql("INSERT INTO photo (id, tenant_id, user_id, kind, created_at, content) VALUES (?, 't1', 'u', 'REFERENCE', ?, ?)")
                .params(id, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC), stored).update();
        return id;
    }

    private static List<String> keyIds(JdbcClient jdbc) {
        return jdbc.sql("SELECT COALESCE(key_id, '-') FROM photo ORDER BY id").query(String.class).list();
    }

    private Path keyFile(SecretKey... keys) throws Exception {
        StringBuilder text = new StringBuilder("# photo keys, oldest first\n");
        for (SecretKey k : keys) {
            text.append(Base64.getEncoder().encodeToString(k.getEncoded())).append('\n');
        }
        Path file = temp.resolve("photo.keys");
        Files.writeString(file, text);
        return file;
    }

    private PhotoKeys photoKeys(JdbcClient jdbc, Keyring keyring, Path file, int batch, PhotoStore store) {
        return new PhotoKeys(keyring, file, new KeyRotation(keyring, List.of(store.photos()), batch), new SecureRandom());
    }

    @DatabaseTest
    void rowsWrittenBeforeKeyIdsStillReadUnderAKeyringHoldingTheirKey(TestDatabase db) throws Exception {
        tenant(db.jdbc());
        byte[] plain = "an old photo".getBytes(StandardCharsets.UTF_8);
        String id = legacyPhoto(db.jdbc(), key(1), plain);

        assertThat(new PhotoStore(db.jdbc(), key(1), clock).load("t1", id)).hasValue(plain);
        assertThat(new PhotoStore(db.jdbc(), Keyring.of(List.of(key(1), key(2))), clock).load("t1", id))
                .as("after a rotation added a key").hasValue(plain);
        assertThatThrownBy(() -> new PhotoStore(db.jdbc(), key(2), clock).load("t1", id)).isInstanceOf(PhotoDecryptionException.class);
    }

    @Test
    void sealedDataNamesItsKeyAndOpensUnderAnyKeyringHoldingIt() {
        PhotoStore old = new PhotoStore(JdbcClient.create(new org.springframework.jdbc.datasource.SimpleDriverDataSource()), key(1), clock);
        byte[] sealed = old.seal("session-1", new byte[] {1, 2, 3});
        PhotoStore rotated = new PhotoStore(JdbcClient.create(new org.springframework.jdbc.datasource.SimpleDriverDataSource()),
                Keyring.of(List.of(key(1), key(2))), clock);

        assertThat(PhotoStore.keyIdOf(sealed)).contains(Keyring.idOf(key(1)));
        assertThat(rotated.open("session-1", sealed)).containsExactly(1, 2, 3);
        assertThat(rotated.isCurrent(sealed)).isFalse();
        byte[] resealed = rotated.reseal("session-1", sealed);
        assertThat(PhotoStore.keyIdOf(resealed)).contains(Keyring.idOf(key(2)));
        assertThat(rotated.open("session-1", resealed)).containsExactly(1, 2, 3);
        assertThat(rotated.reseal("session-1", resealed)).as("idempotent").isSameAs(resealed);
        assertThatThrownBy(() -> old.open("session-1", resealed)).isInstanceOf(PhotoDecryptionException.class)
                .hasMessageContaining(Keyring.idOf(key(2))).hasMessageContaining("not in the keyring");
        assertThat(Keyring.idOf(key(1))).hasSize(16).isNotEqualTo(Keyring.idOf(key(2)));
    }

    @DatabaseTest
    void rotateAddsACurrentKeyAndReEncryptsEveryPhotoResumablyAndIdempotently(TestDatabase db) throws Exception {
        JdbcClient jdbc = db.jdbc();
        tenant(jdbc);
        Path file = keyFile(key(1));
        Keyring keyring = Keyring.reading(() -> EncryptionKeyFile.readKeys(file));
        PhotoStore store = new PhotoStore(jdbc, keyring, clock);
        String legacy = legacyPhoto(jdbc, key(1), new byte[] {9});
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store.save("t1", "u", null, PhotoKind.CHALLENGE, "c" + i, new byte[] {(byte) i, 1, 2}));
        }
        PhotoKeys keys = photoKeys(jdbc, keyring, file, 2, store);
        String oldId = Keyring.idOf(key(1));

        String newId = keys.rotate();

        assertThat(newId).isNotEqualTo(oldId).isEqualTo(keyring.current().id());
        assertThat(EncryptionKeyFile.readKeys(file)).hasSize(2);
        assertThat(keys.rotation().pending()).containsExactly(new KeyRotation.Progress("photos", 0, 6));
        // Stop after the first batch, as a crash would.
        List<KeyRotation.Progress> seen = new ArrayList<>();
        assertThatThrownBy(() -> keys.rotation().run(p -> {
            seen.add(p);
            throw new IllegalStateException("interrupted");
        })).hasMessage("interrupted");
        assertThat(seen).containsExactly(new KeyRotation.Progress("photos", 2, 6));
        assertThat(keys.rotation().pending()).containsExactly(new KeyRotation.Progress("photos", 0, 4));
        assertThat(store.load("t1", legacy)).as("old key readable until done").hasValue(new byte[] {9});

        List<KeyRotation.Progress> resumed = new ArrayList<>();
        long done = keys.rotation().run(resumed::add);

        assertThat(done).isEqualTo(4);
        assertThat(resumed).extracting(KeyRotation.Progress::done).containsExactly(2L, 4L);
        assertThat(keyIds(jdbc)).hasSize(6).containsOnly(newId);
        assertThat(store.load("t1", legacy)).hasValue(new byte[] {9});
        for (int i = 0; i < 5; i++) {
            assertThat(store.load("t1", ids.get(i))).hasValue(new byte[] {(byte) i, 1, 2});
        }
        assertThat(keys.rotation().run(p -> { })).as("idempotent").isZero();
        // Once done, the old key may go: everything opens under the new key alone.
        PhotoStore newOnly = new PhotoStore(jdbc, keyring.current().secret(), clock);
        assertThat(newOnly.load("t1", legacy)).hasValue(new byte[] {9});
        assertThat(newOnly.load("t1", ids.get(0))).isPresent();
    }

    @DatabaseTest
    void aProcessWithAnOlderKeyringReadsTheFileAgainWhenItMeetsTheNewKey(TestDatabase db) throws Exception {
        JdbcClient jdbc = db.jdbc();
        tenant(jdbc);
        Path file = keyFile(key(1));
        PhotoStore stale = new PhotoStore(jdbc, Keyring.reading(() -> EncryptionKeyFile.readKeys(file)), clock);
        Keyring keyring = Keyring.reading(() -> EncryptionKeyFile.readKeys(file));
        PhotoStore rotating = new PhotoStore(jdbc, keyring, clock);
        String id = rotating.save("t1", "u", null, PhotoKind.REFERENCE, null, new byte[] {7});
        PhotoKeys keys = photoKeys(jdbc, keyring, file, 10, rotating);

        keys.rotate();
        keys.rotation().run(p -> { });

        assertThat(stale.load("t1", id)).hasValue(new byte[] {7});
    }

    @Test
    void outsideDevModeTheServiceRefusesToStartWithoutAConfiguredKey() {
        Path dataDir = temp.resolve("data");
        StorageProperties none = new StorageProperties(null, Duration.ofDays(1), Duration.ofHours(1));

        assertThatThrownBy(() -> EncryptionKeyFile.keyring(none, dataDir, false, new SecureRandom()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no photo encryption key is configured")
                .hasMessageContaining("--dev").hasMessageContaining("keys generate");
        assertThat(dataDir.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void outsideDevModeAKeyFileInsideTheDataDirectoryIsRefused() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        Path inside = dataDir.resolve("photo.keys");
        Files.writeString(inside, Base64.getEncoder().encodeToString(key(1).getEncoded()) + "\n");
        StorageProperties storage = new StorageProperties(null, inside, Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(5));

        assertThatThrownBy(() -> EncryptionKeyFile.keyring(storage, dataDir, false, new SecureRandom()))
                .hasMessageContaining("lies in the data directory");
        Path outside = keyFile(key(1), key(2));
        Keyring keyring = EncryptionKeyFile.keyring(
                new StorageProperties(null, outside, Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(5)), dataDir, false,
                new SecureRandom());
        assertThat(keyring.keys()).hasSize(2);
        assertThat(keyring.current().id()).isEqualTo(Keyring.idOf(key(2)));
    }

    @Test
    void inDevModeAKeyIsGeneratedBesideTheData() {
        Path dataDir = temp.resolve("data");
        StorageProperties none = new StorageProperties(null, Duration.ofDays(1), Duration.ofHours(1));

        Keyring keyring = EncryptionKeyFile.keyring(none, dataDir, true, new SecureRandom());

        assertThat(dataDir.resolve("encryption.key")).exists();
        assertThat(EncryptionKeyFile.keyring(none, dataDir, true, new SecureRandom()).current().id()).isEqualTo(keyring.current().id());
    }

    @Test
    void inlineKeysAreCommaSeparatedOldestFirst() {
        String inline = Base64.getEncoder().encodeToString(key(1).getEncoded()) + "," + Base64.getEncoder().encodeToString(key(2).getEncoded());

        Keyring keyring = EncryptionKeyFile.keyring(new StorageProperties(inline, Duration.ofDays(1), Duration.ofHours(1)), temp, false,
                new SecureRandom());

        assertThat(keyring.keys()).extracting(Keyring.Key::id).containsExactly(Keyring.idOf(key(1)), Keyring.idOf(key(2)));
        assertThat(keyring.toString()).doesNotContain(Base64.getEncoder().encodeToString(key(1).getEncoded()));
    }
}
