package org.openliveness.server.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The server clock of {@link IntegrationTest} contexts: a {@link PausableClock} (the system's time unless paused),
 * preferred to the server's own {@code java.time.Clock} bean wherever a clock is injected. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    @Primary
    PausableClock pausableClock() {
        return new PausableClock();
    }
}
