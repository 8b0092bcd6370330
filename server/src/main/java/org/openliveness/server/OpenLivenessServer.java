package org.openliveness.server;

import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The OpenLiveness service. Runs with no configuration: an H2 file database and a generated
 * photo encryption key under {@code openliveness.data-dir} (default {@code ./data}), HTTP on
 * port 8080. {@code SPRING_DATASOURCE_URL}, {@code _USERNAME} and {@code _PASSWORD} switch it to
 * PostgreSQL; the same Flyway migrations run on both.
 */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class OpenLivenessServer {

    /** The server's clock: every stored timestamp comes from it, never from a client. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The embedded H2 database's directory is created owner-only, before H2 would create it. */
    @Bean
    static BeanPostProcessor ownerOnlyDataDirectory(Environment environment) {
        return DataDirectory.beforeTheDataSource(environment);
    }

    public static void main(String[] args) {
        SpringApplication.run(OpenLivenessServer.class, args);
    }
}
