package org.openliveness.server.ratelimit;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /** Right after the security headers, before CORS, the API key and any parsing of the body. */
    @Bean
    FilterRegistrationBean<ClientAddressLimit> clientAddressLimit(RateLimitProperties limits, Clock clock) {
        FilterRegistrationBean<ClientAddressLimit> registration = new FilterRegistrationBean<>(
                new ClientAddressLimit(RateLimitProperties.perMinute(limits.perAddressPerMinute()), clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/v1/*");
        return registration;
    }
}
