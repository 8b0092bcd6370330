package org.openliveness.server.oauth;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.openliveness.server.apikey.Scope;

/**
 * A verified access token: its client (an active API key), the key's tenant, and the scopes the
 * token was issued with (a subset of the key's).
 *
 * @param clientId   the API key's id
 * @param tenantId   the key's tenant (scope every query by it)
 * @param tenantName the tenant's name
 * @param scopes     the token's scopes, never empty
 * @param expiresAt  when the token stops being accepted
 */
public record AccessToken(String clientId, String tenantId, String tenantName, Set<Scope> scopes, Instant expiresAt) {

    public AccessToken {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
