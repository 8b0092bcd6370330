package org.openliveness.server.enrolment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where users' trusted images come from ({@code openliveness.user-details.*}).
 *
 * @param provider {@code built-in} (default): the enrolment store of {@code /v1/users/{userId}/enrolment};
 *                 {@code rest}: the operator's user-details service described by {@code rest}
 * @param rest     the REST provider's settings; used only with {@code provider: rest}
 */
@Validated
@ConfigurationProperties("openliveness.user-details")
public record UserDetailsProperties(@DefaultValue("built-in") @NotNull Provider provider,
                                    @DefaultValue @Valid @NotNull Rest rest) {

    /** Which provider serves trusted images. */
    public enum Provider { BUILT_IN, REST }

    /**
     * The external REST provider: {@code GET} on {@code urlTemplate} with {@code {userId}} (and
     * optionally {@code {tenantId}}) replaced by the URL-encoded value. It answers 200 with
     * {@code {"trustedImage": "<base64 JPEG or PNG>"}} (an absent, null or empty {@code trustedImage}
     * means the user is known without an image: {@code USER_DETAILS_MISSING}), or 404 when it does not
     * know the user ({@code USER_NOT_ENROLLED}). Anything else — a timeout, a refused connection,
     * another status, a body that is not such JSON or not base64 — is a remote failure
     * ({@code ERROR_REMOTE}).
     *
     * @param urlTemplate    for example {@code https://users.internal/users/{userId}/face}; required with {@code provider: rest}
     * @param connectTimeout how long to wait for the connection. Default 2 s
     * @param readTimeout    how long to wait for the whole reply once the request is sent. Default 5 s
     * @param retries        how many times to ask again after a remote failure (never after a 404 or a reply
     *                       without image). Default 0: retries are off
     * @param maxReplyBytes  the largest reply read; a longer one is a remote failure. Default 16 MB
     * @param headers        request headers to send, for example {@code Authorization}; never logged
     */
    public record Rest(String urlTemplate,
                       @DefaultValue("2s") @NotNull @DurationMin(inclusive = false) Duration connectTimeout,
                       @DefaultValue("5s") @NotNull @DurationMin(inclusive = false) Duration readTimeout,
                       @DefaultValue("0") @Min(0) @Max(5) int retries,
                       @DefaultValue("16777216") @Min(1024) int maxReplyBytes,
                       Map<String, String> headers) {

        public Rest {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        /** Never prints header values (they may be credentials). */
        @Override
        public String toString() {
            return "Rest[urlTemplate=" + urlTemplate + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                    + ", retries=" + retries + ", maxReplyBytes=" + maxReplyBytes + ", headers=" + headers.keySet() + "]";
        }
    }
}
