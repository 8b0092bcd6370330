package org.openliveness.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class WebhookPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WebhookProperties.class)
    static class Bind {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void offByDefaultAndPerTenantEndpointsBindFromProperties() {
        runner.run(context -> assertThat(context.getBean(WebhookProperties.class).enabled()).isFalse());
        runner.withPropertyValues("openliveness.webhooks.enabled=true",
                        "openliveness.webhooks.tenants.acme.url=https://backend.example/hooks",
                        "openliveness.webhooks.tenants.acme.secret=0123456789abcdef0123")
                .run(context -> {
                    WebhookProperties settings = context.getBean(WebhookProperties.class);
                    assertThat(settings.tenants().get("acme").url()).isEqualTo(URI.create("https://backend.example/hooks"));
                    assertThat(settings.toString()).doesNotContain("0123456789abcdef0123");
                });
    }

    @Test
    void aShortSecretOrAnotherSchemeStopsTheStart() {
        runner.withPropertyValues("openliveness.webhooks.tenants.acme.url=https://b.example/h", "openliveness.webhooks.tenants.acme.secret=short")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("openliveness.webhooks.tenants.acme.url=ftp://b.example/h",
                        "openliveness.webhooks.tenants.acme.secret=0123456789abcdef0123")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theBackoffDoublesUpToTheMaximum() {
        WebhookProperties settings = new WebhookProperties(true, null, 6, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofDays(30));

        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoffAfter(12)).isEqualTo(Duration.ofSeconds(60));
    }
}
