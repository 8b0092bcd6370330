package org.openliveness.server.storage;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Photos ({@code photo} table), encrypted with AES-256-GCM before they reach the database (see
 * {@link PhotoCipher} for the stored form). Photos are biometric data: nothing here logs their
 * bytes. Thread-safe.
 */
public final class PhotoStore {

    /** Longest user id ({@code VARCHAR(200)}). */
    public static final int MAX_USER_ID_LENGTH = 200;
    /** Longest challenge id ({@code VARCHAR(40)}). */
    public static final int MAX_CHALLENGE_ID_LENGTH = 40;

    private final JdbcClient jdbc;
    private final PhotoCipher cipher;
    private final Clock clock;

    /** @param key a 256-bit AES key */
    public PhotoStore(JdbcClient jdbc, SecretKey key, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.cipher = new PhotoCipher(key, new SecureRandom());
        this.clock = Objects.requireNonNull(clock, "clock");
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
        jdbc.sql("""
                INSERT INTO photo (id, tenant_id, user_id, session_id, kind, challenge_id, created_at, content)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenantId, userId, sessionId, kind.name(), challengeId,
                        OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC),
                        cipher.encrypt(id, bytes))
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
