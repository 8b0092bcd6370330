package org.openliveness.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by the commands that open the server's database. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = {"Directory of the embedded H2 database and the",
                "generated photo key (default ./data, or",
                "OPENLIVENESS_DATA_DIR). The database part is unused",
                "when SPRING_DATASOURCE_URL is set (PostgreSQL)."})
    Path dataDir;

    /** Spring command-line arguments for the option, if given (they override every other setting). */
    List<String> springArguments() {
        if (dataDir == null) {
            return List.of();
        }
        // H2 needs an absolute or ./-relative path; the absolute form covers both.
        return List.of("--openliveness.data-dir=" + dataDir.toAbsolutePath().normalize());
    }
}
