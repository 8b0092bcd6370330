package org.openliveness.server.erasure;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

    @Bean
    UserErasure userErasure(List<PersonalData> features, PlatformTransactionManager transactionManager) {
        return new UserErasure(features, new TransactionTemplate(transactionManager));
    }
}
