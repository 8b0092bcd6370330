package org.openliveness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Makes data sets in the format {@code evaluate} reads. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Make data sets in the evaluation format (LABELS.csv: file,label,extra).",
        subcommands = DatasetCommand.Synth.class)
final class DatasetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: synth");
    }

    /** {@code dataset synth}: made-up head turns, expressions and presentation attacks from real portraits. */
    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {"Write made-up data set folders rendered from real single-face photos:",
                "head-pose (frontal, turn_subject_left/right, look_up/down), eyes (closed/open), mouth (mouth_open/mouth_closed),",
                "smile (smile/neutral) and attacks (real/spoof: simulated prints and screen replays).",
                "Every folder gets a README.md and a MADE-UP marker; the output is the same for the same sources and seed.",
                "The sources' own expression is the negative class (neutral, eyes open, mouth closed): choose sources that show it."})
    static final class Synth implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write the data set folders into")
        Path out;

        @Option(names = "--source", required = true, arity = "1..*", paramLabel = "PHOTO",
                description = "source photos, or folders of them (JPEG, PNG, WebP): one face each, or any number with --crop-faces")
        List<Path> sources;

        @Option(names = "--crop-faces", description = "cut every face of each source (with a margin) into its own portrait")
        boolean cropFaces;

        @Option(names = "--min-face", paramLabel = "PX", defaultValue = "80",
                description = "with --crop-faces: skip faces whose box is narrower than this (default: ${DEFAULT-VALUE})")
        int minFace;

        @Option(names = "--width", paramLabel = "PX", defaultValue = "512",
                description = "with --crop-faces: width of each portrait (default: ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--max-subjects", paramLabel = "N", description = "use at most N portraits (default: all)")
        Integer maxSubjects;

        @Option(names = "--faces", split = ",", paramLabel = "N",
                description = {"use only these portraits, by number (1, 2, … in source order; with --crop-faces, faces",
                    "within a source from left to right, as a run without --faces prints them); their subject ids keep the numbers"})
        Set<Integer> faces;

        @Option(names = "--folders", split = ",", paramLabel = "NAME",
                description = "write only these folders, of head-pose, eyes, mouth, smile, attacks, bursts (default: all)")
        List<String> folders;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "20261202", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--models", paramLabel = "DIR", description = "load models from this folder instead of the bundled ones")
        Path modelDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Path> files = new ArrayList<>();
            for (Path source : sources) {
                if (Files.isDirectory(source)) {
                    try (Stream<Path> list = Files.list(source)) {
                        list.filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png|webp)"))
                                .sorted().forEach(files::add);
                    }
                } else if (Files.isRegularFile(source)) {
                    files.add(source);
                } else {
                    throw new ParameterException(spec.commandLine(), "no such file or folder: " + source);
                }
            }
            if (folders == null) {
                folders = SynthDataset.FOLDERS;
            }
            if (faces == null) {
                faces = Set.of();
            }
            for (String f : folders) {
                if (!SynthDataset.FOLDERS.contains(f)) {
                    throw new ParameterException(spec.commandLine(), "unknown folder '" + f + "', expected one of " + SynthDataset.FOLDERS);
                }
            }
            if (files.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no photos among the sources");
            }
            EngineConfig config = modelDir == null ? EngineConfig.DEFAULTS : EngineConfig.DEFAULTS.withModelDir(modelDir);
            String command = "openliveness " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            SynthDataset synth = new SynthDataset(seed, width, minFace, command, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            try (FaceEngine engine = FaceEngine.create(config)) {
                List<SynthDataset.Subject> subjects = synth.subjects(engine, files, cropFaces, faces,
                        maxSubjects == null ? Integer.MAX_VALUE : maxSubjects);
                if (subjects.isEmpty()) {
                    spec.commandLine().getErr().println("error: no usable face among the sources"
                            + (cropFaces ? "" : " (each source needs exactly one face; try --crop-faces)"));
                    return 1;
                }
                synth.write(subjects, out, folders);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
