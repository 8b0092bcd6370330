package org.openliveness.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openliveness.server.tenant.Tenant;
import org.openliveness.server.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhook queue and its delivery log ({@code webhook_delivery}). {@link #enqueueFinished} finds
 * the finished sessions of tenants with a webhook that have no delivery yet and queues one each:
 * it reads committed rows only, so a webhook always follows a stored verdict and never runs inside
 * its transaction. {@link #deliverDue} sends what is due, signed ({@link WebhookSignature}), and
 * records each attempt; a failed attempt is retried after an exponential backoff until
 * {@code max-attempts}. Several instances may share the queue: a session is queued once (unique
 * session id) and an attempt is claimed before it is made. Thread-safe.
 */
public final class WebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final int BATCH = 50;
    private static final int MAX_ERROR = 500;

    /** A row of the delivery log. */
    public record Delivery(String id, String tenantId, String sessionId, String url, String body, String status, int attempts,
                           Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt) {}

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Tenants tenants;
    private final WebhookProperties settings;
    private final HttpClient http;
    private final Clock clock;

    public WebhookDeliveries(JdbcClient jdbc, ObjectMapper json, Tenants tenants, WebhookProperties settings, HttpClient http, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = Objects.requireNonNull(json, "json");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One tick: queue what finished, send what is due. */
    public void run() {
        try {
            enqueueFinished();
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Webhooks: this round failed ({}); the next one tries again", e.toString());
        }
    }

    /** Queues a delivery for each finished session (within the lookback) of a tenant with a webhook; returns how many. */
    public int enqueueFinished() {
        int queued = 0;
        Instant now = clock.instant();
        for (Map.Entry<String, WebhookProperties.Endpoint> entry : settings.tenants().entrySet()) {
            Optional<Tenant> tenant = tenants.findByName(entry.getKey());
            if (tenant.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> finished = jdbc.sql("""
                            SELECT s.id, s.user_id, s.external_reference, s.status, s.completed_at, s.state FROM liveness_session s
                            WHERE s.tenant_id = ? AND s.status <> 'IN_PROGRESS' AND s.completed_at >= ?
                              AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.session_id = s.id)
                            ORDER BY s.completed_at LIMIT ?""")
                    .params(tenant.get().id(), time(now.minus(settings.lookback())), BATCH).query().listOfRows();
            for (Map<String, Object> row : finished) {
                String body = body((String) row.get("id"), (String) row.get("external_reference"), (String) row.get("status"),
                        instant(row.get("completed_at")), (String) row.get("state"));
                try {
                    jdbc.sql("""
                                    INSERT INTO webhook_delivery (id, tenant_id, user_id, session_id, url, body, status, attempts,
                                                                  next_attempt_at, created_at)
                                    VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                            .params(UUID.randomUUID().toString(), tenant.get().id(), row.get("user_id"), row.get("id"),
                                    entry.getValue().url().toString(), body, time(now), time(now))
                            .update();
                    queued++;
                } catch (DuplicateKeyException raced) {
                    // Another instance queued it.
                }
            }
        }
        return queued;
    }

    /** The body: what the backend needs to act, no photos and no biometric data. */
    private String body(String sessionId, String externalReference, String status, Instant completedAt, String state) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "liveness.session.finished");
        body.put("sessionId", sessionId);
        if (externalReference != null) {
            body.put("externalReference", externalReference);
        }
        body.put("status", status);
        body.put("completedAt", completedAt == null ? null : completedAt.toString());
        JsonNode result;
        try {
            result = json.readTree(state).path("result");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored session state of " + sessionId + " is not valid JSON", e);
        }
        if (result.isObject()) {
            ObjectNode summary = body.putObject("result");
            for (String field : List.of("isAlive", "confidence", "antiSpoofScore", "faceMatchScore", "failureReason", "captureMode")) {
                if (result.has(field)) {
                    summary.set(field, result.get(field));
                }
            }
        }
        return body.toString();
    }

    /** Sends each due delivery once; returns how many attempts were made. */
    public int deliverDue() {
        Instant now = clock.instant();
        List<Delivery> due = jdbc.sql("SELECT * FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at LIMIT ?")
                .params(time(now), BATCH).query(WebhookDeliveries::map).list();
        int attempts = 0;
        for (Delivery d : due) {
            // Claim the attempt: another instance that read the same row loses here.
            Instant lease = now.plus(settings.timeout().multipliedBy(3));
            if (jdbc.sql("UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING' AND next_attempt_at = ?")
                    .params(time(lease), d.id(), time(d.nextAttemptAt())).update() != 1) {
                continue;
            }
            attempt(d);
            attempts++;
        }
        return attempts;
    }

    private void attempt(Delivery d) {
        WebhookProperties.Endpoint endpoint = tenants.findById(d.tenantId())
                .map(t -> settings.tenants().get(t.name()))
                .filter(e -> e.url().toString().equals(d.url()))
                .orElse(null);
        Integer code = null;
        String error;
        if (endpoint == null) {
            error = "no webhook is configured for this tenant and URL any more";
        } else {
            byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "OpenLiveness-Webhook/1")
                    .header(WebhookSignature.DELIVERY_HEADER, d.id())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(endpoint.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                code = response.statusCode();
                error = code / 100 == 2 ? null : "HTTP " + code;
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
        }
        Instant now = clock.instant();
        int attempts = d.attempts() + 1;
        if (error == null) {
            jdbc.sql("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, last_attempt_at = ?, last_status_code = ?,"
                            + " last_error = NULL, next_attempt_at = NULL, delivered_at = ? WHERE id = ?")
                    .params(attempts, time(now), code, time(now), d.id()).update();
            return;
        }
        String trimmed = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        boolean giveUp = attempts >= settings.maxAttempts() || endpoint == null;
        jdbc.sql("UPDATE webhook_delivery SET status = ?, attempts = ?, last_attempt_at = ?, last_status_code = ?, last_error = ?,"
                        + " next_attempt_at = ? WHERE id = ?")
                .params(giveUp ? "FAILED" : "PENDING", attempts, time(now), code, trimmed,
                        giveUp ? null : time(now.plus(settings.backoffAfter(attempts))), d.id())
                .update();
        if (giveUp) {
            log.warn("Webhook delivery {} for session {} failed after {} attempts: {}", d.id(), d.sessionId(), attempts, trimmed);
        }
    }

    /** The delivery log of a session, if it was queued. */
    public Optional<Delivery> find(String sessionId) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE session_id = ?").param(sessionId).query(WebhookDeliveries::map).optional();
    }

    /** Deletes the tenant's user's deliveries (for an erasure); returns how many. */
    public int eraseUser(String tenantId, String userId) {
        return jdbc.sql("DELETE FROM webhook_delivery WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId).update();
    }

    /** Deletes deliveries queued before {@code cutoff}; returns how many. */
    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM webhook_delivery WHERE created_at < ?").param(time(cutoff)).update();
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer lastStatusCode = rs.wasNull() ? null : code;
        return new Delivery(rs.getString("id"), rs.getString("tenant_id"), rs.getString("session_id"), rs.getString("url"),
                rs.getString("body"), rs.getString("status"), rs.getInt("attempts"), instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                lastStatusCode, rs.getString("last_error"), instant(rs.getObject("delivered_at", OffsetDateTime.class)));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.Instant t) {
            return t;
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
