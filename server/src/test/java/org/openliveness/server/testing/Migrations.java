package org.openliveness.server.testing;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the server's Flyway migrations, as the server does at start. */
public final class Migrations {

    private Migrations() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
