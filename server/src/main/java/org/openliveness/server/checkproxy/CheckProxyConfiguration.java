package org.openliveness.server.checkproxy;

import java.time.Clock;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.audit.AuditTrail;
import org.openliveness.server.enrolment.UserDetailsProvider;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.session.SingleImageChecks;
import org.openliveness.server.storage.PhotoStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The seed-001 profile, unless {@code openliveness.profiles.check-proxy.enabled} is false. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "openliveness.profiles.check-proxy", name = "enabled", havingValue = "true", matchIfMissing = true)
class CheckProxyConfiguration {

    @Bean
    CheckProxy checkProxy(LivenessSessions sessions, SingleImageChecks singleImages, UserDetailsProvider userDetails,
                          PhotoStore photos, AuditLog audit, AuditTrail trail, CheckProxyProperties settings, Clock clock) {
        return new CheckProxy(sessions, singleImages, userDetails, photos, audit, trail, settings, clock);
    }

    /** X-API-Key on the profile's paths (the native API's interceptor covers only {@code /v1/**}). */
    @Bean
    WebMvcConfigurer checkProxyAuthentication(ApiKeys apiKeys, CheckProxyProperties settings) {
        CheckProxyAuthentication authentication = new CheckProxyAuthentication(apiKeys);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(authentication)
                        .addPathPatterns(settings.pathPrefix() + "/liveness/**", settings.pathPrefix() + "/admin/audit/**");
            }
        };
    }
}
