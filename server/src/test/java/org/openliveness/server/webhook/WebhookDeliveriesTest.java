package org.openliveness.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.server.Sha256;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhooks against a real HTTP receiver on 127.0.0.1. */
class WebhookDeliveriesTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    private static final String SECRET = "whsec-a-long-enough-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Received(Map<String, String> headers, byte[] body) {}

    /** A receiver answering the n-th request (0-based) with {@code statusFor(n)}. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();
        final AtomicInteger count = new AtomicInteger();

        Receiver(IntUnaryOperator statusFor) throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(Map.of(
                        "ts", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER)),
                        "sig", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER)),
                        "id", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER))), body));
                exchange.sendResponseHeaders(statusFor.applyAsInt(count.getAndIncrement()), -1);
                exchange.close();
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private final MutableClock clock = new MutableClock(T0);

    private WebhookDeliveries deliveries(TestDatabase db, URI url, int maxAttempts) {
        WebhookProperties settings = new WebhookProperties(true, Map.of("acme", new WebhookProperties.Endpoint(url, SECRET)), maxAttempts,
                Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofHours(1),
                Duration.ofDays(30));
        return new WebhookDeliveries(db.jdbc(), JSON, new Tenants(db.jdbc(), clock), settings, HttpClient.newHttpClient(), clock);
    }

    private void session(JdbcClient jdbc, String tenantId, String id, String status, String state) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO liveness_session (id, tenant_id, user_id, external_reference, token_hash, status, created_at, expires_at,
                                              completed_at, version, state)
                VALUES (?, ?, 'user-1', 'order-9', ?, ?, ?, ?, ?, 1, ?)""")
                .params(id, tenantId, Sha256.hex(id), status, now.minusMinutes(2), now.plusMinutes(8),
                        "IN_PROGRESS".equals(status) ? null : now, state)
                .update();
    }

    private static final String VERDICT = """
            {"challenges":[{"id":"ch_1","type":"SMILE","status":"MET","attempts":1,"photoId":"p1"}],
             "result":{"isAlive":true,"confidence":0.81,"antiSpoofScore":0.9,"faceMatchScore":0.95,"checks":[{"check":"SMILE"}]}}""";

    private static String hmacHex(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @DatabaseTest
    void aStoredVerdictIsPostedOnceSignedOverTimestampDotBody(TestDatabase db) throws Exception {
        Tenants tenants = new Tenants(db.jdbc(), clock);
        String acme = tenants.findOrCreate("acme").id();
        String other = tenants.findOrCreate("other").id();
        session(db.jdbc(), acme, "s-done", "COMPLETED", VERDICT);
        session(db.jdbc(), acme, "s-running", "IN_PROGRESS", "{}");
        session(db.jdbc(), other, "s-other", "COMPLETED", VERDICT);
        try (Receiver receiver = new Receiver(n -> 204)) {
            WebhookDeliveries webhooks = deliveries(db, receiver.url(), 3);

            assertThat(webhooks.enqueueFinished()).as("finished sessions of tenants with a webhook only").isEqualTo(1);
            assertThat(webhooks.enqueueFinished()).as("queued once").isZero();
            assertThat(webhooks.deliverDue()).isEqualTo(1);

            assertThat(receiver.received).hasSize(1);
            Received got = receiver.received.get(0);
            String body = new String(got.body(), StandardCharsets.UTF_8);
            String expected = "v1=" + hmacHex(SECRET, got.headers().get("ts") + "." + body);
            assertThat(MessageDigest.isEqual(expected.getBytes(), got.headers().get("sig").getBytes())).as("signature verifies").isTrue();
            assertThat(Long.parseLong(got.headers().get("ts"))).isEqualTo(T0.getEpochSecond());
            JsonNode json = JSON.readTree(body);
            assertThat(json.path("sessionId").asText()).isEqualTo("s-done");
            assertThat(json.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(json.path("externalReference").asText()).isEqualTo("order-9");
            assertThat(json.path("result").path("isAlive").asBoolean()).isTrue();
            assertThat(json.path("result").path("confidence").asDouble()).isEqualTo(0.81);
            assertThat(body).doesNotContain("user-1").doesNotContain("photoId").doesNotContain("checks");
            WebhookDeliveries.Delivery log = webhooks.find("s-done").orElseThrow();
            assertThat(log.status()).isEqualTo("DELIVERED");
            assertThat(log.attempts()).isEqualTo(1);
            assertThat(log.lastStatusCode()).isEqualTo(204);
            assertThat(got.headers().get("id")).isEqualTo(log.id());
            assertThat(webhooks.deliverDue()).as("nothing more to send").isZero();
        }
    }

    @DatabaseTest
    void aFailedAttemptIsRetriedAfterABackoff(TestDatabase db) throws Exception {
        String acme = new Tenants(db.jdbc(), clock).findOrCreate("acme").id();
        session(db.jdbc(), acme, "s1", "COMPLETED", VERDICT);
        try (Receiver receiver = new Receiver(n -> n == 0 ? 500 : 200)) {
            WebhookDeliveries webhooks = deliveries(db, receiver.url(), 3);
            webhooks.enqueueFinished();

            webhooks.deliverDue();
            WebhookDeliveries.Delivery afterFirst = webhooks.find("s1").orElseThrow();
            assertThat(afterFirst.status()).isEqualTo("PENDING");
            assertThat(afterFirst.lastStatusCode()).isEqualTo(500);
            assertThat(afterFirst.lastError()).isEqualTo("HTTP 500");
            assertThat(afterFirst.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));

            clock.advance(Duration.ofSeconds(9));
            assertThat(webhooks.deliverDue()).as("not before the backoff").isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(webhooks.deliverDue()).isEqualTo(1);

            WebhookDeliveries.Delivery delivered = webhooks.find("s1").orElseThrow();
            assertThat(delivered.status()).isEqualTo("DELIVERED");
            assertThat(delivered.attempts()).isEqualTo(2);
            assertThat(delivered.lastError()).isNull();
            assertThat(receiver.received).hasSize(2);
            assertThat(receiver.received.get(1).headers().get("id")).as("same delivery id on a retry")
                    .isEqualTo(receiver.received.get(0).headers().get("id"));
        }
    }

    @DatabaseTest
    void itGivesUpAfterMaxAttemptsWithBackoffsDoubling(TestDatabase db) throws Exception {
        String acme = new Tenants(db.jdbc(), clock).findOrCreate("acme").id();
        session(db.jdbc(), acme, "s1", "EXPIRED", "{}");
        try (Receiver receiver = new Receiver(n -> 500)) {
            WebhookDeliveries webhooks = deliveries(db, receiver.url(), 3);
            webhooks.enqueueFinished();

            webhooks.deliverDue();
            clock.advance(Duration.ofSeconds(10));
            webhooks.deliverDue();
            assertThat(webhooks.find("s1").orElseThrow().nextAttemptAt()).as("10 s, then 20 s").isEqualTo(clock.instant().plusSeconds(20));
            clock.advance(Duration.ofSeconds(20));
            webhooks.deliverDue();
            clock.advance(Duration.ofHours(1));
            assertThat(webhooks.deliverDue()).as("given up").isZero();

            WebhookDeliveries.Delivery failed = webhooks.find("s1").orElseThrow();
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.nextAttemptAt()).isNull();
            assertThat(receiver.received).hasSize(3);
            assertThat(JSON.readTree(receiver.received.get(0).body()).path("status").asText()).isEqualTo("EXPIRED");
        }
    }

    @DatabaseTest
    void anUnreachableReceiverIsLoggedAsTheError(TestDatabase db) throws Exception {
        String acme = new Tenants(db.jdbc(), clock).findOrCreate("acme").id();
        session(db.jdbc(), acme, "s1", "COMPLETED", VERDICT);
        URI closed;
        try (Receiver receiver = new Receiver(n -> 200)) {
            closed = receiver.url();
        }
        WebhookDeliveries webhooks = deliveries(db, closed, 2);
        webhooks.enqueueFinished();

        webhooks.deliverDue();

        WebhookDeliveries.Delivery log = webhooks.find("s1").orElseThrow();
        assertThat(log.status()).isEqualTo("PENDING");
        assertThat(log.lastStatusCode()).isNull();
        assertThat(log.lastError()).contains("ConnectException");
        assertThat(webhooks.eraseUser(acme, "user-1")).as("erased with the user").isEqualTo(1);
    }
}
