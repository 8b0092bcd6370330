package org.openliveness.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openliveness.server.apikey.ApiKeyInfo;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.tenant.Tenants;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code apikey}: manage the API keys integrating backends call the service with. */
@Command(name = "apikey", mixinStandardHelpOptions = true,
        description = {"Manage API keys, in the server's database. With the embedded H2 database,",
            "run it while the server is stopped (one process at a time opens H2);",
            "with PostgreSQL, at any time."},
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Seconds are enough for an operator; the database keeps microseconds. */
    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
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

        @Option(names = "--expires-in", paramLabel = "DURATION",
                description = {"The key stops working this long after now: 30d, 12h, 90m",
                    "(or ISO-8601, P30D). Default: never."})
        String expiresIn;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Set<Scope> parsed;
            Optional<Duration> validFor;
            try {
                parsed = Scope.parseList(scopes);
                Tenants.requireValidName(tenant);
                validFor = Optional.ofNullable(expiresIn).map(Create::validity);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 2;
            }
            ApiKeys.NewKey issued;
            try {
                issued = ServerDatabase.with(dataDir, context -> context.getBean(ApiKeys.class).issue(tenant, parsed, validFor));
            } catch (RuntimeException e) {
                err.println("error: cannot create the key: " + ServerDatabase.describe(e));
                err.flush();
                return 1;
            }
            out.println(issued.key());
            out.flush();
            err.println("Created API key " + issued.id() + " for tenant '" + tenant + "' (" + Scope.format(parsed) + "; "
                    + issued.expiresAt().map(at -> "expires " + time(at)).orElse("never expires") + "); it is shown only this once."
                    + " Send it in the X-API-Key header: curl -H \"X-API-Key: $KEY\" http://localhost:8080/v1/...");
            err.flush();
            return 0;
        }

        private static Duration validity(String text) {
            Duration duration;
            try {
                duration = DurationStyle.detectAndParse(text.strip());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException("--expires-in '" + text + "' is not a duration (30d, 12h, 90m or P30D)");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--expires-in must be positive, got '" + text + "'");
            }
            return duration;
        }
    }

    /** {@code apikey list}: every key, without its secret. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List API keys, oldest first: id, tenant, the key's first 12 characters, scopes,",
                "created, expires and revoked (UTC), and whether it works now. Never the key itself.",
                "Exit status: 0 listed (possibly none), 1 the database could not be used."})
    static final class ListKeys implements Callable<Integer> {

        private static final List<String> HEADER = List.of("ID", "TENANT", "PREFIX", "SCOPES", "CREATED", "EXPIRES", "REVOKED", "STATUS");

        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", paramLabel = "NAME", description = "Only this tenant's keys")
        String tenant;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<ApiKeyInfo> keys;
            try {
                keys = ServerDatabase.with(dataDir, context -> context.getBean(ApiKeys.class).list(Optional.ofNullable(tenant)));
            } catch (RuntimeException e) {
                err.println("error: cannot list the keys: " + ServerDatabase.describe(e));
                err.flush();
                return 1;
            }
            Instant now = Instant.now();
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADER);
            for (ApiKeyInfo key : keys) {
                rows.add(List.of(key.id(), key.tenant(), key.keyPrefix(), Scope.format(key.scopes()), time(key.createdAt()),
                        key.expiresAt().map(ApiKeyCommand::time).orElse("-"), key.revokedAt().map(ApiKeyCommand::time).orElse("-"),
                        key.status(now).name().toLowerCase(Locale.ROOT)));
            }
            printTable(out, rows);
            out.flush();
            return 0;
        }

        /** Left-aligned columns two spaces apart; the last column is not padded. */
        private static void printTable(PrintWriter out, List<List<String>> rows) {
            int columns = rows.get(0).size();
            int[] widths = new int[columns];
            for (List<String> row : rows) {
                for (int c = 0; c < columns; c++) {
                    widths[c] = Math.max(widths[c], row.get(c).length());
                }
            }
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    line.append(c + 1 < columns ? String.format("%-" + widths[c] + "s  ", row.get(c)) : row.get(c));
                }
                out.println(line);
            }
        }
    }

    /** {@code apikey revoke}: a key stops working at once. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke an API key by its id (from `apikey list` or `apikey create`): it stops",
                "working at once (401 INVALID_API_KEY). Revoking a revoked key changes nothing.",
                "Exit status: 0 revoked or already revoked, 1 no such key or the database could not be used."})
    static final class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The key's id")
        String id;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            ApiKeys.Revocation outcome;
            Optional<ApiKeyInfo> key;
            try {
                record Result(ApiKeys.Revocation outcome, Optional<ApiKeyInfo> key) {}
                Result result = ServerDatabase.with(dataDir, context -> {
                    ApiKeys apiKeys = context.getBean(ApiKeys.class);
                    ApiKeys.Revocation revocation = apiKeys.revoke(id);
                    return new Result(revocation, apiKeys.find(id));
                });
                outcome = result.outcome();
                key = result.key();
            } catch (RuntimeException e) {
                err.println("error: cannot revoke the key: " + ServerDatabase.describe(e));
                err.flush();
                return 1;
            }
            String which = key.map(k -> " (tenant '" + k.tenant() + "', " + k.keyPrefix() + "...)").orElse("");
            switch (outcome) {
                case REVOKED -> err.println("Revoked API key " + id + which + ".");
                case ALREADY_REVOKED -> err.println("API key " + id + which + " was already revoked at "
                        + key.flatMap(ApiKeyInfo::revokedAt).map(ApiKeyCommand::time).orElse("?") + ".");
                case NOT_FOUND -> err.println("error: no API key with id '" + id + "' (see `openliveness apikey list`)");
            }
            err.flush();
            return outcome == ApiKeys.Revocation.NOT_FOUND ? 1 : 0;
        }
    }
}
