package org.openliveness.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import org.openliveness.server.OpenLivenessServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole server for the API profiles' contract tests, one per {@link DatabaseKind} and test JVM:
 * on H2 (a file database in a fresh data directory, as in production) or on a fresh database of the
 * embedded PostgreSQL; 127.0.0.1, random port; the user-details provider replaced by
 * {@link FakeUserDetails}; the access-token signing key {@link #SIGNING_KEY}, so that tests can mint
 * tokens this server accepts (an expired one, say). Started on first use and closed at JVM exit.
 * Tests share it: give each its own tenant.
 */
public final class ProfileServer {

    /** Base64 of the 32-byte token-signing key the servers are configured with. */
    public static final String SIGNING_KEY;
    private static final Map<DatabaseKind, ProfileServer> SERVERS = new EnumMap<>(DatabaseKind.class);

    static {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SIGNING_KEY = Base64.getEncoder().encodeToString(key);
    }

    private final ConfigurableApplicationContext context;
    private final URI base;

    private ProfileServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** The server on this kind of database, started if need be. */
    public static synchronized ProfileServer on(DatabaseKind kind) {
        return SERVERS.computeIfAbsent(kind, ProfileServer::start);
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Every bean of this type, by name. */
    public <T> Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    /** A path on the management port (Actuator and, here, the OpenAPI documents). */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port")).resolve(path);
    }

    private static ProfileServer start(DatabaseKind kind) {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
            Path dataDir = Files.createTempDirectory(base, "profiles-" + kind.name().toLowerCase() + "-");
            String url;
            String user;
            String password;
            if (kind == DatabaseKind.POSTGRESQL) {
                TestDatabase db = EmbeddedPostgresServer.freshDatabase();
                url = db.jdbcUrl();
                user = db.username();
                password = db.password();
            } else {
                url = "jdbc:h2:file:" + dataDir + "/openliveness;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
                user = "sa";
                password = "";
            }
            ConfigurableApplicationContext context = new SpringApplicationBuilder(OpenLivenessServer.class, FakeUserDetails.class)
                    .main(OpenLivenessServer.class).run(
                            "--server.port=0",
                            "--server.address=127.0.0.1",
                            "--management.server.port=0",
                            "--openliveness.management.expose-api-docs=true",
                            "--openliveness.data-dir=" + dataDir,
                            "--openliveness.oauth.signing-key=" + SIGNING_KEY,
                            "--spring.datasource.url=" + url,
                            "--spring.datasource.username=" + user,
                            "--spring.datasource.password=" + password,
                            "--spring.datasource.hikari.maximum-pool-size=4");
            ProfileServer server = new ProfileServer(context);
            Runtime.getRuntime().addShutdownHook(new Thread(context::close));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
