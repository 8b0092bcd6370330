package org.openliveness.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openliveness.server.web.ApiException;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.http.HttpStatus;

class ScopeTest {

    @Test
    void parsesTheLowercaseListAndFormatsItBack() {
        Set<Scope> all = Scope.parseList("liveness,identity, audit ,admin");

        assertThat(all).isEqualTo(EnumSet.allOf(Scope.class));
        assertThat(Scope.format(Set.of(Scope.ADMIN, Scope.LIVENESS))).isEqualTo("liveness,admin");
        assertThat(Scope.parseList(Scope.format(all))).isEqualTo(all);
    }

    @Test
    void anUnknownOrEmptyScopeIsRejectedWithTheValidOnes() {
        assertThatThrownBy(() -> Scope.parseList("liveness,superuser"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'superuser'").hasMessageContaining("liveness,identity,audit,admin");
        assertThatThrownBy(() -> Scope.parseList("LIVENESS")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.parseList("liveness,")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.parseList("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallerWithoutTheScopeGetsA403InsufficientScope() {
        Caller caller = new Caller("t", "acme", Set.of(Scope.AUDIT));

        caller.require(Scope.AUDIT);
        caller.requireAny(Scope.LIVENESS, Scope.AUDIT);
        assertThatThrownBy(() -> caller.requireAny(Scope.LIVENESS, Scope.ADMIN))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(e.code()).isEqualTo(ProblemCodes.INSUFFICIENT_SCOPE);
                    assertThat(e.detail()).contains("'liveness' or 'admin'");
                });
    }
}
