package org.openliveness.server.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code tenant} table. Thread-safe. */
public final class Tenants {

    /** Longest tenant name ({@code tenant.name} is {@code VARCHAR(100)}). */
    public static final int MAX_NAME_LENGTH = 100;

    private final JdbcClient jdbc;
    private final Clock clock;

    public Tenants(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The tenant with this name, created if absent. A concurrent creation of the same name
     * yields one row, seen by both callers.
     *
     * @throws IllegalArgumentException if the name is blank, longer than 100 characters or has
     *     leading/trailing whitespace or control characters
     */
    public Tenant findOrCreate(String name) {
        requireValidName(name);
        Optional<Tenant> existing = findByName(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode): a concurrent creation of
        // the same name leaves one row and no failed statement, so this also works inside a transaction.
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(UUID.randomUUID().toString(), name, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return findByName(name).orElseThrow(() -> new IllegalStateException("tenant row vanished after insert"));
    }

    public Optional<Tenant> findByName(String name) {
        return jdbc.sql("SELECT id, name, created_at FROM tenant WHERE name = ?").param(name)
                .query(Tenants::map).optional();
    }

    public Optional<Tenant> findById(String id) {
        return jdbc.sql("SELECT id, name, created_at FROM tenant WHERE id = ?").param(id)
                .query(Tenants::map).optional();
    }

    /** Checks a tenant name as {@link #findOrCreate} does, with a message fit for a command line. */
    public static String requireValidName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tenant name must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a tenant name has at most " + MAX_NAME_LENGTH + " characters");
        }
        if (!name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a tenant name must not start or end with spaces or contain control characters");
        }
        return name;
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getString("id"), rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
