package org.openliveness.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --data-dir} and {@code --dev}, shared by the commands that open the server's database. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = {"Directory of the embedded H2 database and the",
                "generated photo key (default ./data, or",
                "OPENLIVENESS_DATA_DIR). The database part is unused",
                "when SPRING_DATASOURCE_URL is set (PostgreSQL)."})
    Path dataDir;

    @Option(names = "--dev",
            description = {"Development mode: without a configured photo key",
                "(OPENLIVENESS_STORAGE_KEYFILE or _ENCRYPTIONKEY), generate",
                "one into the data directory, beside the data. Without",
                "--dev (or OPENLIVENESS_DEVMODE=true) a key is required."})
    boolean dev;

    /** Spring command-line arguments for the options given (they override every other setting). */
    List<String> springArguments() {
        List<String> args = new java.util.ArrayList<>();
        if (dataDir != null) {
            // H2 needs an absolute or ./-relative path; the absolute form covers both.
            args.add("--openliveness.data-dir=" + dataDir.toAbsolutePath().normalize());
        }
        if (dev) {
            args.add("--openliveness.dev-mode=true");
        }
        return List.copyOf(args);
    }
}
