package org.openliveness.server.tenant;

import java.time.Instant;
import java.util.Objects;

/**
 * An integrating application. Everything stored belongs to one tenant, and no tenant sees another's data.
 *
 * @param id UUID string (36 characters)
 * @param name unique, 1–100 characters, chosen by the operator ({@code apikey create --tenant NAME})
 * @param createdAt server time of creation
 */
public record Tenant(String id, String name, Instant createdAt) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
