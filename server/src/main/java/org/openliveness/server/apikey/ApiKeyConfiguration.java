package org.openliveness.server.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.openliveness.server.tenant.Tenants;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiKeyConfiguration {

    static {
        // Caller comes from the X-API-Key header, not from request parameters: keep it out of the OpenAPI description.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    ApiKeys apiKeys(JdbcClient jdbc, Tenants tenants, Clock clock) {
        return new ApiKeys(jdbc, tenants, clock, new SecureRandom());
    }

    @Bean
    WebMvcConfigurer apiKeyWebMvcConfigurer(ApiKeys apiKeys) {
        ApiKeyInterceptor interceptor = new ApiKeyInterceptor(apiKeys);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns("/v1/**");
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
