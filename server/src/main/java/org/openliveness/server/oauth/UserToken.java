package org.openliveness.server.oauth;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified user token: an end user of a tenant, vouched for by the tenant's backend (an OAuth
 * client of the tenant) when it asked for the token.
 *
 * @param userId    the end user, as the tenant names them (the sessions' {@code userId})
 * @param clientId  the API key that asked for it
 * @param tenantId  that key's tenant
 * @param expiresAt when it stops being accepted
 */
public record UserToken(String userId, String clientId, String tenantId, Instant expiresAt) {

    public UserToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
