package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openliveness.engine.verdict.VerdictThresholds;
import org.springframework.mock.env.MockEnvironment;

/** The verdict thresholds bind from {@code openliveness.verdict.*} and are validated at start. */
class VerdictSettingsTest {

    private final SessionConfiguration configuration = new SessionConfiguration();

    @Test
    void withNoSettingsTheCalibratedDefaultsApply() throws Exception {
        assertThat(configuration.verdictThresholds(new MockEnvironment())).isEqualTo(VerdictThresholds.DEFAULTS);
    }

    @Test
    void aSettingOverridesItsThresholdOnly() throws Exception {
        MockEnvironment env = new MockEnvironment()
                .withProperty("openliveness.verdict.same-identity", "0.95")
                .withProperty("openliveness.verdict.replay-max-hash-distance", "2");
        VerdictThresholds t = configuration.verdictThresholds(env);
        assertThat(t.sameIdentity()).isEqualTo(0.95);
        assertThat(t.replayMaxHashDistance()).isEqualTo(2);
        assertThat(t.faceMatch()).isEqualTo(VerdictThresholds.DEFAULTS.faceMatch());
    }

    @Test
    void thePassiveThresholdAndTheBackgroundFaceRatioBindToo() throws Exception {
        MockEnvironment env = new MockEnvironment()
                .withProperty("openliveness.verdict.passive-min-live", "0.05")
                .withProperty("openliveness.verdict.max-background-face-ratio", "0.4");
        VerdictThresholds t = configuration.verdictThresholds(env);
        assertThat(t.passiveMinLive()).isEqualTo(0.05);
        assertThat(t.maxBackgroundFaceRatio()).isEqualTo(0.4);
        assertThatThrownBy(() -> configuration.verdictThresholds(new MockEnvironment()
                .withProperty("openliveness.verdict.passive-min-live", "0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("passiveMinLive");
    }

    @Test
    void anOutOfRangeSettingStopsTheStartWithItsName() {
        MockEnvironment env = new MockEnvironment().withProperty("openliveness.verdict.turn-yaw-change", "5");
        assertThatThrownBy(() -> configuration.verdictThresholds(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("turnYawChange");
    }

    @Test
    void propertyNamesAreKebabCase() {
        assertThat(SessionConfiguration.kebab("planarMaxResidual")).isEqualTo("planar-max-residual");
    }
}
