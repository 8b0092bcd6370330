package org.openliveness.server.apikey;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator may see of an API key: never the key itself nor its hash.
 *
 * @param id        the key's id ({@code api_key.id}), which {@link ApiKeys#revoke(String)} takes
 * @param tenant    the tenant's name
 * @param keyPrefix the key's first {@value ApiKeys#PREFIX_LENGTH} characters, to tell it apart
 *                  from the holder's copy
 * @param scopes    never empty
 * @param createdAt server time
 * @param expiresAt when it stops authenticating (exclusive), if ever
 * @param revokedAt when it was revoked, if it was
 */
public record ApiKeyInfo(String id, String tenant, String keyPrefix, Set<Scope> scopes, Instant createdAt,
                         Optional<Instant> expiresAt, Optional<Instant> revokedAt) {

    /** Whether a key authenticates at a given instant. */
    public enum Status { ACTIVE, EXPIRED, REVOKED }

    public ApiKeyInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    /** Revoked wins over expired; a key is expired from its expiry instant on. */
    public Status status(Instant now) {
        if (revokedAt.isPresent()) {
            return Status.REVOKED;
        }
        return expiresAt.filter(expiry -> !now.isBefore(expiry)).isPresent() ? Status.EXPIRED : Status.ACTIVE;
    }
}
