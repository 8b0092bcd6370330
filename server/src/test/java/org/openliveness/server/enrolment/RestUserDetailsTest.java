package org.openliveness.server.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST user-details provider against a real HTTP server on 127.0.0.1. */
class RestUserDetailsTest {

    private static final byte[] IMAGE = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3};

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Reply reply = exchange -> respond(exchange, 200, "{\"trustedImage\":\"" + Base64.getEncoder().encodeToString(IMAGE) + "\"}");

    interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            paths.add(exchange.getRequestURI().getRawPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            try {
                reply.send(exchange);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private RestUserDetails provider(Duration readTimeout, int retries) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tenants/{tenantId}/users/{userId}/face";
        return new RestUserDetails(new UserDetailsProperties.Rest(url, Duration.ofSeconds(2), readTimeout, retries, 1 << 20,
                Map.of("Authorization", "Bearer s3cret")), new ObjectMapper());
    }

    private RestUserDetails provider() {
        return provider(Duration.ofSeconds(5), 0);
    }

    @Test
    void aKnownUsersImageIsDecodedFromBase64AndTheUserIdIsUrlEncoded() {
        TrustedImage image = provider().trustedImage("t-1", "jane doe/1");
        assertThat(image.image()).isEqualTo(IMAGE);
        assertThat(image.userId()).isEqualTo("jane doe/1");
        assertThat(paths).containsExactly("/tenants/t-1/users/jane%20doe%2F1/face");
        assertThat(authorizations).containsExactly("Bearer s3cret");
    }

    @Test
    void notFoundMeansNotEnrolled() {
        reply = exchange -> respond(exchange, 404, "");
        assertThatThrownBy(() -> provider().trustedImage("t", "u")).isInstanceOf(UserDetailsException.NotEnrolled.class);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aKnownUserWithoutImageIsDetailsMissing() {
        for (String body : List.of("{}", "{\"trustedImage\":null}", "{\"trustedImage\":\"\"}")) {
            reply = exchange -> respond(exchange, 200, body);
            assertThatThrownBy(() -> provider().trustedImage("t", "u")).as(body)
                    .isInstanceOf(UserDetailsException.DetailsMissing.class);
        }
    }

    @Test
    void serverErrorsAndGarbageAreRemoteFailures() {
        Map<String, Reply> replies = Map.of(
                "500", exchange -> respond(exchange, 500, "{\"trustedImage\":\"AAAA\"}"),
                "503", exchange -> respond(exchange, 503, ""),
                "401", exchange -> respond(exchange, 401, ""),
                "not json", exchange -> respond(exchange, 200, "<html>oops</html>"),
                "json array", exchange -> respond(exchange, 200, "[1,2]"),
                "not base64", exchange -> respond(exchange, 200, "{\"trustedImage\":\"***not base64***\"}"),
                "number", exchange -> respond(exchange, 200, "{\"trustedImage\":42}"));
        replies.forEach((name, r) -> {
            reply = r;
            assertThatThrownBy(() -> provider().trustedImage("t", "u")).as(name).isInstanceOf(UserDetailsException.Remote.class);
        });
    }

    @Test
    void aReplyLongerThanTheLimitIsARemoteFailure() {
        reply = exchange -> respond(exchange, 200, "{\"trustedImage\":\"" + "A".repeat(2 << 20) + "\"}");
        assertThatThrownBy(() -> provider().trustedImage("t", "u")).isInstanceOf(UserDetailsException.Remote.class);
    }

    @Test
    void aSlowProviderTimesOutAfterTheReadTimeout() {
        reply = exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{}");
        };
        long start = System.nanoTime();
        assertThatThrownBy(() -> provider(Duration.ofMillis(300), 0).trustedImage("t", "u"))
                .isInstanceOf(UserDetailsException.Remote.class);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).as("gave up after the read timeout, not after the provider's 3 s").isBetween(250L, 2500L);
    }

    @Test
    void retriesAreOffByDefaultAndTheConfiguredCountIsHonoured() {
        reply = exchange -> respond(exchange, 502, "");
        assertThatThrownBy(() -> provider().trustedImage("t", "u")).isInstanceOf(UserDetailsException.Remote.class);
        assertThat(requests).as("retries off by default").hasValue(1);

        requests.set(0);
        assertThatThrownBy(() -> provider(Duration.ofSeconds(5), 2).trustedImage("t", "u")).isInstanceOf(UserDetailsException.Remote.class);
        assertThat(requests).as("one request and two retries").hasValue(3);

        requests.set(0);
        AtomicInteger calls = new AtomicInteger();
        reply = exchange -> {
            if (calls.incrementAndGet() == 1) {
                respond(exchange, 503, "");
            } else {
                respond(exchange, 200, "{\"trustedImage\":\"" + Base64.getEncoder().encodeToString(IMAGE) + "\"}");
            }
        };
        assertThat(provider(Duration.ofSeconds(5), 1).trustedImage("t", "u").image()).isEqualTo(IMAGE);
        assertThat(requests).hasValue(2);
    }

    @Test
    void theDefaultsAreBuiltInAndForRestTwoSecondsToConnectFiveToReadAndNoRetry() {
        UserDetailsProperties none = bind(Map.of());
        assertThat(none.provider()).isEqualTo(UserDetailsProperties.Provider.BUILT_IN);
        UserDetailsProperties rest = bind(Map.of("openliveness.user-details.provider", "rest",
                "openliveness.user-details.rest.url-template", "http://127.0.0.1/{userId}"));
        assertThat(rest.provider()).isEqualTo(UserDetailsProperties.Provider.REST);
        assertThat(rest.rest().retries()).isZero();
        assertThat(rest.rest().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(rest.rest().readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(bind(Map.of("openliveness.user-details.provider", "built-in")).provider())
                .isEqualTo(UserDetailsProperties.Provider.BUILT_IN);
    }

    private static UserDetailsProperties bind(Map<String, String> properties) {
        return new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(properties))
                .bindOrCreate("openliveness.user-details", UserDetailsProperties.class);
    }

    @Test
    void aNotFoundIsNeverRetried() {
        reply = exchange -> respond(exchange, 404, "");
        assertThatThrownBy(() -> provider(Duration.ofSeconds(5), 3).trustedImage("t", "u"))
                .isInstanceOf(UserDetailsException.NotEnrolled.class);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aRefusedConnectionIsARemoteFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        RestUserDetails refused = new RestUserDetails(new UserDetailsProperties.Rest("http://127.0.0.1:" + closedPort + "/{userId}",
                Duration.ofSeconds(1), Duration.ofSeconds(2), 0, 1 << 20, null), new ObjectMapper());
        assertThatThrownBy(() -> refused.trustedImage("t", "u")).isInstanceOf(UserDetailsException.Remote.class);
    }

    @Test
    void aTemplateWithoutUserIdOrHttpSchemeStopsTheStart() {
        assertThatThrownBy(() -> new RestUserDetails(new UserDetailsProperties.Rest("http://x/users", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0, 1 << 20, null), new ObjectMapper()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{userId}");
        assertThatThrownBy(() -> new RestUserDetails(new UserDetailsProperties.Rest("file:///{userId}", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0, 1 << 20, null), new ObjectMapper()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> new RestUserDetails(new UserDetailsProperties.Rest(null, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0, 1 << 20, null), new ObjectMapper()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("url-template");
    }

    @Test
    void settingsNeverPrintHeaderValues() {
        assertThat(new UserDetailsProperties.Rest("http://x/{userId}", Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 1 << 20,
                Map.of("Authorization", "Bearer s3cret")).toString()).contains("Authorization").doesNotContain("s3cret");
    }
}
