package org.openliveness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openliveness.devkit.pose.CanonicalFace;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.ImageAnalysis;
import org.openliveness.engine.image.ImageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Maintenance tools for the engine's own data files. */
@Command(name = "tools", mixinStandardHelpOptions = true, description = "Maintenance tools for the engine's data files.",
        subcommands = {ToolsCommand.CanonicalFaceCommand.class})
final class ToolsCommand {

    /** Rebuilds the canonical frontal mesh the head-pose measure is relative to. */
    @Command(name = "canonical-face", mixinStandardHelpOptions = true,
            description = {"Build the canonical frontal face mesh from the photos labelled 'neutral' in DATASET/LABELS.csv",
                "(photos with exactly one face), as the Procrustes mean levelled by left-right symmetry."})
    static final class CanonicalFaceCommand implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DATASET", description = "folder with LABELS.csv (file,label,extra)")
        Path dataset;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the mesh")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<double[]> meshes = new ArrayList<>();
            int used = 0;
            try (FaceEngine engine = FaceEngine.create(EngineConfig.DEFAULTS)) {
                for (String line : Files.readAllLines(dataset.resolve("LABELS.csv")).stream().skip(1).toList()) {
                    String[] fields = line.split(",");
                    if (fields.length < 2 || !fields[1].equals("neutral")) {
                        continue;
                    }
                    try {
                        ImageAnalysis a = engine.analyze(Files.readAllBytes(dataset.resolve(fields[0])));
                        if (a.faces().size() == 1) {
                            FaceAnalysis f = a.faces().get(0);
                            meshes.add(f.landmarks());
                            used++;
                        }
                    } catch (ImageException e) {
                        System.err.println(fields[0] + ": " + e.getMessage());
                    }
                }
            }
            Files.writeString(out, CanonicalFace.format(CanonicalFace.build(meshes),
                    "Canonical frontal face mesh: " + used + " neutral photos of " + dataset.getFileName()));
            System.out.println("wrote " + out + " from " + used + " meshes");
            return 0;
        }
    }
}
