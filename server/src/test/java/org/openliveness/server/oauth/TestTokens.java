package org.openliveness.server.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Mints tokens as a server with this signing key would (or with other claims), for tests of their refusal. */
public final class TestTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTokens() {}

    /** The claims a server issuing at {@code at} with this validity writes. */
    public static ObjectNode claims(String issuer, String audience, String subject, String clientId, Instant at, long validSeconds) {
        return JSON.createObjectNode().put("iss", issuer).put("aud", audience).put("sub", subject).put("client_id", clientId)
                .put("iat", at.getEpochSecond()).put("exp", at.getEpochSecond() + validSeconds).put("jti", "test");
    }

    /** An access token with these claims (and {@code scope}), signed with {@code signingKeyBase64}. */
    public static String accessToken(String signingKeyBase64, ObjectNode claims, String scope) {
        claims.put("scope", scope);
        return new Hs256Jwt(SigningKeyFile.decode(signingKeyBase64, "test"), JSON).sign(AccessTokens.ACCESS_TYPE, claims);
    }

    /** A user token with these claims, signed with {@code signingKeyBase64}. */
    public static String userToken(String signingKeyBase64, ObjectNode claims) {
        return new Hs256Jwt(SigningKeyFile.decode(signingKeyBase64, "test"), JSON).sign(AccessTokens.USER_TYPE, claims);
    }

    /** The default issuer and audience of {@link OAuthProperties}. */
    public static final String ISSUER = "openliveness";
    public static final String AUDIENCE = "openliveness-profiles";
}
