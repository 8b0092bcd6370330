package org.openliveness.cli;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.tenant.Tenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code apikey}: manage the API keys integrating backends call the service with. */
@Command(name = "apikey", mixinStandardHelpOptions = true,
        description = {"Manage API keys, in the server's database. With the embedded H2 database,",
            "run it while the server is stopped (one process at a time opens H2);",
            "with PostgreSQL, at any time."},
        subcommands = ApiKeyCommand.Create.class)
final class ApiKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code apikey create}: a new key, printed once. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an API key for a tenant (created if new) and print it on standard output.",
                "The key is shown only this once: the server keeps only its SHA-256.",
                "Exit status: 0 created, 2 invalid arguments, 1 the database could not be used."})
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", required = true, paramLabel = "NAME", description = "The integrating application (1-100 characters)")
        String tenant;

        @Option(names = "--scopes", required = true, paramLabel = "LIST",
                description = "Comma-separated: liveness, identity, audit, admin")
        String scopes;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Set<Scope> parsed;
            try {
                parsed = Scope.parseList(scopes);
                Tenants.requireValidName(tenant);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 2;
            }
            String key;
            try {
                key = createKey(parsed);
            } catch (RuntimeException e) {
                err.println("error: cannot create the key: " + ServerDatabase.describe(e));
                err.flush();
                return 1;
            }
            out.println(key);
            out.flush();
            err.println("Created an API key for tenant '" + tenant + "' (" + Scope.format(parsed) + "); it is shown only this once."
                    + " Send it in the X-API-Key header: curl -H \"X-API-Key: $KEY\" http://localhost:8080/v1/...");
            err.flush();
            return 0;
        }

        private String createKey(Set<Scope> parsed) {
            return ServerDatabase.with(dataDir, context -> context.getBean(ApiKeys.class).create(tenant, parsed));
        }
    }
}
