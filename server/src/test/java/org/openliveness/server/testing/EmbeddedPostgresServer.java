package org.openliveness.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL per test JVM, started on first use from the zonky binaries on the test
 * classpath (no Docker, no network; as root it runs through {@code unshare -U}, which zonky does
 * itself) and stopped by zonky's shutdown hook. The migrations are applied once to a template
 * database; every {@link #freshDatabase()} is a copy of it, which takes milliseconds.
 */
final class EmbeddedPostgresServer {

    private static final String TEMPLATE = "openliveness_template";
    private static final String USER = "postgres";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {}

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                execute(started.getPostgresDatabase(), "CREATE DATABASE " + TEMPLATE);
                Migrations.migrate(started.getDatabase(USER, TEMPLATE));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** A new database copied from the migrated template. */
    static TestDatabase freshDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + COUNTER.incrementAndGet();
        execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new TestDatabase(DatabaseKind.POSTGRESQL, pg.getJdbcUrl(USER, name), USER, "", pg.getDatabase(USER, name));
    }

    static void drop(TestDatabase database) {
        String name = database.jdbcUrl().replaceAll(".*/([^/?]+)\\?.*", "$1");
        execute(server().getPostgresDatabase(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
