package org.openliveness.server.session;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.storage.SealedData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The idempotency keys' part of a key rotation: the session tokens they keep
 * ({@code idempotency_key.sealed_token}, see {@link IdempotencyKeys}) re-sealed under the current
 * key. The table has no key-id column, so the tokens are read to tell which are current (keys live
 * for a day: a small table). A row is rewritten only if it still holds the token that was read.
 */
final class SealedIdempotencyTokens implements SealedData {

    private final JdbcClient jdbc;
    private final PhotoStore sealer;

    SealedIdempotencyTokens(JdbcClient jdbc, PhotoStore sealer) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    private record Row(String tenantId, String key, String sealedToken) {}

    @Override
    public String kind() {
        return "idempotency keys";
    }

    @Override
    public long remaining() {
        return stale(Integer.MAX_VALUE).size();
    }

    @Override
    public int resealBatch(int limit) {
        int done = 0;
        for (Row row : stale(limit)) {
            byte[] resealed = sealer.reseal(IdempotencyKeys.context(row.tenantId(), row.key()),
                    Base64.getDecoder().decode(row.sealedToken()));
            done += jdbc.sql("UPDATE idempotency_key SET sealed_token = ? WHERE tenant_id = ? AND idem_key = ? AND sealed_token = ?")
                    .params(Base64.getEncoder().encodeToString(resealed), row.tenantId(), row.key(), row.sealedToken())
                    .update();
        }
        return done;
    }

    /** Up to {@code limit} rows whose token is sealed under another key than the current one. */
    private List<Row> stale(int limit) {
        return jdbc.sql("SELECT tenant_id, idem_key, sealed_token FROM idempotency_key ORDER BY tenant_id, idem_key")
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list().stream().filter(row -> !sealer.isCurrent(Base64.getDecoder().decode(row.sealedToken()))).limit(limit).toList();
    }
}
