package org.openliveness.server.session;

import java.nio.file.Path;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.antispoof.PadModelDescriptor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;

/**
 * The face engine's settings ({@code openliveness.engine.*}).
 *
 * @param padDescriptor an operator's own passive presentation-attack model instead of the bundled
 *     {@code fr_liveness}: a descriptor JSON naming the ONNX file, its input and output and how to feed
 *     it ({@code docs/ENGINE.md}). Unset by default. The model is checked at start ("expected … got …").
 *     Its threshold must be calibrated for it ({@code openliveness evaluate --pad-model … --suggest})
 *     and set as {@code openliveness.verdict.passive-min-live}: without that setting the service does
 *     not start, since {@code fr_liveness}'s threshold means nothing for another model.
 */
@ConfigurationProperties("openliveness.engine")
public record EngineProperties(Path padDescriptor) {

    static final String PASSIVE_MIN_LIVE = "openliveness.verdict.passive-min-live";

    /** The engine's configuration: the defaults, with the operator's presentation-attack model if one is set. */
    EngineConfig engineConfig(Environment env) {
        if (padDescriptor == null) {
            return EngineConfig.DEFAULTS;
        }
        if (!env.containsProperty(PASSIVE_MIN_LIVE)) {
            throw new IllegalStateException("openliveness.engine.pad-descriptor is set (" + padDescriptor + "): expected "
                    + PASSIVE_MIN_LIVE + " calibrated for that model too (openliveness evaluate --pad-model ... --suggest), got none");
        }
        return EngineConfig.DEFAULTS.withPadModel(PadModelDescriptor.read(padDescriptor));
    }
}
