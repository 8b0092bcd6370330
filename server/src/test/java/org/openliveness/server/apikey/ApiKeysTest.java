package org.openliveness.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openliveness.server.Sha256;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

class ApiKeysTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static ApiKeys apiKeys(TestDatabase db) {
        return apiKeys(db, new MutableClock(START));
    }

    private static ApiKeys apiKeys(TestDatabase db, MutableClock clock) {
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

    @DatabaseTest
    void aKeyWithAnExpiryAuthenticatesUntilThenAndNeverAfter(TestDatabase db) {
        MutableClock clock = new MutableClock(START);
        ApiKeys keys = apiKeys(db, clock);
        ApiKeys.NewKey expiring = keys.issue("acme", Set.of(Scope.LIVENESS), Optional.of(Duration.ofDays(30)));
        String forever = keys.create("acme", Set.of(Scope.LIVENESS));

        assertThat(expiring.expiresAt()).contains(START.plus(Duration.ofDays(30)));
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(keys.authenticate(expiring.key())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.authenticate(expiring.key())).as("expired at its expiry instant").isEmpty();
        assertThat(keys.authenticate(forever)).isPresent();
    }

    @DatabaseTest
    void listingShowsEveryKeyWithItsDatesAndNeverItsSecret(TestDatabase db) {
        MutableClock clock = new MutableClock(START);
        ApiKeys keys = apiKeys(db, clock);
        ApiKeys.NewKey acme = keys.issue("acme", EnumSet.of(Scope.LIVENESS, Scope.AUDIT), Optional.of(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(1));
        ApiKeys.NewKey globex = keys.issue("globex", Set.of(Scope.ADMIN), Optional.empty());
        assertThat(keys.revoke(globex.id())).isEqualTo(ApiKeys.Revocation.REVOKED);

        List<ApiKeyInfo> all = keys.list(Optional.empty());
        assertThat(all).extracting(ApiKeyInfo::id).containsExactly(acme.id(), globex.id());
        ApiKeyInfo first = all.get(0);
        assertThat(first.tenant()).isEqualTo("acme");
        assertThat(first.keyPrefix()).isEqualTo(acme.key().substring(0, 12));
        assertThat(first.scopes()).containsExactlyInAnyOrder(Scope.LIVENESS, Scope.AUDIT);
        assertThat(first.createdAt()).isEqualTo(START);
        assertThat(first.expiresAt()).contains(START.plus(Duration.ofHours(1)));
        assertThat(first.revokedAt()).isEmpty();
        assertThat(all.get(1).revokedAt()).contains(START.plus(Duration.ofMinutes(1)));
        assertThat(all.toString()).doesNotContain(acme.key().substring(12)).doesNotContain(Sha256.hex(acme.key()));

        assertThat(keys.list(Optional.of("globex"))).extracting(ApiKeyInfo::id).containsExactly(globex.id());
        assertThat(keys.list(Optional.of("nobody"))).isEmpty();
        assertThat(first.status(START)).isEqualTo(ApiKeyInfo.Status.ACTIVE);
        assertThat(first.status(START.plus(Duration.ofHours(1)))).isEqualTo(ApiKeyInfo.Status.EXPIRED);
        assertThat(all.get(1).status(START)).isEqualTo(ApiKeyInfo.Status.REVOKED);
    }

    @DatabaseTest
    void revokingByIdStopsTheKeyOnceAndSaysWhatHappened(TestDatabase db) {
        ApiKeys keys = apiKeys(db);
        ApiKeys.NewKey issued = keys.issue("acme", Set.of(Scope.LIVENESS), Optional.empty());

        assertThat(keys.revoke(issued.id())).isEqualTo(ApiKeys.Revocation.REVOKED);
        assertThat(keys.authenticate(issued.key())).isEmpty();
        assertThat(keys.find(issued.id()).orElseThrow().revokedAt()).contains(START);
        assertThat(keys.find("no-such-id")).isEmpty();
        assertThat(keys.revoke(issued.id())).isEqualTo(ApiKeys.Revocation.ALREADY_REVOKED);
        assertThat(keys.revoke("no-such-id")).isEqualTo(ApiKeys.Revocation.NOT_FOUND);
    }
}
