package org.openliveness.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseCompactionTest {

    private static JdbcDataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }

    private static int setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as(name).isTrue();
                return Integer.parseInt(row.getString(1));
            }
        }
    }

    @Test
    void rewritesTheChunksThatCommitsLeftMostlyEmpty(@TempDir Path dir) throws Exception {
        // As the service's embedded database: every commit written at once. RETENTION_TIME=0 frees an
        // emptied chunk at the next commit instead of after H2's 45 s, so the test need not wait.
        JdbcDataSource dataSource = h2("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection connection = dataSource.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE session (id INT PRIMARY KEY, state VARCHAR(20), photo VARCHAR(2000))");
            }
            String photo = "x".repeat(1500);
            for (int i = 0; i < 300; i++) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO session VALUES (?, 'STARTED', ?)")) {
                    insert.setInt(1, i);
                    insert.setString(2, photo);
                    insert.executeUpdate();
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE session SET state = 'DONE' WHERE id = ?")) {
                    update.setInt(1, i / 2);
                    update.executeUpdate();
                }
            }
            int chunksBefore = setting(connection, "info.CHUNK_COUNT");
            int fillBefore = setting(connection, "info.CHUNKS_FILL_RATE");
            assertThat(chunksBefore).as("a chunk per commit, most of them kept for one live row").isGreaterThan(100);
            assertThat(fillBefore).isLessThan(50);

            new EmbeddedDatabaseCompaction(dataSource).run();
            assertThat(EmbeddedDatabaseCompaction.fileStoreOf(connection).orElseThrow().hasUnsavedChanges())
                    .as("the rewritten pages are committed, not left in the heap for the next transaction").isFalse();
            try (Statement commit = connection.createStatement()) {
                commit.executeUpdate("UPDATE session SET state = 'DONE' WHERE id = 299");
                commit.executeUpdate("UPDATE session SET state = 'DONE' WHERE id = 298");
            }

            assertThat(setting(connection, "info.CHUNK_COUNT")).isLessThan(chunksBefore / 10);
            assertThat(setting(connection, "info.CHUNKS_FILL_RATE")).isGreaterThan(fillBefore);
            try (Statement count = connection.createStatement(); ResultSet rows = count.executeQuery(
                    "SELECT COUNT(*), SUM(CASE WHEN state = 'DONE' THEN 1 ELSE 0 END) FROM session")) {
                rows.next();
                assertThat(rows.getInt(1)).as("nothing lost").isEqualTo(300);
                assertThat(rows.getInt(2)).isEqualTo(152);
            }
        }
    }

    @Test
    void leavesDatabasesWithoutAFileAlone() throws Exception {
        JdbcDataSource memory = h2("jdbc:h2:mem:compaction;DB_CLOSE_DELAY=0");
        try (Connection open = memory.getConnection()) {
            assertThat(EmbeddedDatabaseCompaction.fileStoreOf(open)).isEmpty();
            new EmbeddedDatabaseCompaction(memory).run();
            assertThat(open.isValid(1)).isTrue();
        }
    }
}
