package org.openliveness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code openliveness} command. */
@Command(name = "openliveness", mixinStandardHelpOptions = true, version = "OpenLiveness 0.1.0",
        description = "Self-hosted face liveness: analyse photos, benchmark the engine.",
        subcommands = {AnalyzeCommand.class, BenchCommand.class, ToolsCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
