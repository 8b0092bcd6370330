package org.openliveness.server.testing;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the Flyway migrations applied and no rows, for one test invocation.
 *
 * @param jdbcUrl usable as {@code spring.datasource.url} (with {@code username}/{@code password})
 */
public record TestDatabase(DatabaseKind kind, String jdbcUrl, String username, String password, DataSource dataSource) {

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Transactions on this database, as the server's {@code PlatformTransactionManager} makes them. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public String toString() {
        return kind + " " + jdbcUrl;
    }
}
