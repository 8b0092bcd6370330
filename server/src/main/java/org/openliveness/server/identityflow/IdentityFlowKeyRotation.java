package org.openliveness.server.identityflow;

import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.storage.SealedData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The capture tokens identity-flow steps keep, re-sealed by a key rotation even while the profile
 * is disabled (its table and rows stay, and must open once it is enabled again after the old key
 * is gone).
 */
@Configuration(proxyBeanMethods = false)
class IdentityFlowKeyRotation {

    @Bean
    SealedData sealedCaptureTokens(JdbcClient jdbc, PhotoStore photos) {
        return new SealedCaptureTokens(jdbc, photos);
    }
}
