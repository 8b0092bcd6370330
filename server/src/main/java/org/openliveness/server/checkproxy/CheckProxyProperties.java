package org.openliveness.server.checkproxy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The seed-001 profile's settings ({@code openliveness.profiles.check-proxy.*}).
 *
 * @param enabled            whether the profile is served at all. Default true
 * @param pathPrefix         put before the seed's paths, for example {@code /proxy} gives
 *                           {@code /proxy/liveness/init}. Default empty: the seed's own paths
 * @param initiation         what {@code /liveness/init} answers by default: {@code TOKEN} (a capture session is
 *                           created; {@code reference} is its session token) or {@code NONE} (the client sends one
 *                           image to {@code /liveness/verify}). Default {@code TOKEN}
 * @param userInitiation     per-user exceptions to {@code initiation}, by user id, written with brackets so any
 *                           user id works as a key: {@code user-initiation[user-123]: NONE}. Default none
 * @param singleImageEnabled whether {@code /liveness/verify} accepts an {@code image} (a single-image check, lower
 *                           assurance than a capture session). Default true; when false, {@code NONE} may not be
 *                           configured and a verify with an image is refused ({@code VERIFICATION_ERROR})
 * @param includeSelfie      whether {@code /liveness/verify} returns the user's {@code selfie}. Default false (the
 *                           seed: "not included by default")
 * @param challengeCount     challenges per capture session created by {@code init}, 2 or 3; default 0: the
 *                           session core's default
 */
@Validated
@ConfigurationProperties("openliveness.profiles.check-proxy")
public record CheckProxyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") @NotNull @Pattern(regexp = "^$|^(/[A-Za-z0-9._~-]+)+$",
                message = "is empty or a path such as /proxy (segments of letters, digits, '.', '_', '~', '-'; no trailing '/')")
        String pathPrefix,
        @DefaultValue("TOKEN") @NotNull Initiation initiation,
        Map<String, Initiation> userInitiation,
        @DefaultValue("true") boolean singleImageEnabled,
        @DefaultValue("false") boolean includeSelfie,
        @DefaultValue("0") @Min(0) @Max(3) int challengeCount) {

    /** The seed's initiation types. */
    public enum Initiation { TOKEN, NONE }

    public CheckProxyProperties {
        userInitiation = userInitiation == null ? Map.of() : Map.copyOf(userInitiation);
        if (!singleImageEnabled && (initiation == Initiation.NONE || userInitiation.containsValue(Initiation.NONE))) {
            throw new IllegalArgumentException("openliveness.profiles.check-proxy: initiation NONE needs single-image checks, "
                    + "but single-image-enabled is false");
        }
        if (challengeCount == 1) {
            throw new IllegalArgumentException("openliveness.profiles.check-proxy.challenge-count: expected 0 (the default), 2 or 3, got 1");
        }
    }

    /** The initiation type for this user. */
    Initiation initiationFor(String userId) {
        return userInitiation.getOrDefault(userId, initiation);
    }
}
