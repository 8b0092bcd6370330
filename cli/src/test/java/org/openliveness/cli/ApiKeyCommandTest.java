package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.tenant.Tenants;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/** {@code openliveness apikey create} as an operator runs it. */
class ApiKeyCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The server's own key check, on the H2 database the command wrote. */
    private static ApiKeys serverApiKeys(Path dataDir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.toAbsolutePath() + "/openliveness;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
        h2.setUser("sa");
        h2.setPassword("");
        JdbcClient jdbc = JdbcClient.create(h2);
        return new ApiKeys(jdbc, new Tenants(jdbc, Clock.systemUTC()), Clock.systemUTC(), new SecureRandom());
    }

    @Test
    void createPrintsOnlyTheKeyOnStdoutAndTheKeyAuthenticatesWithItsScopes(@TempDir Path dataDir) {
        Run run = run("apikey", "create", "--tenant", "acme", "--scopes", "liveness,audit", "--data-dir", dataDir.toString());

        assertEquals(0, run.exit(), run.err());
        String key = run.out().strip();
        assertTrue(key.matches("olk_[A-Za-z0-9_-]{43}"), "stdout is exactly one key: " + run.out());
        assertEquals(1, run.out().lines().count());
        assertTrue(run.err().contains("X-API-Key"), run.err());
        assertFalse(run.err().contains(key), "the key is printed once, on stdout only");

        Caller caller = serverApiKeys(dataDir).authenticate(key).orElseThrow(() -> new AssertionError("the printed key does not authenticate"));
        assertEquals("acme", caller.tenantName());
        assertEquals(Set.of(Scope.LIVENESS, Scope.AUDIT), caller.scopes());
        assertTrue(dataDir.resolve("encryption.key").toFile().isFile(), "the embedded defaults live in --data-dir");
    }

    @Test
    void anUnknownScopeIsExitStatus2WithTheValidScopesAndNoKey(@TempDir Path dataDir) {
        Run run = run("apikey", "create", "--tenant", "acme", "--scopes", "liveness,root", "--data-dir", dataDir.toString());

        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("unknown scope 'root'"), run.err());
        assertTrue(run.err().contains("liveness,identity,audit,admin"), run.err());
        assertFalse(dataDir.resolve("openliveness.mv.db").toFile().exists(), "nothing was opened");
    }

    @Test
    void missingOptionsAreAUsageErrorAndApikeyAloneShowsItsSubcommands() {
        assertEquals(2, run("apikey", "create", "--tenant", "acme").exit());
        Run bare = run("apikey");
        assertEquals(2, bare.exit());
        assertTrue(bare.err().contains("create"), bare.err());
    }
}
