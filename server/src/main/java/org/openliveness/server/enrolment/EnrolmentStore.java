package org.openliveness.server.enrolment;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openliveness.server.storage.PhotoStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The built-in enrolment store ({@code enrolment} table): one trusted image per user of a tenant,
 * sealed with the photo key ({@link PhotoStore#seal}, bound to the row's id) before it reaches the
 * database. Checks nothing about the image: {@link Enrolments} does. Thread-safe.
 */
public final class EnrolmentStore {

    private final JdbcClient jdbc;
    private final PhotoStore photos;
    private final Clock clock;

    public EnrolmentStore(JdbcClient jdbc, PhotoStore photos, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.photos = Objects.requireNonNull(photos, "photos");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What {@link #put} did: the stored metadata, and whether the user had no enrolment before. */
    public record Put(Enrolment enrolment, boolean created) {
    }

    /** Stores {@code image} as the user's trusted image, replacing any earlier one. */
    public Put put(String tenantId, String userId, String format, byte[] image) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        Enrolment enrolment = new Enrolment(userId, format, image.length, now);
        for (int attempt = 0; ; attempt++) {
            String id = UUID.randomUUID().toString();
            byte[] sealed = photos.seal(id, image);
            int updated = jdbc.sql("""
                    UPDATE enrolment SET id = ?, image_format = ?, image_bytes = ?, enrolled_at = ?, image = ?
                    WHERE tenant_id = ? AND user_id = ?""")
                    .params(id, format, image.length, at, sealed, tenantId, userId)
                    .update();
            if (updated == 1) {
                return new Put(enrolment, false);
            }
            try {
                jdbc.sql("""
                        INSERT INTO enrolment (tenant_id, user_id, id, image_format, image_bytes, enrolled_at, image)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                        .params(tenantId, userId, id, format, image.length, at, sealed)
                        .update();
                return new Put(enrolment, true);
            } catch (DuplicateKeyException raced) {
                if (attempt > 0) {
                    throw raced;
                }
                // Another request enrolled the user between our update and insert: update theirs.
            }
        }
    }

    /** The user's enrolment without the image. */
    public Optional<Enrolment> find(String tenantId, String userId) {
        return jdbc.sql("SELECT image_format, image_bytes, enrolled_at FROM enrolment WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId)
                .query((rs, row) -> new Enrolment(userId, rs.getString(1), rs.getInt(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * The user's trusted image, decrypted.
     *
     * @throws org.openliveness.server.storage.PhotoDecryptionException if the stored bytes fail authentication
     */
    public Optional<TrustedImage> image(String tenantId, String userId) {
        return jdbc.sql("SELECT id, enrolled_at, image FROM enrolment WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId)
                .query((rs, row) -> new TrustedImage(userId, photos.open(rs.getString(1), rs.getBytes(3)),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Deletes the user's enrolment; true when there was one. */
    public boolean delete(String tenantId, String userId) {
        return eraseUser(tenantId, userId) == 1;
    }

    /** Deletes the user's enrolment; returns how many rows (0 or 1). */
    public int eraseUser(String tenantId, String userId) {
        return jdbc.sql("DELETE FROM enrolment WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId).update();
    }
}
