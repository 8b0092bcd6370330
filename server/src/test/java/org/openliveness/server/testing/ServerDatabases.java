package org.openliveness.server.testing;

/**
 * Databases for tests that start whole servers themselves (a server per database kind, as the
 * profile contract tests do): a fresh migrated PostgreSQL database, and its removal.
 */
public final class ServerDatabases {

    private ServerDatabases() {
    }

    /** A new, migrated, empty database on the embedded PostgreSQL server (started once per test JVM). */
    public static TestDatabase freshPostgresql() {
        return EmbeddedPostgresServer.freshDatabase();
    }

    /** Drops a database {@link #freshPostgresql()} made. */
    public static void drop(TestDatabase database) {
        EmbeddedPostgresServer.drop(database);
    }
}
