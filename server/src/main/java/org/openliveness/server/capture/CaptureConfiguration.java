package org.openliveness.server.capture;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

    /** Right after the security headers, before anything reads the request body. */
    @Bean
    FilterRegistrationBean<CaptureCorsFilter> captureCorsFilter(CaptureProperties settings) {
        FilterRegistrationBean<CaptureCorsFilter> registration = new FilterRegistrationBean<>(new CaptureCorsFilter(settings.allowedOrigins()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
