package org.openliveness.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

class TenantsTest {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456Z");

    @DatabaseTest
    void findOrCreateCreatesOnceAndThenFindsTheSameTenant(TestDatabase db) {
        Tenants tenants = new Tenants(db.jdbc(), new MutableClock(T0));

        Tenant created = tenants.findOrCreate("acme");
        Tenant again = tenants.findOrCreate("acme");
        Tenant other = tenants.findOrCreate("globex");

        assertThat(again).isEqualTo(created);
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.id()).hasSize(36).isNotEqualTo(other.id());
        assertThat(tenants.findById(created.id())).contains(created);
        assertThat(tenants.findByName("nobody")).isEmpty();
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM tenant").query(Integer.class).single()).isEqualTo(2);
    }

    @DatabaseTest
    void rejectsNamesThatCannotBeStoredOrTyped(TestDatabase db) {
        Tenants tenants = new Tenants(db.jdbc(), new MutableClock(T0));

        assertThatThrownBy(() -> tenants.findOrCreate(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenants.findOrCreate("x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenants.findOrCreate(" acme")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tenants.findOrCreate("x".repeat(100)).name()).hasSize(100);
    }
}
