package org.openliveness.server.checkproxy;

/** The seed-001 contract on the embedded default database (an H2 file database). */
class CheckProxyContractH2Test extends CheckProxyContract {

    @Override
    CheckProxyServer start() throws Exception {
        return new CheckProxyServer(null, SETTINGS);
    }
}
