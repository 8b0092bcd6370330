package org.openliveness.server.enrolment;

import java.util.List;
import java.util.Objects;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.storage.SealedData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The enrolments' part of a key rotation: each trusted image ({@code enrolment.image}, sealed with
 * the row's id as context) re-sealed under the current key. The table has no key-id column, so the
 * heads of the images are read to tell which are current (one row per enrolled user). A row is
 * rewritten only if it still holds the image that was read; one replaced meanwhile is sealed under
 * the current key already.
 */
final class SealedEnrolmentImages implements SealedData {

    private final JdbcClient jdbc;
    private final PhotoStore photos;

    SealedEnrolmentImages(JdbcClient jdbc, PhotoStore photos) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.photos = Objects.requireNonNull(photos, "photos");
    }

    /** Enough of a sealed image to hold its key id (magic, id length, id of up to 255 characters, nonce, tag). */
    private static final int HEAD_BYTES = 300;

    private record Row(String id, byte[] image) {}

    @Override
    public String kind() {
        return "enrolment images";
    }

    @Override
    public long remaining() {
        return stale(Integer.MAX_VALUE).size();
    }

    @Override
    public int resealBatch(int limit) {
        int done = 0;
        for (String id : stale(limit)) {
            Row row = jdbc.sql("SELECT id, image FROM enrolment WHERE id = ?").param(id)
                    .query((rs, i) -> new Row(rs.getString(1), rs.getBytes(2))).optional().orElse(null);
            if (row == null) {
                continue; // replaced (a new id) or deleted meanwhile
            }
            done += jdbc.sql("UPDATE enrolment SET image = ? WHERE id = ? AND image = ?")
                    .params(photos.reseal(row.id(), row.image()), row.id(), row.image())
                    .update();
        }
        return done;
    }

    /**
     * The ids of up to {@code limit} rows whose image is sealed under another key than the current
     * one, telling them by the head of each image (images are up to 11 MB).
     */
    private List<String> stale(int limit) {
        return jdbc.sql("SELECT id, SUBSTRING(image FROM 1 FOR " + HEAD_BYTES + ") FROM enrolment ORDER BY id")
                .query((rs, i) -> new Row(rs.getString(1), rs.getBytes(2)))
                .list().stream().filter(row -> !photos.isCurrent(row.image())).limit(limit).map(Row::id).toList();
    }
}
