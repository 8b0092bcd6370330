package org.openliveness.server.erasure;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Erases a user: in one transaction, asks every feature that keeps {@link PersonalData} to erase
 * the tenant's records of that user id, in the features' erasure order (photos first, the audit
 * trail last; the audit feature then records the erasure itself without the user id). Other
 * tenants' rows, even with the same user id, are untouched. Idempotent.
 */
public final class UserErasure {

    private final List<PersonalData> features;
    private final TransactionOperations transactions;

    public UserErasure(List<PersonalData> features, TransactionOperations transactions) {
        this.features = features.stream().sorted(Comparator.comparingInt(PersonalData::erasureOrder)).toList();
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * What one erasure deleted, by kind of data.
     *
     * @param counts records erased per {@link PersonalData#kind()}, in erasure order
     */
    public record Erased(Map<String, Integer> counts) {

        public Erased {
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        /** Records of this kind erased (0 when the kind is unknown). */
        public int of(String kind) {
            return counts.getOrDefault(kind, 0);
        }
    }

    public Erased erase(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        return transactions.execute(status -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (PersonalData feature : features) {
                counts.merge(feature.kind(), feature.eraseUser(tenantId, userId), Integer::sum);
            }
            return new Erased(counts);
        });
    }
}
