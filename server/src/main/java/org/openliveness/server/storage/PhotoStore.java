package org.openliveness.server.storage;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Photos ({@code photo} table), encrypted with AES-256-GCM before they reach the database (see
 * {@link PhotoCipher} for the stored form), under the current key of a {@link Keyring}; each row
 * names its key ({@code key_id}). Photos are biometric data: nothing here logs their
 * bytes. Thread-safe.
 */
public final class PhotoStore {

    /** Longest user id ({@code VARCHAR(200)}). */
    public static final int MAX_USER_ID_LENGTH = 200;
    /** Longest challenge id ({@code VARCHAR(40)}). */
    public static final int MAX_CHALLENGE_ID_LENGTH = 40;

    private final JdbcClient jdbc;
    private final Keyring keyring;
    private final PhotoCipher cipher;
    private final Clock clock;

    /** @param key a 256-bit AES key, the only one */
    public PhotoStore(JdbcClient jdbc, SecretKey key, Clock clock) {
        this(jdbc, Keyring.of(key), clock);
    }

    /** @param keyring the current key (seals) and older ones (still open what they sealed) */
    public PhotoStore(JdbcClient jdbc, Keyring keyring, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.cipher = new PhotoCipher(keyring, new SecureRandom());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The keys photos are sealed with. */
    public Keyring keyring() {
        return keyring;
    }

    /**
     * Encrypts other biometric data (face templates, landmarks) with the photo key, bound to
     * {@code context} (for example a session id): the result opens only with the same context.
     */
    public byte[] seal(String context, byte[] plaintext) {
        return cipher.encrypt(context, plaintext);
    }

    /**
     * Opens what {@link #seal} produced.
     *
     * @throws PhotoDecryptionException if the bytes, the context or the key do not match
     */
    public byte[] open(String context, byte[] sealed) {
        return cipher.decrypt(context, sealed);
    }

    /**
     * The id of the key that sealed {@code sealed} (what {@link #seal} produced, or a stored
     * photo), or empty for data sealed before key ids existed.
     */
    public static Optional<String> keyIdOf(byte[] sealed) {
        return PhotoCipher.keyId(sealed);
    }

    /** True when {@code sealed} is sealed under the current key. */
    public boolean isCurrent(byte[] sealed) {
        return cipher.isCurrent(sealed);
    }

    /**
     * {@code sealed} re-sealed under the current key (the same array when it already is), for a
     * {@link SealedData} feature's part of a key rotation.
     *
     * @throws PhotoDecryptionException if it does not open
     */
    public byte[] reseal(String context, byte[] sealed) {
        return cipher.isCurrent(sealed) ? sealed : cipher.encrypt(context, cipher.decrypt(context, sealed));
    }

    /** Photos sealed under a key other than the current one (or before key ids), for a rotation. */
    SealedData photos() {
        return new SealedData() {
            @Override
            public String kind() {
                return "photos";
            }

            @Override
            public long remaining() {
                return jdbc.sql("SELECT COUNT(*) FROM photo WHERE key_id IS NULL OR key_id <> ?")
                        .param(keyring.current().id()).query(Long.class).single();
            }

            @Override
            public int resealBatch(int limit) {
                String current = keyring.current().id();
                record Row(String id, String keyId, byte[] content) {}
                List<Row> rows = jdbc.sql("SELECT id, key_id, content FROM photo WHERE key_id IS NULL OR key_id <> ? ORDER BY id LIMIT ?")
                        .params(current, limit)
                        .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3))).list();
                int done = 0;
                for (Row row : rows) {
                    byte[] resealed = cipher.encrypt(row.id(), cipher.decrypt(row.id(), row.content()));
                    // Only if no one re-sealed it meanwhile (another process's rotation).
                    done += jdbc.sql("UPDATE photo SET content = ?, key_id = ? WHERE id = ? AND "
                                    + (row.keyId() == null ? "key_id IS NULL" : "key_id = ?"))
                            .params(row.keyId() == null
                                    ? List.of(resealed, keyIdOf(resealed).orElseThrow(), row.id())
                                    : List.of(resealed, keyIdOf(resealed).orElseThrow(), row.id(), row.keyId()))
                            .update();
                }
                return done;
            }
        };
    }

    /**
     * Encrypts and stores a photo.
     *
     * @param sessionId the liveness session it belongs to, or {@code null}; deleting the session deletes the photo
     * @param challengeId the challenge it answers, or {@code null}
     * @return the new photo's id (a UUID string)
     */
    public String save(String tenantId, String userId, String sessionId, PhotoKind kind, String challengeId, byte[] bytes) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bytes, "bytes");
        if (userId == null || userId.isEmpty() || userId.length() > MAX_USER_ID_LENGTH) {
            throw new IllegalArgumentException("a user id has 1 to " + MAX_USER_ID_LENGTH + " characters");
        }
        if (challengeId != null && challengeId.length() > MAX_CHALLENGE_ID_LENGTH) {
            throw new IllegalArgumentException("a challenge id has at most " + MAX_CHALLENGE_ID_LENGTH + " characters");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a photo has at least one byte");
        }
        String id = UUID.randomUUID().toString();
        byte[] sealed = cipher.encrypt(id, bytes);
        jdbc.sql("""
                INSERT INTO photo (id, tenant_id, user_id, session_id, kind, challenge_id, created_at, key_id, content)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenantId, userId, sessionId, kind.name(), challengeId,
                        OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC),
                        keyIdOf(sealed).orElseThrow(), sealed)
                .update();
        return id;
    }

    /**
     * The decrypted photo, if it exists and belongs to {@code tenantId} (another tenant's id is
     * simply absent).
     *
     * @throws PhotoDecryptionException if the stored bytes fail authentication
     */
    public Optional<byte[]> load(String tenantId, String photoId) {
        return jdbc.sql("SELECT content FROM photo WHERE id = ? AND tenant_id = ?")
                .params(photoId, tenantId)
                .query((rs, row) -> rs.getBytes(1))
                .optional()
                .map(stored -> cipher.decrypt(photoId, stored));
    }

    /** Deletes one photo of a tenant; true when it existed. */
    public boolean delete(String tenantId, String photoId) {
        return jdbc.sql("DELETE FROM photo WHERE tenant_id = ? AND id = ?").params(tenantId, photoId).update() == 1;
    }

    /** Deletes every photo of the tenant's user; returns how many. */
    public int eraseUser(String tenantId, String userId) {
        return jdbc.sql("DELETE FROM photo WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId).update();
    }

    /** Deletes every photo (of every tenant) created before {@code cutoff}; returns how many. */
    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM photo WHERE created_at < ?")
                .param(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }
}
