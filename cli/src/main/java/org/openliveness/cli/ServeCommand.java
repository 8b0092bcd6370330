package org.openliveness.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openliveness.server.OpenLivenessServer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code serve}: runs the HTTP service until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP service until stopped (Ctrl-C or SIGTERM).",
            "Serves the /v1 API on --port (8080), and /actuator/health and",
            "/actuator/prometheus on the management port (8081, 127.0.0.1 only;",
            "--management.server.port, --management.server.address); with",
            "--openliveness.management.expose-api-docs=true also /actuator/openapi/all",
            "and /actuator/swagger-ui there. It keeps an H2 database in ./data;",
            "it needs a photo key (OPENLIVENESS_STORAGE_KEYFILE, see",
            "`openliveness keys`), or --dev to generate one in ./data. Set",
            "SPRING_DATASOURCE_URL, _USERNAME and _PASSWORD for PostgreSQL.",
            "Any other setting can follow as --name=value, as Spring Boot takes",
            "it (--server.port=9090, --openliveness.session.ttl=5m).",
            "Create an API key with `openliveness apikey create`."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080, or server.port / SERVER_PORT)")
    Integer port;

    @Mixin
    DataDirOption dataDir;

    /** Everything picocli does not know: Spring settings as {@code --name=value}, checked in {@link #call}. */
    @Unmatched
    List<String> springSettings = new ArrayList<>();

    /** The running service's context, once started; tests close it to stop the command. */
    volatile ConfigurableApplicationContext context;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (port != null && (port < 0 || port > 65535)) {
            err.println("error: --port must be between 0 and 65535");
            return 2;
        }
        List<String> args;
        try {
            args = springArguments();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplication(OpenLivenessServer.class).run(args.toArray(String[]::new));
            this.context = context;
        } catch (RuntimeException e) {
            // Spring Boot has already logged the details (for example the port is in use).
            err.println("error: the server did not start: " + ServerDatabase.describe(e));
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            // Only the service's own context: the management port's child context closes first.
            if (event instanceof ContextClosedEvent closing && closing.getApplicationContext() == context) {
                closed.countDown();
            }
        });
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }

    /**
     * The arguments Spring Boot is started with: {@code --data-dir} and {@code --port} in
     * their Spring form, then every unknown option as given. Each unknown option must read
     * {@code --name=value}; a setting may be given once only (Spring would join two values of
     * one name with a comma).
     *
     * @throws IllegalArgumentException naming the offending argument
     */
    List<String> springArguments() {
        List<String> args = new ArrayList<>(dataDir.springArguments());
        if (port != null) {
            args.add("--server.port=" + port);
        }
        for (String setting : springSettings) {
            int eq = setting.indexOf('=');
            if (!setting.startsWith("--") || eq <= 2) {
                throw new IllegalArgumentException("unknown argument '" + setting
                        + "'; Spring settings are given as --name=value (for example --server.port=9090)");
            }
            args.add(setting);
        }
        Set<String> names = new HashSet<>();
        for (String arg : args) {
            String name = arg.substring(2, arg.indexOf('='));
            if (!names.add(name)) {
                throw new IllegalArgumentException(name + " is given twice"
                        + (name.equals("server.port") ? " (--port and --server.port)" : "")
                        + (name.equals("openliveness.data-dir") ? " (--data-dir and --openliveness.data-dir)" : "")
                        + (name.equals("openliveness.dev-mode") ? " (--dev and --openliveness.dev-mode)" : ""));
            }
        }
        return args;
    }
}
