package db.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.openliveness.engine.verdict.Fingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the replay fingerprints that sessions kept in their JSON state
 * ({@code liveness_session.state}: {@code challenges[].fingerprint}, {@code reference.fingerprint})
 * into {@code replay_fingerprint}, so an upgraded server still recognises the photos of the last
 * replay window. Only sessions created in the last {@value #DEFAULT_HOURS} hours (the default
 * {@code openliveness.replay.window}) are read; a server with a longer window sets the Flyway
 * placeholder {@value #HOURS_PLACEHOLDER} for the upgrade (environment variable
 * {@code SPRING_FLYWAY_PLACEHOLDERS_REPLAYCOPYHOURS=72}; one word, because Spring turns the
 * separators of an environment variable into dots in a map key). A copied
 * fingerprint takes its session's creation time, which is what the replay window was counted from
 * before; a state that is not valid JSON is skipped (and counted in the log), not fatal.
 *
 * <p>Writes the {@code replay_fingerprint} columns of V2 itself rather than through the server's
 * store, so later schema changes cannot break it; the lookup keys come from the engine
 * ({@link Fingerprint#lookupKeys()}), as the store computes them.
 */
public class V3__Copy_replay_fingerprints_from_sessions extends BaseJavaMigration {

    /** Placeholder naming how many hours back sessions are read ({@code spring.flyway.placeholders.replaycopyhours}). */
    public static final String HOURS_PLACEHOLDER = "replaycopyhours";
    static final int DEFAULT_HOURS = 24;

    private static final Logger log = LoggerFactory.getLogger(V3__Copy_replay_fingerprints_from_sessions.class);
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public void migrate(Context context) throws SQLException {
        String configured = context.getConfiguration().getPlaceholders().get(HOURS_PLACEHOLDER);
        long hours = configured == null || configured.isBlank() ? DEFAULT_HOURS : Long.parseLong(configured.strip());
        OffsetDateTime since = Instant.now().minus(Duration.ofHours(hours)).atOffset(ZoneOffset.UTC);
        Connection connection = context.getConnection();
        StringBuilder insert = new StringBuilder("INSERT INTO replay_fingerprint (id, tenant_id, session_id, user_id, kind, created_at,"
                + " image_hash, face_hash, yaw, pitch, eyes, mouth, smile");
        for (int b = 0; b < Fingerprint.LOOKUP_BANDS; b++) {
            insert.append(", image_key_").append(b);
        }
        insert.append(") VALUES (").append("?, ".repeat(12 + Fingerprint.LOOKUP_BANDS)).append("?)");
        int sessions = 0;
        int copied = 0;
        int pending = 0;
        int unreadable = 0;
        try (PreparedStatement select = connection.prepareStatement(
                     "SELECT id, tenant_id, user_id, created_at, state FROM liveness_session WHERE created_at >= ?");
             PreparedStatement write = connection.prepareStatement(insert.toString())) {
            select.setFetchSize(BATCH);
            select.setObject(1, since);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    sessions++;
                    JsonNode state;
                    try {
                        state = JSON.readTree(rs.getString("state"));
                    } catch (JsonProcessingException e) {
                        unreadable++;
                        continue;
                    }
                    Row row = new Row(rs.getString("id"), rs.getString("tenant_id"), rs.getString("user_id"),
                            rs.getObject("created_at", OffsetDateTime.class));
                    for (JsonNode challenge : state.path("challenges")) {
                        pending += add(write, row, "CHALLENGE", challenge.path("fingerprint"));
                    }
                    pending += add(write, row, "REFERENCE", state.path("reference").path("fingerprint"));
                    if (pending >= BATCH) {
                        write.executeBatch();
                        copied += pending;
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
                copied += pending;
            }
        }
        log.info("Copied {} replay fingerprints from {} sessions created since {}{}", copied, sessions, since,
                unreadable == 0 ? "" : "; skipped " + unreadable + " sessions whose state is not valid JSON");
    }

    private record Row(String sessionId, String tenantId, String userId, OffsetDateTime createdAt) {}

    /** Adds one fingerprint to the batch; 0 when the node holds none. */
    private static int add(PreparedStatement write, Row row, String kind, JsonNode node) throws SQLException {
        if (!node.isObject()) {
            return 0;
        }
        Fingerprint f;
        try {
            f = JSON.treeToValue(node, Fingerprint.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return 0;
        }
        int i = 1;
        write.setString(i++, UUID.randomUUID().toString());
        write.setString(i++, row.tenantId());
        write.setString(i++, row.sessionId());
        write.setString(i++, row.userId());
        write.setString(i++, kind);
        write.setObject(i++, row.createdAt());
        write.setLong(i++, f.imageHash());
        write.setLong(i++, f.faceHash());
        write.setDouble(i++, f.yaw());
        write.setDouble(i++, f.pitch());
        write.setDouble(i++, f.eyes());
        write.setDouble(i++, f.mouth());
        write.setDouble(i++, f.smile());
        for (long key : f.lookupKeys()) {
            write.setLong(i++, key);
        }
        write.addBatch();
        return 1;
    }
}
