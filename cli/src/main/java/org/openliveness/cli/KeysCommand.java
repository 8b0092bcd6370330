package org.openliveness.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.openliveness.server.storage.KeyRotation;
import org.openliveness.server.storage.Keyring;
import org.openliveness.server.storage.PhotoKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keys}: the photo encryption keys (generate one, rotate, show the rotation's progress). */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Manage the photo encryption keys. Every stored photo and every sealed template",
            "names the key that sealed it; the keyring holds the current key (the last) and older",
            "ones, which keep opening what they sealed until a rotation has re-encrypted it."},
        subcommands = {KeysCommand.Generate.class, KeysCommand.Rotate.class, KeysCommand.Status.class})
final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code keys generate}: a new key on standard output. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Print a new random photo key (base64 of 32 bytes) on standard output: the first",
                "line of a key file, for example",
                "  openliveness keys generate > /etc/openliveness/photo.keys && chmod 600 /etc/openliveness/photo.keys",
                "then OPENLIVENESS_STORAGE_KEYFILE=/etc/openliveness/photo.keys. Keep it outside the data directory."})
    static final class Generate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(PhotoKeys.generate());
            out.flush();
            return 0;
        }
    }

    /** {@code keys rotate}: a new current key, then everything re-encrypted under it. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Append a new key to the key file (it becomes current; older keys stay), then",
                "re-encrypt every photo and sealed template under it, showing progress. Resumable and",
                "idempotent: if stopped, run `keys rotate --resume` (or let the service finish it: it",
                "re-encrypts in the background, openliveness.storage.rotation-interval). Remove an old",
                "key from the file only once `keys status` shows nothing left under it.",
                "With the embedded H2 database run it while the server is stopped; with PostgreSQL at",
                "any time (running instances read the key file again when they meet the new key).",
                "Exit status: 0 done, 1 failed (the database, the key file, or a photo that does not open)."})
    static final class Rotate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Option(names = "--resume", description = "Do not add a key: finish re-encrypting under the current one")
        boolean resume;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                long total = ServerDatabase.with(dataDir, context -> {
                    PhotoKeys keys = context.getBean(PhotoKeys.class);
                    if (resume) {
                        err.println("Re-encrypting under the current key " + keys.keyring().current().id() + ".");
                    } else {
                        String old = keys.keyring().current().id();
                        String id = keys.rotate();
                        err.println("Added key " + id + " to " + keys.file().orElseThrow() + "; it is now current (was " + old + ").");
                    }
                    err.flush();
                    return keys.rotation().run(p -> {
                        err.println("  " + p.kind() + ": " + p.done() + " of " + p.total() + " re-encrypted");
                        err.flush();
                    });
                });
                err.println("Done: " + total + " items re-encrypted; nothing is left under an older key.");
                err.flush();
                return 0;
            } catch (RuntimeException e) {
                err.println("error: " + ServerDatabase.describe(e));
                err.flush();
                return 1;
            }
        }
    }

    /** {@code keys status}: the keyring and what is left to re-encrypt. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show the keyring (key ids, oldest first, the current one marked) and how many",
                "items are still sealed under an older key. Exit status: 0, 1 the database could not be used."})
    static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                record Report(List<Keyring.Key> keys, String current, List<KeyRotation.Progress> pending) {}
                Report report = ServerDatabase.with(dataDir, context -> {
                    PhotoKeys keys = context.getBean(PhotoKeys.class);
                    return new Report(keys.keyring().keys(), keys.keyring().current().id(), keys.rotation().pending());
                });
                for (Keyring.Key key : report.keys()) {
                    out.println((key.id().equals(report.current()) ? "* " : "  ") + key.id());
                }
                for (KeyRotation.Progress p : report.pending()) {
                    out.println(p.kind() + " under an older key: " + p.total());
                }
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                err.println("error: " + ServerDatabase.describe(e));
                err.flush();
                return 1;
            }
        }
    }
}
