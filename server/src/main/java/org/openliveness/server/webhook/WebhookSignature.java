package org.openliveness.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook: {@code v1=} and the hex HMAC-SHA256, under the tenant's secret, of
 * the timestamp header's value, a dot, and the exact body bytes.
 */
public final class WebhookSignature {

    /** Unix seconds when the delivery attempt was signed. */
    public static final String TIMESTAMP_HEADER = "OpenLiveness-Timestamp";
    /** {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static final String SIGNATURE_HEADER = "OpenLiveness-Signature";
    /** The delivery's id: the same on every retry, so a receiver can drop duplicates. */
    public static final String DELIVERY_HEADER = "OpenLiveness-Delivery";

    private WebhookSignature() {}

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must support HmacSHA256", e);
        }
    }
}
