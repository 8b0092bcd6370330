package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.tenant.Tenants;
import picocli.CommandLine;

/** {@code openliveness keys} and the photo-key requirement, as an operator meets them. */
class KeysCommandTest {

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

    private static DataDirOption dev(Path dataDir) {
        DataDirOption option = new DataDirOption();
        option.dataDir = dataDir;
        option.dev = true;
        return option;
    }

    @Test
    void generatePrintsAFreshKeyOfThirtyTwoBytes() {
        Run first = run("keys", "generate");
        Run second = run("keys", "generate");

        assertEquals(0, first.exit());
        assertEquals(32, Base64.getDecoder().decode(first.out().strip()).length);
        assertFalse(first.out().equals(second.out()), "random each time");
    }

    @Test
    void withoutDevModeOrAConfiguredKeyServeRefusesToStartAndSaysWhatToDo(@TempDir Path dataDir) {
        Run serve = run("serve", "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
                "--data-dir", dataDir.toString());

        assertEquals(1, serve.exit());
        assertTrue(serve.err().contains("no photo encryption key is configured"), serve.err());
        assertTrue(serve.err().contains("--dev"), serve.err());
        assertFalse(Files.exists(dataDir.resolve("encryption.key")), "no key generated beside the data");
    }

    @Test
    void withAPhotoKeyButNoTokenSigningKeyServeRefusesToStartAndSaysWhatToDo(@TempDir Path dataDir) {
        String photoKey = run("keys", "generate").out().strip();
        Run serve = run("serve", "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
                "--openliveness.storage.encryption-key=" + photoKey, "--data-dir", dataDir.toString());

        assertEquals(1, serve.exit());
        assertTrue(serve.err().contains("no access-token signing key is configured"), serve.err());
        assertTrue(serve.err().contains("openliveness.oauth.signing-key"), serve.err());
        assertTrue(serve.err().contains("keys generate"), serve.err());
        assertFalse(Files.exists(dataDir.resolve("oauth-signing.key")), "no key generated beside the data");
    }

    @Test
    void rotateAddsACurrentKeyReEncryptsThePhotosAndTheyStillOpen(@TempDir Path dataDir) throws Exception {
        String photoId = ServerDatabase.with(dev(dataDir), context -> {
            String tenant = context.getBean(Tenants.class).findOrCreate("acme").id();
            return context.getBean(PhotoStore.class).save(tenant, "u1", null, PhotoKind.REFERENCE, null, new byte[] {1, 2, 3});
        });
        String before = run("keys", "status", "--dev", "--data-dir", dataDir.toString()).out();
        assertEquals(1, before.lines().filter(l -> l.startsWith("* ")).count(), before);

        Run rotate = run("keys", "rotate", "--dev", "--data-dir", dataDir.toString());

        assertEquals(0, rotate.exit(), rotate.err());
        assertTrue(rotate.err().contains("photos: 1 of 1 re-encrypted"), rotate.err());
        Run statusRun = run("keys", "status", "--dev", "--data-dir", dataDir.toString());
        assertEquals(0, statusRun.exit(), statusRun.err());
        List<String> status = statusRun.out().lines().toList();
        assertEquals(2, status.stream().filter(l -> l.startsWith("* ") || l.startsWith("  ")).count(), statusRun.out());
        assertTrue(status.get(1).startsWith("* "), "the new key is current: " + status);
        assertTrue(status.contains("photos under an older key: 0"), String.join("\n", status));
        assertTrue(rotate.err().contains("Added key " + status.get(1).substring(2)), rotate.err());
        byte[] loaded = ServerDatabase.with(dev(dataDir), context -> {
            String tenant = context.getBean(Tenants.class).findByName("acme").orElseThrow().id();
            return context.getBean(PhotoStore.class).load(tenant, photoId).orElseThrow();
        });
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(loaded[0], loaded[1], loaded[2]));
        Run again = run("keys", "rotate", "--resume", "--dev", "--data-dir", dataDir.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("Done: 0 items"), again.err());
    }
}
