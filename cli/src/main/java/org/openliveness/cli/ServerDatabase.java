package org.openliveness.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openliveness.server.OpenLivenessServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server's configured database (Flyway migrates it), opened in a non-web context for a
 * command such as {@code apikey}. Spring's console output goes to stderr meanwhile, so stdout
 * carries only what the command prints.
 */
final class ServerDatabase {

    /** H2's "database may be already in use" (another process holds the file). */
    private static final String H2_DATABASE_IN_USE = "90020";

    private ServerDatabase() {}

    /** Runs {@code work} against the server's beans; failures are unchecked, {@link #describe} explains them. */
    static <T> T with(DataDirOption dataDir, Function<ConfigurableApplicationContext, T> work) {
        List<String> args = new ArrayList<>(dataDir.springArguments());
        args.add("--logging.level.root=WARN");
        // The command reports a failure itself, in one line (describe).
        args.add("--logging.level.org.springframework.boot.SpringApplication=OFF");
        args.add("--logging.level.org.springframework.boot.diagnostics=OFF");
        args.add("--logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext=ERROR");
        args.add("--logging.level.com.zaxxer.hikari=OFF");
        args.add("--spring.main.banner-mode=off");
        SpringApplication app = new SpringApplication(OpenLivenessServer.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try (ConfigurableApplicationContext context = app.run(args.toArray(String[]::new))) {
            return work.apply(context);
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * One line saying why the database could not be used: that a running server holds the
     * embedded database, or the innermost cause's message (not Spring's chain of bean names).
     */
    static String describe(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && H2_DATABASE_IN_USE.equals(sql.getSQLState())) {
                return "the embedded database is in use by another process, most likely a running `openliveness serve`."
                        + " H2 lets one process open it at a time: stop the server, run this command, start the server again"
                        + " (with PostgreSQL, keys can be managed while the server runs)";
            }
            if (t.getMessage() != null) {
                innermost = t;
            }
        }
        return innermost.getMessage() == null ? failure.getClass().getSimpleName() : innermost.getMessage();
    }
}
