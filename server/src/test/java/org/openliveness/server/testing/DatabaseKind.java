package org.openliveness.server.testing;

/** The databases every repository test runs on. */
public enum DatabaseKind {
    /** In-memory H2 with the production settings (PostgreSQL mode, lower-case names, nulls last). */
    H2,
    /** A real PostgreSQL (zonky embedded binaries, one server per test JVM). */
    POSTGRESQL
}
