package org.openliveness.server.session;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.openliveness.engine.verdict.ChallengeType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Liveness session settings ({@code openliveness.session.*}).
 *
 * @param ttl                 how long a session accepts photos after creation (default 10 minutes)
 * @param enabledChallenges   challenge types this operator allows (default all six); must include a head turn
 * @param defaultChallengeCount challenges per session when the request names none (2 or 3; default 3)
 * @param maxRetries          failed attempts a challenge may repeat before the session fails (default 2)
 * @param analysisSlots       photos analysed at once (default: the number of processors)
 * @param analysisWait        how long an upload waits for a free slot before a 503 (default 10 seconds)
 * @param burstWindow         how long after a challenge's {@code start} its burst of frames may arrive (default 10 seconds)
 * @param requireBursts       refuse single photos: every challenge must be answered by a burst (default false)
 * @param shutdownWait        at shutdown, how long examinations in flight may take to finish before the engine is
 *                            closed anyway (default 30 seconds)
 */
@Validated
@ConfigurationProperties("openliveness.session")
public record SessionProperties(
        @NotNull @DefaultValue("10m") Duration ttl,
        @NotEmpty @DefaultValue({"TURN_LEFT", "TURN_RIGHT", "LOOK_UP", "SMILE", "BLINK", "OPEN_MOUTH"}) Set<ChallengeType> enabledChallenges,
        @Min(2) @Max(3) @DefaultValue("3") int defaultChallengeCount,
        @Min(0) @Max(10) @DefaultValue("2") int maxRetries,
        @Min(0) @Max(256) @DefaultValue("0") int analysisSlots,
        @NotNull @DefaultValue("10s") Duration analysisWait,
        @NotNull @DefaultValue("10s") Duration burstWindow,
        @DefaultValue("false") boolean requireBursts,
        @NotNull @DefaultValue("30s") Duration shutdownWait) {

    public SessionProperties {
        enabledChallenges = enabledChallenges == null || enabledChallenges.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(enabledChallenges));
        if (enabledChallenges.stream().noneMatch(ChallengeType::isTurn)) {
            throw new IllegalArgumentException("openliveness.session.enabled-challenges must include TURN_LEFT or TURN_RIGHT:"
                    + " the 3-D check needs a head turn");
        }
        if (burstWindow != null && (burstWindow.isNegative() || burstWindow.isZero())) {
            throw new IllegalArgumentException("openliveness.session.burst-window must be positive, got " + burstWindow);
        }
        if (shutdownWait != null && shutdownWait.isNegative()) {
            throw new IllegalArgumentException("openliveness.session.shutdown-wait must not be negative, got " + shutdownWait);
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("openliveness.session.ttl must be positive, got " + ttl);
        }
    }

    int slots() {
        return analysisSlots > 0 ? analysisSlots : Runtime.getRuntime().availableProcessors();
    }
}
