package org.openliveness.server.checkproxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openliveness.server.OpenLivenessServer;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole OpenLiveness server for the seed-001 tests, on 127.0.0.1 and a random port, with its own
 * data directory, optionally on a given database, and with a user-details service of its own: a
 * JDK HTTP server on 127.0.0.1 that answers the REST provider's contract from {@link #users}
 * (an unknown user is 404; see {@link UserDetails} for the other answers).
 */
final class CheckProxyServer implements AutoCloseable {

    /** What the fake user-details service answers for a user. */
    sealed interface UserDetails {
        /** 200 with the image. */
        record Image(byte[] bytes) implements UserDetails {
        }

        /** 200 without an image: the user is known, no trusted image. */
        record NoImage() implements UserDetails {
        }

        /** 500: the service fails. */
        record Fails() implements UserDetails {
        }
    }

    final Map<String, UserDetails> users = new ConcurrentHashMap<>();
    final ConfigurableApplicationContext context;
    final URI base;
    private final HttpServer userDetails;

    /**
     * @param db         the database, or null for the embedded default (an H2 file database in the data directory)
     * @param properties more settings, {@code name=value}
     */
    CheckProxyServer(TestDatabase db, String... properties) throws IOException {
        userDetails = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        userDetails.createContext("/users/", exchange -> {
            try (exchange) {
                String userId = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring("/users/".length()),
                        StandardCharsets.UTF_8);
                UserDetails found = users.get(userId);
                int status;
                String body;
                if (found == null) {
                    status = 404;
                    body = "{\"error\":\"unknown user\"}";
                } else if (found instanceof UserDetails.Image image) {
                    status = 200;
                    body = "{\"userId\":\"" + userId + "\",\"trustedImage\":\"" + Base64.getEncoder().encodeToString(image.bytes()) + "\"}";
                } else if (found instanceof UserDetails.NoImage) {
                    status = 200;
                    body = "{\"userId\":\"" + userId + "\"}";
                } else {
                    status = 500;
                    body = "internal error";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        userDetails.start();

        Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        Path dataDir = Files.createTempDirectory(base, "check-proxy-");
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--openliveness.data-dir=" + dataDir,
                "--openliveness.user-details.provider=rest",
                "--openliveness.user-details.rest.url-template=http://127.0.0.1:" + userDetails.getAddress().getPort() + "/users/{userId}"));
        if (db != null) {
            args.add("--spring.datasource.url=" + db.jdbcUrl());
            args.add("--spring.datasource.username=" + db.username());
            args.add("--spring.datasource.password=" + db.password());
            args.add("--spring.datasource.hikari.maximum-pool-size=4");
        }
        for (String p : properties) {
            args.add("--" + p);
        }
        ConfigurableApplicationContext started;
        try {
            started = new SpringApplicationBuilder(OpenLivenessServer.class).main(OpenLivenessServer.class).run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            userDetails.stop(0);
            throw e;
        }
        context = started;
        this.base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() {
        context.close();
        userDetails.stop(0);
    }
}
