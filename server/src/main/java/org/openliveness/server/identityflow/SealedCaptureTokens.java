package org.openliveness.server.identityflow;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.storage.SealedData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The identity flows' part of a key rotation: the capture tokens liveness steps keep while their
 * capture may still run ({@code identity_flow_liveness_step.capture_token}, see {@link IdentityFlows})
 * re-sealed under the current key. The table has no key-id column, so the tokens are read to tell
 * which are current (steps expire with their flow: a small table). A row is rewritten only if it
 * still holds the token that was read (a verified step clears it meanwhile).
 */
final class SealedCaptureTokens implements SealedData {

    private final JdbcClient jdbc;
    private final PhotoStore store;

    SealedCaptureTokens(JdbcClient jdbc, PhotoStore store) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.store = Objects.requireNonNull(store, "store");
    }

    private record Row(String flowId, String stepId, String livenessSessionId, String captureToken) {}

    @Override
    public String kind() {
        return "identity-flow capture tokens";
    }

    @Override
    public long remaining() {
        return stale(Integer.MAX_VALUE).size();
    }

    @Override
    public int resealBatch(int limit) {
        int done = 0;
        for (Row row : stale(limit)) {
            byte[] resealed = store.reseal(IdentityFlows.context(row.flowId(), row.stepId(), row.livenessSessionId()),
                    Base64.getDecoder().decode(row.captureToken()));
            done += jdbc.sql("""
                            UPDATE identity_flow_liveness_step SET capture_token = ?
                            WHERE flow_id = ? AND step_id = ? AND liveness_session_id = ? AND capture_token = ?""")
                    .params(Base64.getEncoder().encodeToString(resealed), row.flowId(), row.stepId(), row.livenessSessionId(),
                            row.captureToken())
                    .update();
        }
        return done;
    }

    /** Up to {@code limit} steps whose token is sealed under another key than the current one. */
    private List<Row> stale(int limit) {
        return jdbc.sql("""
                        SELECT flow_id, step_id, liveness_session_id, capture_token FROM identity_flow_liveness_step
                        WHERE capture_token IS NOT NULL ORDER BY flow_id, step_id""")
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list().stream().filter(row -> !store.isCurrent(Base64.getDecoder().decode(row.captureToken()))).limit(limit).toList();
    }
}
