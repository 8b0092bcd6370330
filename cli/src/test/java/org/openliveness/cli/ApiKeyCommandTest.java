package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.server.Sha256;
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

    private static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath() + "/openliveness;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** The server's own key check, on the H2 database the command wrote. */
    private static ApiKeys serverApiKeys(Path dataDir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url(dataDir));
        h2.setUser("sa");
        h2.setPassword("");
        JdbcClient jdbc = JdbcClient.create(h2);
        return new ApiKeys(jdbc, new Tenants(jdbc, Clock.systemUTC()), Clock.systemUTC(), new SecureRandom());
    }

    @Test
    void createPrintsOnlyTheKeyOnStdoutAndTheKeyAuthenticatesWithItsScopes(@TempDir Path dataDir) {
        Run run = run("apikey", "create", "--tenant", "acme", "--scopes", "liveness,audit", "--dev", "--data-dir", dataDir.toString());

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
        Run run = run("apikey", "create", "--tenant", "acme", "--scopes", "liveness,root", "--dev", "--data-dir", dataDir.toString());

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

    @Test
    void aNewDataDirectoryAndItsKeyFileAreOwnerOnly(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("new").resolve("data");
        assertEquals(0, run("apikey", "create", "--tenant", "acme", "--scopes", "liveness", "--dev", "--data-dir", dataDir.toString()).exit());

        assertTrue(Files.exists(dataDir.resolve("openliveness.mv.db")), "the database is in the new directory");
        if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("encryption.key"))));
        }
    }

    /**
     * Without H2's AUTO_SERVER (a TCP port with user sa and no password) one process at a time
     * opens the embedded database: while another holds it, the command says so and exits 1.
     */
    @Test
    void aDatabaseHeldByARunningServerIsAClearErrorNotAStackTrace(@TempDir Path dataDir) throws Exception {
        assertEquals(0, run("apikey", "create", "--tenant", "acme", "--scopes", "liveness", "--dev", "--data-dir", dataDir.toString()).exit());
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.h2.tools.Shell", "-url", h2Url(dataDir), "-user", "sa", "-password", "")
                .redirectErrorStream(true).start();
        try {
            BufferedReader shell = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            holder.getOutputStream().write("select 1;\n".getBytes(StandardCharsets.UTF_8));
            holder.getOutputStream().flush();
            for (String line = shell.readLine(); line != null && !line.contains("(1 row"); line = shell.readLine()) {
                // wait until the other process has the database open
            }

            Run run = run("apikey", "create", "--tenant", "acme", "--scopes", "liveness", "--dev", "--data-dir", dataDir.toString());

            assertEquals(1, run.exit());
            assertEquals("", run.out());
            assertTrue(run.err().contains("in use by another process") && run.err().contains("stop the server"), run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void listShowsEveryKeyWithoutItsSecretAndRevokeStopsOne(@TempDir Path dataDir) {
        String dir = dataDir.toString();
        Run acme = run("apikey", "create", "--tenant", "acme", "--scopes", "liveness,audit", "--expires-in", "30d", "--dev", "--data-dir", dir);
        Run globex = run("apikey", "create", "--tenant", "globex", "--scopes", "admin", "--dev", "--data-dir", dir);
        assertEquals(0, acme.exit(), acme.err());
        assertEquals(0, globex.exit(), globex.err());
        String acmeKey = acme.out().strip();
        assertTrue(acme.err().contains("expires 20"), "create says when the key expires: " + acme.err());

        Run all = run("apikey", "list", "--dev", "--data-dir", dir);
        assertEquals(0, all.exit(), all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals(3, lines.size(), all.out());
        assertTrue(lines.get(0).matches("ID\\s+TENANT\\s+PREFIX\\s+SCOPES\\s+CREATED\\s+EXPIRES\\s+REVOKED\\s+STATUS"), lines.get(0));
        String acmeLine = lines.get(1);
        assertTrue(acmeLine.contains(" acme ") && acmeLine.contains(acmeKey.substring(0, 12)) && acmeLine.contains("liveness,audit")
                && acmeLine.endsWith("active"), acmeLine);
        assertFalse(all.out().contains(acmeKey.substring(12)), "never the secret");
        assertFalse(all.out().contains(Sha256.hex(acmeKey)), "nor its hash");
        String acmeId = acmeLine.split("\\s+")[0];

        Run onlyGlobex = run("apikey", "list", "--tenant", "globex", "--dev", "--data-dir", dir);
        assertEquals(2, onlyGlobex.out().lines().count(), onlyGlobex.out());
        assertTrue(onlyGlobex.out().contains(" globex "), onlyGlobex.out());

        Run revoke = run("apikey", "revoke", acmeId, "--dev", "--data-dir", dir);
        assertEquals(0, revoke.exit(), revoke.err());
        assertTrue(revoke.err().contains("Revoked") && revoke.err().contains(acmeKey.substring(0, 12)), revoke.err());
        assertTrue(serverApiKeys(dataDir).authenticate(acmeKey).isEmpty(), "a revoked key no longer authenticates");
        assertTrue(run("apikey", "list", "--tenant", "acme", "--dev", "--data-dir", dir).out().lines().skip(1).findFirst().orElseThrow()
                .endsWith("revoked"));

        Run again = run("apikey", "revoke", acmeId, "--dev", "--data-dir", dir);
        assertEquals(0, again.exit());
        assertTrue(again.err().contains("already revoked"), again.err());
        Run unknown = run("apikey", "revoke", "no-such-id", "--dev", "--data-dir", dir);
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no API key with id 'no-such-id'"), unknown.err());
    }

    @Test
    void anInvalidExpiryIsAUsageErrorAndNoKey(@TempDir Path dataDir) {
        for (String expiresIn : List.of("soon", "0d", "-1h")) {
            Run run = run("apikey", "create", "--tenant", "acme", "--scopes", "liveness", "--expires-in", expiresIn,
                    "--dev", "--data-dir", dataDir.toString());
            assertEquals(2, run.exit(), expiresIn);
            assertEquals("", run.out());
            assertTrue(run.err().contains("--expires-in"), run.err());
        }
    }
}
