package org.openliveness.server.erasure;

import org.openliveness.server.audit.AuditLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

    @Bean
    UserErasure userErasure(JdbcClient jdbc, AuditLog auditLog, PlatformTransactionManager transactionManager) {
        return new UserErasure(jdbc, auditLog, new TransactionTemplate(transactionManager));
    }
}
