package org.openliveness.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded H2 default as the server opens it. */
@IntegrationTest
class EmbeddedDatabaseTest {

    @Autowired
    OpenLivenessProperties settings;
    @Autowired
    JdbcClient jdbc;

    /**
     * With {@code AUTO_SERVER=TRUE} H2 starts a TCP server for the database (user {@code sa}, no
     * password) and advertises its address in the lock file as {@code server=host:port}; every
     * local user could then read and change the database, API keys included.
     */
    @Test
    void theDatabaseOpensNoTcpServer() throws Exception {
        assertThat(jdbc.sql("select count(*) from api_key").query(Long.class).single()).isNotNull();

        Path lock = settings.dataDir().resolve("openliveness.lock.db");
        if (Files.exists(lock)) {
            Properties advertised = new Properties();
            try (Reader in = Files.newBufferedReader(lock)) {
                advertised.load(in);
            }
            assertThat(advertised.getProperty("server")).as("TCP address in %s", lock).isNull();
        }
    }
}
