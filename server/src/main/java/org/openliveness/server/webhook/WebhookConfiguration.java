package org.openliveness.server.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Clock;
import org.openliveness.server.RetentionJob;
import org.openliveness.server.erasure.PersonalData;
import org.openliveness.server.tenant.Tenants;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Webhooks: sent only with {@code openliveness.webhooks.enabled=true}; the delivery log is erased
 * with a user and purged by retention whether or not they are on now.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    WebhookDeliveries webhookDeliveries(JdbcClient jdbc, ObjectMapper json, Tenants tenants, WebhookProperties settings, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        return new WebhookDeliveries(jdbc, json, tenants, settings, http, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "openliveness.webhooks.enabled", havingValue = "true")
    SchedulingConfigurer webhookSchedule(WebhookDeliveries deliveries, WebhookProperties settings) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(deliveries::run, settings.pollInterval(), settings.pollInterval()));
    }

    @Bean
    SchedulingConfigurer webhookRetentionSchedule(WebhookDeliveries deliveries, WebhookProperties settings, Clock clock) {
        return new RetentionJob("webhook deliveries", deliveries::purgeOlderThan, settings.retention(), clock).every(java.time.Duration.ofHours(1));
    }

    /** The delivery log names sessions of a user: erased with them. */
    @Bean
    PersonalData webhookDeliveryData(WebhookDeliveries deliveries) {
        return PersonalData.of("webhookDeliveries", PersonalData.ORDER_DERIVED, deliveries::eraseUser);
    }
}
