package org.openliveness.server.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.server.storage.PhotoKind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fingerprints of the tenants' accepted photos ({@code replay_fingerprint} table), so that a new
 * photo is compared with every photo of the replay window, not with a capped number of recent
 * sessions, and without reading the ones that cannot match. The session code records each accepted
 * challenge photo and reference selfie, asks for {@link #candidates} before judging a photo, and
 * decides with {@link Fingerprint#samePictureAs} (and with the rule of which kinds may recur: a
 * reference selfie may be the same stored image in several sessions).
 *
 * <p>What "can match" means is the engine's rule, {@link Fingerprint#lookup(int)}: the stored image
 * hash agrees with the probe's on one of {@code maxBits + 1} runs of bands (pigeonhole: a hash
 * within {@code maxBits} bits differs in at most {@code maxBits} runs), and every measure lies
 * within re-encoding noise. Each run is one range on one indexed lookup key
 * ({@code image_key_<band>}), so a lookup is one index range scan per run. With unrelated
 * (random) hashes a run of {@code L} bits lets through 2<sup>−L</sup> of the rows: in all
 * 1 row in 780 at the default {@code maxBits} 4 (runs of 11–15 bits), 1 in 160 at 5, 1 in 25 at 7
 * (measured over random hashes in {@code FingerprintLookupTest}). From 8 bits up the runs are too
 * short to narrow much (at 16, 17 runs of 3–4 bits let through every row about 1.3 times), and the
 * lookup scans the {@code (tenant_id, yaw, pitch)} index instead: {@code samePictureAs} bounds yaw
 * to ±1.5°, a window that holds about 5% of photos whose yaws spread over ±30° (more where most
 * photos are frontal). The threshold between the two plans is {@link #MAX_KEY_SHARE}.
 *
 * <p>Thread-safe. Nothing here logs fingerprints.
 */
public final class ReplayFingerprints {

    /**
     * Largest {@link Fingerprint.Lookup#keyShare()} at which the key ranges are used; above it the
     * ±1.5° yaw window (about 5% of rows, see the class comment) reads fewer rows.
     */
    static final double MAX_KEY_SHARE = 0.05;

    private static final int MAX_ID_LENGTH = 36;
    private static final int MAX_USER_ID_LENGTH = 200;
    private static final String COLUMNS = "id, session_id, kind, created_at, image_hash, face_hash, yaw, pitch, eyes, mouth, smile";
    private static final String KEY_COLUMNS = IntStream.range(0, Fingerprint.LOOKUP_BANDS)
            .mapToObj(ReplayFingerprints::keyColumn).collect(Collectors.joining(", "));
    private static final String INSERT = "INSERT INTO replay_fingerprint (id, tenant_id, session_id, user_id, kind, created_at,"
            + " image_hash, face_hash, yaw, pitch, eyes, mouth, smile, " + KEY_COLUMNS + ") VALUES ("
            + "?, ".repeat(13 + Fingerprint.LOOKUP_BANDS - 1) + "?)";

    private final JdbcClient jdbc;

    public ReplayFingerprints(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** A stored fingerprint that can be the same picture as the probe, and where it came from. */
    public record Candidate(String sessionId, PhotoKind kind, Fingerprint fingerprint, Instant createdAt) {}

    /**
     * Keeps the fingerprint of an accepted photo for the replay window. Every measure must have been
     * taken (a photo's fingerprint, or a burst's completed answer frame): a missing smile score would
     * match any probe under {@link Fingerprint#samePictureAs} but no lookup's bounds.
     *
     * @param createdAt when the photo was taken (server time); the window and the purge count from it
     */
    public void record(String tenantId, String sessionId, String userId, PhotoKind kind, Fingerprint fingerprint, Instant createdAt) {
        requireId("tenantId", tenantId, MAX_ID_LENGTH);
        requireId("sessionId", sessionId, MAX_ID_LENGTH);
        requireId("userId", userId, MAX_USER_ID_LENGTH);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
        if (Double.isNaN(fingerprint.smile())) {
            throw new IllegalArgumentException("a fingerprint is kept with every measure taken; its smile score was not measured");
        }
        List<Object> params = new ArrayList<>(List.of(UUID.randomUUID().toString(), tenantId, sessionId, userId, kind.name(),
                time(createdAt.truncatedTo(ChronoUnit.MICROS)), fingerprint.imageHash(), fingerprint.faceHash(),
                fingerprint.yaw(), fingerprint.pitch(), fingerprint.eyes(), fingerprint.mouth(), fingerprint.smile()));
        for (long key : fingerprint.lookupKeys()) {
            params.add(key);
        }
        jdbc.sql(INSERT).params(params).update();
    }

    /**
     * The tenant's fingerprints recorded at or after {@code since} that can be the same picture as
     * {@code probe} (every one that {@code probe.samePictureAs(stored, maxBits)} accepts, and few
     * others), newest first. However many sessions the tenant had, all are searched.
     *
     * @param maxBits         as for {@link Fingerprint#samePictureAs}, 0 .. {@link Fingerprint#MAX_LOOKUP_BITS}
     * @param exceptSessionId a session whose fingerprints to leave out (the probe's own), or {@code null}
     */
    public List<Candidate> candidates(String tenantId, Fingerprint probe, int maxBits, Instant since, String exceptSessionId) {
        Fingerprint.Lookup lookup = probe.lookup(maxBits);
        Query query = lookupQuery(tenantId, lookup, since, exceptSessionId);
        // A near-duplicate agrees on several runs, so the branches return it more than once.
        Map<String, Candidate> byId = new LinkedHashMap<>();
        jdbc.sql(query.sql()).params(query.params())
                .query((ResultSet rs) -> {
                    byId.putIfAbsent(rs.getString("id"), candidate(rs));
                });
        return byId.values().stream()
                .filter(c -> lookup.admits(c.fingerprint()))
                .sorted(Comparator.comparing(Candidate::createdAt).reversed().thenComparing(Candidate::sessionId))
                .toList();
    }

    /** A statement and its parameters. */
    record Query(String sql, List<Object> params) {}

    /**
     * The statement {@link #candidates} runs: the tenant's rows of the window within the lookup's
     * eyes, mouth and smile bounds, and either (while the key ranges let through at most
     * {@link #MAX_KEY_SHARE} of the rows) one {@code UNION ALL} branch per key range, each served by
     * its key's index, or one branch within the yaw and pitch bounds, served by the yaw index. The
     * key branches leave yaw and pitch to {@link Fingerprint.Lookup#admits} in Java: given both, H2
     * picks the yaw index for them (it ranks indexes by how many conditions they serve).
     */
    static Query lookupQuery(String tenantId, Fingerprint.Lookup lookup, Instant since, String exceptSessionId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(since, "since");
        List<String> branches = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (lookup.keyShare() <= MAX_KEY_SHARE) {
            for (Fingerprint.KeyRange range : lookup.keyRanges()) {
                params.add(tenantId);
                params.add(range.min());
                params.add(range.max());
                branches.add("SELECT " + COLUMNS + " FROM replay_fingerprint WHERE tenant_id = ? AND "
                        + keyColumn(range.band()) + " BETWEEN ? AND ?" + filters(lookup, since, exceptSessionId, params));
            }
        } else {
            params.add(tenantId);
            Collections.addAll(params, lookup.yaw().min(), lookup.yaw().max(), lookup.pitch().min(), lookup.pitch().max());
            branches.add("SELECT " + COLUMNS + " FROM replay_fingerprint WHERE tenant_id = ? AND yaw BETWEEN ? AND ?"
                    + " AND pitch BETWEEN ? AND ?" + filters(lookup, since, exceptSessionId, params));
        }
        return new Query(String.join("\nUNION ALL\n", branches), List.copyOf(params));
    }

    /** The conditions of every branch that no index serves. */
    private static String filters(Fingerprint.Lookup lookup, Instant since, String exceptSessionId, List<Object> params) {
        Collections.addAll(params, lookup.eyes().min(), lookup.eyes().max(), lookup.mouth().min(), lookup.mouth().max(),
                lookup.smile().min(), lookup.smile().max(), time(since));
        String sql = " AND eyes BETWEEN ? AND ? AND mouth BETWEEN ? AND ? AND smile BETWEEN ? AND ? AND created_at >= ?";
        if (exceptSessionId == null) {
            return sql;
        }
        params.add(exceptSessionId);
        return sql + " AND session_id <> ?";
    }

    /** Deletes every fingerprint (of every tenant) recorded before {@code cutoff}; returns how many. */
    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM replay_fingerprint WHERE created_at < ?").param(time(cutoff)).update();
    }

    /** Deletes the fingerprints of one user of one tenant (other tenants' users of that id keep theirs); returns how many. */
    public int eraseUser(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        return jdbc.sql("DELETE FROM replay_fingerprint WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId).update();
    }

    private static Candidate candidate(ResultSet rs) throws SQLException {
        Fingerprint fingerprint = new Fingerprint(rs.getLong("image_hash"), rs.getLong("face_hash"), rs.getDouble("yaw"),
                rs.getDouble("pitch"), rs.getDouble("eyes"), rs.getDouble("mouth"), rs.getDouble("smile"));
        return new Candidate(rs.getString("session_id"), PhotoKind.valueOf(rs.getString("kind")), fingerprint,
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    static String keyColumn(int band) {
        return "image_key_" + band;
    }

    private static void requireId(String name, String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " has 1 to " + maxLength + " characters");
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
