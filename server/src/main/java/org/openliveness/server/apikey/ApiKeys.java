package org.openliveness.server.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openliveness.server.Sha256;
import org.openliveness.server.tenant.Tenant;
import org.openliveness.server.tenant.Tenants;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys ({@code api_key} table). A key is {@code olk_} followed by 43 base64url characters
 * (32 bytes from {@link SecureRandom}); it is returned once by {@link #create} and stored only as
 * its SHA-256 (hex) plus its first {@value #PREFIX_LENGTH} characters, which identify it to an
 * operator. Thread-safe.
 */
public final class ApiKeys {

    /** The header that carries a key. */
    public static final String HEADER = "X-API-Key";
    /** Every key starts with this. */
    public static final String KEY_PREFIX = "olk_";
    /** Characters of a key kept in clear ({@code api_key.key_prefix}) to tell keys apart. */
    public static final int PREFIX_LENGTH = 12;

    private static final int RANDOM_BYTES = 32;
    private static final int KEY_LENGTH = KEY_PREFIX.length() + 43;

    private final JdbcClient jdbc;
    private final Tenants tenants;
    private final Clock clock;
    private final SecureRandom random;

    public ApiKeys(JdbcClient jdbc, Tenants tenants, Clock clock, SecureRandom random) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Creates a key for the tenant (created if absent) with these scopes.
     *
     * @return the plaintext key: shown to the operator once, never stored
     * @throws IllegalArgumentException for an invalid tenant name or no scopes
     */
    public String create(String tenantName, Set<Scope> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        Tenant tenant = tenants.findOrCreate(tenantName);
        byte[] secret = new byte[RANDOM_BYTES];
        random.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("""
                INSERT INTO api_key (id, tenant_id, key_hash, key_prefix, scopes, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID().toString(), tenant.id(), Sha256.hex(key), key.substring(0, PREFIX_LENGTH),
                        Scope.format(scopes), now())
                .update();
        return key;
    }

    /** The caller a key stands for; empty for a malformed, unknown or revoked key. */
    public Optional<Caller> authenticate(String key) {
        if (key == null || key.length() != KEY_LENGTH || !key.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        // Looked up by hash: the database never sees the key, and timing reveals nothing about it.
        return jdbc.sql("""
                SELECT k.tenant_id, t.name, k.scopes FROM api_key k JOIN tenant t ON t.id = k.tenant_id
                WHERE k.key_hash = ? AND k.revoked_at IS NULL""")
                .param(Sha256.hex(key))
                .query((rs, row) -> new Caller(rs.getString(1), rs.getString(2), Scope.parseList(rs.getString(3))))
                .optional();
    }

    /**
     * Revokes the tenant's active keys that start with {@code keyPrefix} (the first
     * {@value #PREFIX_LENGTH} characters an operator sees).
     *
     * @return how many keys were revoked (0 when none matched)
     */
    public int revoke(String tenantName, String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        String prefix = keyPrefix.length() > PREFIX_LENGTH ? keyPrefix.substring(0, PREFIX_LENGTH) : keyPrefix;
        return tenants.findByName(tenantName)
                .map(tenant -> jdbc.sql("""
                        UPDATE api_key SET revoked_at = ?
                        WHERE tenant_id = ? AND key_prefix = ? AND revoked_at IS NULL""")
                        .params(now(), tenant.id(), prefix)
                        .update())
                .orElse(0);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
