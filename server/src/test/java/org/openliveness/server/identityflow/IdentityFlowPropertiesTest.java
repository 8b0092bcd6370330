package org.openliveness.server.identityflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IdentityFlowPropertiesTest {

    private static IdentityFlowProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("openliveness.profiles.identity-flow", IdentityFlowProperties.class);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        IdentityFlowProperties defaults = bind(Map.of());
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.sessionTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.maxLivenessSteps()).isEqualTo(5);
        assertThat(defaults.keepFor()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void settingsAreReadAndANonPositiveLifetimeIsRefusedByName() {
        IdentityFlowProperties set = bind(Map.of("openliveness.profiles.identity-flow.enabled", "false",
                "openliveness.profiles.identity-flow.session-ttl", "15m",
                "openliveness.profiles.identity-flow.max-liveness-steps", "2"));
        assertThat(set.enabled()).isFalse();
        assertThat(set.sessionTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(set.maxLivenessSteps()).isEqualTo(2);
        assertThatThrownBy(() -> bind(Map.of("openliveness.profiles.identity-flow.session-ttl", "0s")))
                .hasStackTraceContaining("openliveness.profiles.identity-flow.session-ttl must be positive");
        assertThatThrownBy(() -> bind(Map.of("openliveness.profiles.identity-flow.keep-for", "-1h")))
                .hasStackTraceContaining("keep-for must not be negative");
    }
}
