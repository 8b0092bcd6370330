package org.openliveness.server.enrolment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusted images from the operator's user-details service over HTTP (see
 * {@link UserDetailsProperties.Rest} for the contract). Each call is bounded by the connect timeout
 * and the read timeout (for the whole reply); a remote failure is asked again {@code retries}
 * times, a 404 or a reply without image never. Logs the failure's kind, never the user's image or
 * the configured headers. Thread-safe.
 */
final class RestUserDetails implements UserDetailsProvider {

    private static final Logger log = LoggerFactory.getLogger(RestUserDetails.class);

    private final UserDetailsProperties.Rest settings;
    private final HttpClient client;
    private final ObjectMapper json;

    RestUserDetails(UserDetailsProperties.Rest settings, ObjectMapper json) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.urlTemplate() == null || settings.urlTemplate().isBlank() || !settings.urlTemplate().contains("{userId}")) {
            throw new IllegalStateException("openliveness.user-details.provider is rest: expected "
                    + "openliveness.user-details.rest.url-template with a {userId} placeholder, got "
                    + (settings.urlTemplate() == null ? "none" : "'" + settings.urlTemplate() + "'"));
        }
        URI sample = URI.create(url("user", "tenant"));
        if (!"http".equals(sample.getScheme()) && !"https".equals(sample.getScheme())) {
            throw new IllegalStateException("openliveness.user-details.rest.url-template: expected an http or https URL, got "
                    + settings.urlTemplate());
        }
        this.json = Objects.requireNonNull(json, "json");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public TrustedImage trustedImage(String tenantId, String userId) {
        UserDetailsException.Remote last = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            try {
                return ask(tenantId, userId);
            } catch (UserDetailsException.Remote e) {
                last = e;
                log.warn("user-details provider failed (attempt {} of {}): {}", attempt + 1, settings.retries() + 1, e.getMessage());
            }
        }
        throw last;
    }

    private TrustedImage ask(String tenantId, String userId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(userId, tenantId)))
                .timeout(settings.readTimeout())
                .header("Accept", "application/json")
                .GET();
        settings.headers().forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request.build(), info -> new LimitedBody(settings.maxReplyBytes()));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new UserDetailsException.Remote("no complete reply within " + settings.readTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new UserDetailsException.Remote("interrupted while waiting for the reply", e);
        } catch (ExecutionException e) {
            throw new UserDetailsException.Remote("the request failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new UserDetailsException.NotEnrolled("the user-details provider does not know the user");
        }
        if (status != 200) {
            throw new UserDetailsException.Remote("the user-details provider answered HTTP " + status, null);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new UserDetailsException.Remote("the user-details provider's reply is not JSON", null);
        }
        if (body == null || !body.isObject()) {
            throw new UserDetailsException.Remote("the user-details provider's reply is not a JSON object", null);
        }
        JsonNode image = body.get("trustedImage");
        if (image == null || image.isNull() || (image.isTextual() && image.asText().isEmpty())) {
            throw new UserDetailsException.DetailsMissing("the user-details provider has no trusted image for the user");
        }
        if (!image.isTextual()) {
            throw new UserDetailsException.Remote("the user-details provider's trustedImage is not a string", null);
        }
        try {
            return new TrustedImage(userId, Base64.getMimeDecoder().decode(image.asText()), null);
        } catch (IllegalArgumentException e) {
            throw new UserDetailsException.Remote("the user-details provider's trustedImage is not base64", null);
        }
    }

    private String url(String userId, String tenantId) {
        return settings.urlTemplate()
                .replace("{userId}", URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20"))
                .replace("{tenantId}", URLEncoder.encode(tenantId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Collects a reply body of at most {@code limit} bytes; a longer one fails the request. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (bytes.size() + item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("reply longer than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
