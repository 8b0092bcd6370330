package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.FaceEngine;
import org.springframework.context.support.GenericApplicationContext;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.antispoof.PadModelDescriptor;
import org.openliveness.engine.onnx.ModelException;
import org.springframework.mock.env.MockEnvironment;

/** {@code openliveness.engine.pad-descriptor}: an operator's own presentation-attack model, checked at start. */
class EngineSettingsTest {

    private final SessionConfiguration configuration = new SessionConfiguration();

    @Test
    void withNoSettingTheBundledModelRuns() {
        assertThat(new EngineProperties(null).engineConfig(new MockEnvironment()).padModel()).isEqualTo(PadModelDescriptor.FR_LIVENESS);
    }

    @Test
    void anOwnModelNeedsItsOwnThreshold(@TempDir Path dir) throws Exception {
        Path descriptor = dir.resolve("pad.json");
        Files.writeString(descriptor, "{\"model\": \"pad.onnx\", \"input\": \"input\", \"width\": 128, \"height\": 128,"
                + " \"output\": \"output\", \"liveIndex\": 0}");
        assertThatThrownBy(() -> new EngineProperties(descriptor).engineConfig(new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected openliveness.verdict.passive-min-live calibrated for that model too");
        EngineConfig config = new EngineProperties(descriptor)
                .engineConfig(new MockEnvironment().withProperty("openliveness.verdict.passive-min-live", "0.1"));
        assertThat(config.padModel().name()).isEqualTo("pad");
    }

    @Test
    void aModelThatDoesNotFitItsDescriptorStopsTheStart(@TempDir Path dir) throws Exception {
        try (var model = PadModelDescriptor.class.getResourceAsStream("/models/fr_liveness.onnx")) {
            Files.copy(model, dir.resolve("pad.onnx"));
        }
        Path descriptor = dir.resolve("pad.json");
        Files.writeString(descriptor, "{\"model\": \"pad.onnx\", \"input\": \"image\", \"width\": 128, \"height\": 128,"
                + " \"output\": \"output\", \"liveIndex\": 0}");
        MockEnvironment env = new MockEnvironment().withProperty("openliveness.verdict.passive-min-live", "0.1")
                .withProperty("openliveness.engine.pad-descriptor", descriptor.toString());
        // Loaded in the background from the context's creation; the failure surfaces when the bean takes the engine.
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.setEnvironment(env);
            new EngineLoading.Initializer().initialize(context);
            EngineLoading loading = context.getBeanFactory().getBean(EngineLoading.class);
            assertThatThrownBy(() -> configuration.faceEngine(loading))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("expected input [image], got [input]");
        }
    }

    @Test
    void theEngineLoadedInTheBackgroundIsTheOneTheBeanHolds() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.setEnvironment(new MockEnvironment());
            new EngineLoading.Initializer().initialize(context);
            EngineLoading loading = context.getBeanFactory().getBean(EngineLoading.class);
            try (FaceEngine engine = configuration.faceEngine(loading)) {
                assertThat(engine.config()).isEqualTo(EngineConfig.DEFAULTS);
                assertThat(engine.analyze(new org.openliveness.engine.image.RgbImage(64, 64, new byte[64 * 64 * 3])))
                        .as("a working engine, not closed by the loader once handed over").isEmpty();
                loading.destroy();
                assertThat(engine.analyze(new org.openliveness.engine.image.RgbImage(64, 64, new byte[64 * 64 * 3]))).isEmpty();
            }
        }
    }
}
