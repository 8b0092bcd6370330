package org.openliveness.server.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook settings ({@code openliveness.webhooks.*}).
 *
 * @param enabled        send webhooks at all (default false)
 * @param tenants        per tenant name: where to send and the signing secret
 * @param maxAttempts    attempts before a delivery is given up as FAILED (default 6)
 * @param initialBackoff wait after the first failed attempt; doubled after each further one (default 10 s)
 * @param maxBackoff     longest wait between attempts (default 10 minutes)
 * @param timeout        connect and reply timeout of one attempt (default 10 s)
 * @param pollInterval   how often finished sessions are looked for and due deliveries sent (default 2 s)
 * @param lookback       how far back finished sessions are looked for (default 1 hour): sessions that
 *                       finished while no instance ran are sent if they finished within it
 * @param retention      how long the delivery log is kept (default 30 days)
 */
@Validated
@ConfigurationProperties("openliveness.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean enabled,
        @Valid Map<String, Endpoint> tenants,
        @DefaultValue("6") @Min(1) @Max(20) int maxAttempts,
        @DefaultValue("10s") @NotNull @DurationMin(inclusive = false) Duration initialBackoff,
        @DefaultValue("10m") @NotNull @DurationMin(inclusive = false) Duration maxBackoff,
        @DefaultValue("10s") @NotNull @DurationMin(inclusive = false) Duration timeout,
        @DefaultValue("2s") @NotNull @DurationMin(inclusive = false) Duration pollInterval,
        @DefaultValue("1h") @NotNull @DurationMin(inclusive = false) Duration lookback,
        @DefaultValue("30d") @NotNull @DurationMin(inclusive = false) Duration retention) {

    public WebhookProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /**
     * One tenant's webhook.
     *
     * @param url    where verdicts are POSTed (http or https)
     * @param secret the HMAC-SHA256 key the receiver verifies the signature with (at least 16 characters)
     */
    public record Endpoint(@NotNull URI url, @NotBlank String secret) {

        public Endpoint {
            if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("a webhook url is http or https, got " + url.getScheme());
            }
            if (secret != null && secret.length() < 16) {
                throw new IllegalArgumentException("a webhook secret has at least 16 characters");
            }
        }

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "Endpoint[url=" + url + ", secret=(set)]";
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based): initial × 2^(attempt−1), at most {@code maxBackoff}. */
    Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
