package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code openliveness serve} as an operator runs it: Spring settings given as {@code --name=value}. */
class ServeCommandTest {

    private record Run(int exit, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), err.toString());
    }

    private static ServeCommand parsed(String... args) {
        CommandLine cli = Main.commandLine();
        cli.parseArgs(args);
        return cli.getSubcommands().get("serve").getCommand();
    }

    @Test
    void springSettingsAreHandedToSpringAsGivenAfterTheCommandsOwnOptions(@TempDir Path dataDir) {
        ServeCommand serve = parsed("serve", "--server.port=18091", "--data-dir", dataDir.toString(),
                "--openliveness.session.ttl=5m", "--logging.level.root=");

        assertEquals(List.of("--openliveness.data-dir=" + dataDir.toAbsolutePath().normalize(),
                "--server.port=18091", "--openliveness.session.ttl=5m", "--logging.level.root="), serve.springArguments());
    }

    @Test
    void anythingButNameEqualsValueIsAUsageErrorAndNothingStarts() {
        Run spaced = run("serve", "--server.port", "18091");
        assertEquals(2, spaced.exit());
        assertTrue(spaced.err().contains("unknown argument '--server.port'") && spaced.err().contains("--name=value"), spaced.err());

        Run positional = run("serve", "now");
        assertEquals(2, positional.exit());
        assertTrue(positional.err().contains("unknown argument 'now'"), positional.err());
    }

    @Test
    void aSettingGivenTwiceIsAUsageError() {
        Run twice = run("serve", "--port", "9000", "--server.port=9001");
        assertEquals(2, twice.exit());
        assertTrue(twice.err().contains("server.port is given twice"), twice.err());
    }

    @Test
    void theServiceListensWhereTheSpringSettingsSay(@TempDir Path dataDir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CommandLine cli = Main.commandLine();
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("serve",
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=0", "--dev", "--data-dir", dataDir.toString()));
        try {
            HttpResponse<String> reply = poll(URI.create("http://127.0.0.1:" + port + "/v1/verifications/liveness/unknown"), exit);
            assertEquals(401, reply.statusCode(), "the API answers on the port given as --server.port");
            assertTrue(reply.body().contains("INVALID_API_KEY"), reply.body());
        } finally {
            // Tomcat answers before SpringApplication.run returns (the management port starts after it).
            for (int i = 0; i < 300 && serve.context == null && !exit.isDone(); i++) {
                Thread.sleep(100);
            }
            if (serve.context != null) {
                serve.context.close();
            }
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    private static HttpResponse<String> poll(URI uri, CompletableFuture<Integer> exit) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (exit.isDone()) {
                throw new AssertionError("serve exited with " + exit.get() + " before answering");
            }
            try {
                return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing answered on " + uri, notYet);
                }
                Thread.sleep(200);
            }
        }
    }
}
