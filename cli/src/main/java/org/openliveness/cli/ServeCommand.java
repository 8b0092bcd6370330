package org.openliveness.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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

/** {@code serve}: runs the HTTP service until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP service until stopped (Ctrl-C or SIGTERM).",
            "Serves the /v1 API, /actuator/health, /actuator/prometheus,",
            "/v3/api-docs and /swagger-ui.html. With no configuration it keeps",
            "an H2 database and a generated photo key in ./data; set",
            "SPRING_DATASOURCE_URL, _USERNAME and _PASSWORD for PostgreSQL.",
            "Create an API key with `openliveness apikey create`."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080, or server.port / SERVER_PORT)")
    Integer port;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (port != null && (port < 0 || port > 65535)) {
            err.println("error: --port must be between 0 and 65535");
            return 2;
        }
        List<String> args = new ArrayList<>(dataDir.springArguments());
        if (port != null) {
            args.add("--server.port=" + port);
        }
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplication(OpenLivenessServer.class).run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            // Spring Boot has already logged why (for example the port is in use).
            err.println("error: the server did not start");
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }
}
