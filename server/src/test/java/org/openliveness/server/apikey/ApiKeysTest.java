package org.openliveness.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.openliveness.server.Sha256;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

class ApiKeysTest {

    private static ApiKeys apiKeys(TestDatabase db) {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        return new ApiKeys(db.jdbc(), new Tenants(db.jdbc(), clock), clock, new SecureRandom());
    }

    @DatabaseTest
    void aCreatedKeyAuthenticatesAsItsTenantWithItsScopes(TestDatabase db) {
        ApiKeys keys = apiKeys(db);

        String key = keys.create("acme", EnumSet.of(Scope.LIVENESS, Scope.AUDIT));

        assertThat(key).matches("olk_[A-Za-z0-9_-]{43}");
        Caller caller = keys.authenticate(key).orElseThrow();
        assertThat(caller.tenantName()).isEqualTo("acme");
        assertThat(caller.scopes()).containsExactlyInAnyOrder(Scope.LIVENESS, Scope.AUDIT);
        assertThat(caller.tenantId()).isEqualTo(db.jdbc().sql("SELECT id FROM tenant WHERE name = 'acme'").query(String.class).single());
    }

    @DatabaseTest
    void onlyTheHashAndTheFirstTwelveCharactersAreStored(TestDatabase db) {
        String key = apiKeys(db).create("acme", Set.of(Scope.ADMIN));

        Map<String, Object> row = db.jdbc().sql("SELECT * FROM api_key").query().singleRow();
        assertThat(row.get("key_hash")).isEqualTo(Sha256.hex(key));
        assertThat(row.get("key_prefix")).isEqualTo(key.substring(0, 12));
        assertThat(row.get("scopes")).isEqualTo("admin");
        assertThat(row.get("revoked_at")).isNull();
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(key.substring(12)));
    }

    @DatabaseTest
    void twoKeysOfOneTenantShareItAndEachAuthenticates(TestDatabase db) {
        ApiKeys keys = apiKeys(db);

        String first = keys.create("acme", Set.of(Scope.LIVENESS));
        String second = keys.create("acme", Set.of(Scope.IDENTITY));

        assertThat(first).isNotEqualTo(second);
        assertThat(keys.authenticate(first).orElseThrow().tenantId()).isEqualTo(keys.authenticate(second).orElseThrow().tenantId());
        assertThat(keys.authenticate(second).orElseThrow().scopes()).containsExactly(Scope.IDENTITY);
    }

    @DatabaseTest
    void revokedUnknownAndMalformedKeysAreRejected(TestDatabase db) {
        ApiKeys keys = apiKeys(db);
        String revoked = keys.create("acme", Set.of(Scope.LIVENESS));
        String kept = keys.create("acme", Set.of(Scope.LIVENESS));

        assertThat(keys.revoke("globex", revoked.substring(0, 12))).as("another tenant cannot revoke it").isZero();
        assertThat(keys.revoke("acme", revoked.substring(0, 12))).isEqualTo(1);

        assertThat(keys.authenticate(revoked)).isEmpty();
        assertThat(keys.authenticate(kept)).isPresent();
        String unknown = "olk_" + "A".repeat(43);
        assertThat(keys.authenticate(unknown)).isEmpty();
        assertThat(keys.authenticate(kept + "x")).isEmpty();
        assertThat(keys.authenticate(kept.replace("olk_", "xyz_"))).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }
}
