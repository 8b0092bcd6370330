package org.openliveness.server.oauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access-token settings ({@code openliveness.oauth.*}).
 *
 * @param issuer     the tokens' {@code iss}; a token naming another issuer is refused
 * @param audience   the tokens' {@code aud}; a token for another audience is refused
 * @param tokenTtl   how long an access token (and a user token) is valid: more than zero, at most one hour
 * @param signingKey base64 of at least 32 random bytes (HMAC-SHA256 key); required outside dev mode while
 *                   the order-status or process profile is on; in dev mode, when unset, the key is
 *                   {@code <data-dir>/oauth-signing.key}, generated at first start
 */
@ConfigurationProperties("openliveness.oauth")
public record OAuthProperties(@DefaultValue("openliveness") String issuer,
                              @DefaultValue("openliveness-profiles") String audience,
                              @DefaultValue("10m") Duration tokenTtl,
                              String signingKey) {

    /** The longest validity an operator may configure. */
    public static final Duration MAX_TOKEN_TTL = Duration.ofHours(1);

    public OAuthProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("openliveness.oauth.issuer must not be blank");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("openliveness.oauth.audience must not be blank");
        }
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero() || tokenTtl.compareTo(MAX_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("openliveness.oauth.token-ttl must be more than 0 and at most 1h (short-lived "
                    + "tokens), got " + tokenTtl);
        }
    }
}
