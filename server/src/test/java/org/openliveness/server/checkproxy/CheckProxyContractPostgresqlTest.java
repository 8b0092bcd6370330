package org.openliveness.server.checkproxy;

import org.openliveness.server.testing.ServerDatabases;
import org.openliveness.server.testing.TestDatabase;

/** The seed-001 contract on a real PostgreSQL (embedded binaries). */
class CheckProxyContractPostgresqlTest extends CheckProxyContract {

    private TestDatabase db;

    @Override
    CheckProxyServer start() throws Exception {
        db = ServerDatabases.freshPostgresql();
        return new CheckProxyServer(db, SETTINGS);
    }

    @Override
    void stopDatabase() {
        if (db != null) {
            ServerDatabases.drop(db);
        }
    }
}
