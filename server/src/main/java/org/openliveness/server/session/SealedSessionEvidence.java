package org.openliveness.server.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.storage.SealedData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sessions' part of a key rotation: the sealed evidence ({@link SealedEvidence}) that in-progress
 * sessions keep in {@code liveness_session.state} (challenges' and the reference's
 * {@code evidence}), re-sealed under the current key. Finished sessions keep none. Each row is
 * rewritten only if no upload changed it meanwhile ({@code version}); one that did is taken again
 * by the next batch.
 */
final class SealedSessionEvidence implements SealedData {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final PhotoStore store;

    SealedSessionEvidence(JdbcClient jdbc, ObjectMapper json, PhotoStore store) {
        this.jdbc = jdbc;
        this.json = json;
        this.store = store;
    }

    private record Row(String id, long version, String state) {}

    @Override
    public String kind() {
        return "session evidence";
    }

    @Override
    public long remaining() {
        long stale = 0;
        for (Row row : inProgress(Integer.MAX_VALUE)) {
            for (TextSlot slot : slots(tree(row))) {
                stale += store.isCurrent(Base64.getDecoder().decode(slot.text())) ? 0 : 1;
            }
        }
        return stale;
    }

    @Override
    public int resealBatch(int limit) {
        int resealed = 0;
        for (Row row : inProgress(Integer.MAX_VALUE)) {
            if (resealed >= limit) {
                break;
            }
            ObjectNode state = tree(row);
            int changed = 0;
            for (TextSlot slot : slots(state)) {
                byte[] sealed = Base64.getDecoder().decode(slot.text());
                if (!store.isCurrent(sealed)) {
                    slot.owner().put("evidence", Base64.getEncoder().encodeToString(store.reseal(row.id(), sealed)));
                    changed++;
                }
            }
            if (changed > 0 && jdbc.sql("UPDATE liveness_session SET state = ?, version = version + 1 WHERE id = ? AND version = ?")
                    .params(state.toString(), row.id(), row.version()).update() == 1) {
                resealed += changed;
            }
        }
        return resealed;
    }

    private List<Row> inProgress(int limit) {
        return jdbc.sql("SELECT id, version, state FROM liveness_session WHERE status = ? ORDER BY id LIMIT ?")
                .params(SessionStatus.IN_PROGRESS.name(), limit)
                .query((rs, i) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
    }

    private ObjectNode tree(Row row) {
        try {
            return (ObjectNode) json.readTree(row.state());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("stored session state of " + row.id() + " is not a JSON object", e);
        }
    }

    /** An {@code evidence} text and the object holding it. */
    private record TextSlot(ObjectNode owner, String text) {}

    private static List<TextSlot> slots(ObjectNode state) {
        List<TextSlot> slots = new ArrayList<>();
        for (JsonNode challenge : state.path("challenges")) {
            add(slots, challenge);
        }
        add(slots, state.path("reference"));
        return slots;
    }

    private static void add(List<TextSlot> slots, JsonNode owner) {
        if (owner instanceof ObjectNode object && object.path("evidence").isTextual()) {
            slots.add(new TextSlot(object, object.get("evidence").asText()));
        }
    }
}
