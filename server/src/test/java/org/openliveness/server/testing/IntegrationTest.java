package org.openliveness.server.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.openliveness.server.OpenLivenessServer;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full-context test: the whole server on a random port bound to 127.0.0.1, its management port
 * on another random port of 127.0.0.1 ({@code @LocalManagementPort}; metrics export on, as in
 * production, and the API docs exposed there), capture calls allowed from {@link #CAPTURE_ORIGIN},
 * the server clock a {@link PausableClock} a test may stop,
 * with its embedded
 * defaults (H2 file database, generated photo key) in a fresh temporary data directory. Every
 * class with exactly this annotation (and no other context customisation) shares one cached
 * context, so tests must not assume empty tables: give each test its own tenant
 * ({@code apiKeys.create("it-" + UUID.randomUUID(), ...)}).
 *
 * <pre>{@code
 * @IntegrationTest
 * class SomethingIT {
 *     @Autowired TestRestTemplate http;   // base URL = the random port
 *     @Autowired ApiKeys apiKeys;
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = OpenLivenessServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.port=0", "openliveness.management.expose-api-docs=true",
            "openliveness.capture.allowed-origins=" + IntegrationTest.CAPTURE_ORIGIN,
            // Every test of the JVM calls from 127.0.0.1 into this one shared context; RateLimitHttpTest tests the limit.
            "openliveness.rate-limit.per-address-per-minute=0"})
@ContextConfiguration(initializers = TemporaryDataDir.class)
@Import(TestClockConfiguration.class)
public @interface IntegrationTest {

    /** The one origin whose pages may call the capture endpoints (CORS) in these tests. */
    String CAPTURE_ORIGIN = "https://capture.example.test";
}
