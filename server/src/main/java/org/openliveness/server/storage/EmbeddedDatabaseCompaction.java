package org.openliveness.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the embedded H2 database's mostly empty chunks, as H2's own background thread would.
 *
 * <p>The embedded database runs with {@code WRITE_DELAY=0}: every commit is written to the file as
 * a new chunk before it returns (a killed process loses nothing it answered). H2 then runs no
 * background thread, and the background thread is also what rewrites the chunks that later commits
 * left mostly empty. Without it a chunk stays as long as one live page does (a photo, a session
 * row): in a 10-minute soak the file grew to 3 GB, its chunks 9 % full on average, and the heap held
 * metadata for every chunk. This job asks the store to rewrite the live pages of chunks filled below
 * {@value #TARGET_FILL_PERCENT} %, at most {@value #WRITE_LIMIT_BYTES} bytes a run (H2's own
 * {@code CHECKPOINT} figures; 20-30 ms with the store locked here), and commits them at once: left
 * uncommitted they would wait in the heap for the next transaction. The emptied chunks are freed
 * once H2's retention time (45 s) has passed, and their space is reused.
 *
 * <p>Does nothing for any other database (PostgreSQL, an H2 server, an in-memory H2). Uses H2's
 * engine classes ({@code MVStore.compact}); they are public, but not H2's documented API, so an H2
 * upgrade must keep {@code EmbeddedDatabaseCompactionTest} passing.
 */
final class EmbeddedDatabaseCompaction implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseCompaction.class);

    static final int TARGET_FILL_PERCENT = 50;
    static final int WRITE_LIMIT_BYTES = 4 * 1024 * 1024;

    private final DataSource dataSource;

    EmbeddedDatabaseCompaction(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void run() {
        try (Connection connection = dataSource.getConnection()) {
            fileStoreOf(connection).ifPresent(store -> {
                if (store.compact(TARGET_FILL_PERCENT, WRITE_LIMIT_BYTES)) {
                    store.commit();
                }
            });
        } catch (SQLException | RuntimeException e) {
            log.warn("Compacting the embedded database failed (tried again at the next interval): {}", e.toString());
        }
    }

    /** The file store of an embedded H2 database behind {@code connection}; empty for any other. */
    static Optional<MVStore> fileStoreOf(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local)) {
            return Optional.empty();
        }
        Store store = local.getDatabase().getStore();
        if (store == null) {
            return Optional.empty();
        }
        MVStore mvStore = store.getMvStore();
        return mvStore.getFileStore() == null || mvStore.isClosed() ? Optional.empty() : Optional.of(mvStore);
    }
}
