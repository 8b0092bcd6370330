package org.openliveness.server.apikey;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
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
 * operator. A key may expire ({@code expires_at}); an expired or revoked key never authenticates.
 * Times are the server clock's. Thread-safe.
 */
public final class ApiKeys {

    /** The header that carries a key. */
    public static final String HEADER = "X-API-Key";
    /** Every key starts with this. */
    public static final String KEY_PREFIX = "olk_";
    /** Characters of a key kept in clear ({@code api_key.key_prefix}) to tell keys apart. */
    public static final int PREFIX_LENGTH = 12;

    private static final int RANDOM_BYTES = 32;
    private static final String SELECT_INFO = """
            SELECT k.id, t.name, k.key_prefix, k.scopes, k.created_at, k.expires_at, k.revoked_at
            FROM api_key k JOIN tenant t ON t.id = k.tenant_id""";
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
     * A key just issued.
     *
     * @param id        its id, for {@link #revoke(String)} and {@link #list}
     * @param key       the plaintext key: shown to the operator once, never stored
     * @param expiresAt when it stops authenticating, if ever
     */
    public record NewKey(String id, String key, Optional<Instant> expiresAt) {}

    /** What {@link #revoke(String)} did. */
    public enum Revocation { REVOKED, ALREADY_REVOKED, NOT_FOUND }

    /**
     * Creates a key for the tenant (created if absent) with these scopes, which never expires.
     *
     * @return the plaintext key: shown to the operator once, never stored
     * @throws IllegalArgumentException for an invalid tenant name or no scopes
     */
    public String create(String tenantName, Set<Scope> scopes) {
        return issue(tenantName, scopes, Optional.empty()).key();
    }

    /**
     * Creates a key for the tenant (created if absent) with these scopes, valid for
     * {@code validFor} from now when given.
     *
     * @throws IllegalArgumentException for an invalid tenant name, no scopes, or a validity that is not positive
     */
    public NewKey issue(String tenantName, Set<Scope> scopes, Optional<Duration> validFor) {
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        if (validFor.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
            throw new IllegalArgumentException("an API key's validity must be positive, got " + validFor.get());
        }
        Tenant tenant = tenants.findOrCreate(tenantName);
        byte[] secret = new byte[RANDOM_BYTES];
        random.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        Optional<OffsetDateTime> expiresAt = validFor.map(now::plus);
        jdbc.sql("""
                INSERT INTO api_key (id, tenant_id, key_hash, key_prefix, scopes, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.id(), Sha256.hex(key), key.substring(0, PREFIX_LENGTH), Scope.format(scopes), now,
                        expiresAt.orElse(null))
                .update();
        return new NewKey(id, key, expiresAt.map(OffsetDateTime::toInstant));
    }

    /** The caller a key stands for; empty for a malformed, unknown, revoked or expired key. */
    public Optional<Caller> authenticate(String key) {
        if (key == null || key.length() != KEY_LENGTH || !key.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        // Looked up by hash: the database never sees the key, and timing reveals nothing about it.
        return jdbc.sql("""
                SELECT k.tenant_id, t.name, k.scopes FROM api_key k JOIN tenant t ON t.id = k.tenant_id
                WHERE k.key_hash = ? AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?)""")
                .params(Sha256.hex(key), now())
                .query((rs, row) -> new Caller(rs.getString(1), rs.getString(2), Scope.parseList(rs.getString(3))))
                .optional();
    }

    /** Every key, or the keys of one tenant, oldest first; never a key's secret or hash. */
    public List<ApiKeyInfo> list(Optional<String> tenantName) {
        String order = " ORDER BY k.created_at, k.id";
        return tenantName
                .map(name -> jdbc.sql(SELECT_INFO + " WHERE t.name = ?" + order).param(name))
                .orElseGet(() -> jdbc.sql(SELECT_INFO + order))
                .query((rs, row) -> info(rs))
                .list();
    }

    /** The key with this id, if there is one. */
    public Optional<ApiKeyInfo> find(String id) {
        return jdbc.sql(SELECT_INFO + " WHERE k.id = ?").param(id).query((rs, row) -> info(rs)).optional();
    }

    /** Revokes the key with this id (from {@link #list} or {@link NewKey#id()}), of whatever tenant. */
    public Revocation revoke(String id) {
        Objects.requireNonNull(id, "id");
        int revoked = jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(now(), id)
                .update();
        if (revoked > 0) {
            return Revocation.REVOKED;
        }
        boolean exists = jdbc.sql("SELECT count(*) FROM api_key WHERE id = ?").param(id).query(Long.class).single() > 0;
        return exists ? Revocation.ALREADY_REVOKED : Revocation.NOT_FOUND;
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

    private static ApiKeyInfo info(ResultSet rs) throws SQLException {
        return new ApiKeyInfo(rs.getString(1), rs.getString(2), rs.getString(3), Scope.parseList(rs.getString(4)),
                instant(rs, 5).orElseThrow(), instant(rs, 6), instant(rs, 7));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
