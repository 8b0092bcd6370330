package org.openliveness.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ReplayPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReplayProperties.class)
    static class Bind {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void defaultsAreADayOfFingerprintsPurgedHourly() {
        runner.run(context -> {
            ReplayProperties replay = context.getBean(ReplayProperties.class);
            assertThat(replay.window()).isEqualTo(Duration.ofHours(24));
            assertThat(replay.purgeInterval()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void aZeroOrNegativeWindowOrIntervalStopsTheStart() {
        runner.withPropertyValues("openliveness.replay.window=0s").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("openliveness.replay.window=-1h").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("openliveness.replay.purge-interval=0s").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("openliveness.replay.window=72h", "openliveness.replay.purge-interval=10m").run(context -> {
            assertThat(context.getBean(ReplayProperties.class).window()).isEqualTo(Duration.ofDays(3));
            assertThat(context.getBean(ReplayProperties.class).purgeInterval()).isEqualTo(Duration.ofMinutes(10));
        });
    }
}
