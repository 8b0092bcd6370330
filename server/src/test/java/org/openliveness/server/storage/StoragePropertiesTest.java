package org.openliveness.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class StoragePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    static class Bind {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void defaultsAreThirtyDaysRetentionPurgedHourlyWithAGeneratedKey() {
        runner.run(context -> {
            StorageProperties storage = context.getBean(StorageProperties.class);
            assertThat(storage.retention()).isEqualTo(Duration.ofDays(30));
            assertThat(storage.purgeInterval()).isEqualTo(Duration.ofHours(1));
            assertThat(storage.encryptionKey()).isNull();
        });
    }

    @Test
    void aZeroOrNegativeRetentionOrIntervalStopsTheStart() {
        runner.withPropertyValues("openliveness.storage.retention=0s").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("openliveness.storage.retention=-1d").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("openliveness.storage.purge-interval=0s").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("openliveness.storage.retention=7d").run(context ->
                assertThat(context.getBean(StorageProperties.class).retention()).isEqualTo(Duration.ofDays(7)));
    }

    @Test
    void toStringNeverShowsTheKey() {
        StorageProperties storage = new StorageProperties("c2VjcmV0LWtleS1ieXRlcw==", Duration.ofDays(1), Duration.ofHours(1));

        assertThat(storage.toString()).doesNotContain("c2VjcmV0").contains("(set)");
    }
}
