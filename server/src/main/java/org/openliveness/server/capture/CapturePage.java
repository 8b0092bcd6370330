package org.openliveness.server.capture;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The browser capture component (module {@code capture}) is served as static files from its jar's
 * {@code META-INF/resources/capture/}: {@code /capture/openliveness-capture.js}, its {@code .d.ts}
 * and the demo page {@code /capture/index.html}. This adds the page's short address
 * {@code /capture/} (and {@code /capture}, redirected there so relative links resolve).
 */
@Configuration(proxyBeanMethods = false)
class CapturePage {

    @Bean
    WebMvcConfigurer capturePageAddress() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/capture", "/capture/");
                registry.addViewController("/capture/").setViewName("forward:/capture/index.html");
            }
        };
    }
}
