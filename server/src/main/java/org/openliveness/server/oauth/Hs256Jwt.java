package org.openliveness.server.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Compact JWS with HMAC-SHA256 (RFC 7515/7519), the one algorithm this service signs and accepts:
 * the issuer is also the only verifier, so a shared secret suffices and no public key needs
 * publishing. The header's {@code alg} must be exactly {@code HS256} (never {@code none}) and its
 * {@code typ} the expected one; signatures are compared in constant time.
 */
final class Hs256Jwt {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Longest token read: a bound on the work an attacker can ask for. */
    static final int MAX_LENGTH = 4096;

    private final SecretKey key;
    private final ObjectMapper json;

    Hs256Jwt(SecretKey key, ObjectMapper json) {
        this.key = key;
        this.json = json;
    }

    String sign(String typ, ObjectNode claims) {
        ObjectNode header = json.createObjectNode().put("alg", "HS256").put("typ", typ);
        String signingInput = part(header) + "." + part(claims);
        return signingInput + "." + ENCODER.encodeToString(mac(signingInput));
    }

    /** The claims of a well-formed token of this type whose signature is this key's; empty otherwise. */
    Optional<JsonNode> verify(String token, String typ) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = json.readTree(DECODER.decode(parts[0]));
            if (!header.isObject() || !"HS256".equals(header.path("alg").asText(null)) || !typ.equals(header.path("typ").asText(null))) {
                return Optional.empty();
            }
            byte[] expected = mac(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = json.readTree(DECODER.decode(parts[1]));
            return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException malformed) {
            return Optional.empty();
        }
    }

    private String part(ObjectNode node) {
        try {
            return ENCODER.encodeToString(json.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a token part", e);
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
