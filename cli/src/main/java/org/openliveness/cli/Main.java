package org.openliveness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code openliveness} command. */
@Command(name = "openliveness", mixinStandardHelpOptions = true, version = "OpenLiveness 0.1.0",
        description = "Self-hosted face liveness: run the service, manage API keys, analyse photos, benchmark the engine.",
        subcommands = {ServeCommand.class, ApiKeyCommand.class, KeysCommand.class, AnalyzeCommand.class, BenchCommand.class, EvaluateCommand.class, DatasetCommand.class,
            ToolsCommand.class, LoadCommand.class, FuzzCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
