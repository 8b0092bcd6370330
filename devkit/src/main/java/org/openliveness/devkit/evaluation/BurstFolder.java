package org.openliveness.devkit.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.LightSequence;

/**
 * A folder of labelled bursts: {@value #FILE} with the columns {@code burst,challenge,label,times}
 * and, for {@code LIGHT}, {@code colours,colour_ms}. {@code burst} is a sub-folder whose image files,
 * in name order, are the frames; {@code challenge} the challenge they answer; {@code label}
 * {@value #GENUINE} for a person performing it, or the kind of attack ({@code swap},
 * {@code tilted-print}, {@code replayed-video}, …); {@code times} the frames' milliseconds since
 * the start, separated by {@code ;}; {@code colours} the sequence shown ({@code #rrggbb;…}) and
 * {@code colour_ms} how long each was shown. Columns are found by name; values have no commas.
 *
 * @param root    the folder
 * @param bursts  one entry per row
 * @param madeUp  whether the folder holds the {@value LabelledFolder#MADE_UP_MARKER} marker
 */
public record BurstFolder(Path root, List<Entry> bursts, boolean madeUp) {

    /** Name of the burst list. */
    public static final String FILE = "BURSTS.csv";
    /** The label of bona fide bursts. */
    public static final String GENUINE = "genuine";

    /**
     * One labelled burst.
     *
     * @param frames  the frames' files, in order
     * @param timesMs the frames' times, or null
     * @param light   the colours shown ({@code LIGHT}), or null
     */
    public record Entry(String burst, ChallengeType challenge, String label, List<Path> frames, long[] timesMs, LightSequence light) {

        public boolean genuine() {
            return GENUINE.equals(label);
        }
    }

    /** Whether {@code root} holds a burst list. */
    public static boolean present(Path root) {
        return Files.isRegularFile(root.resolve(FILE));
    }

    /**
     * Reads the folder's burst list.
     *
     * @throws IllegalArgumentException naming the line and column of a malformed row
     */
    public static BurstFolder read(Path root) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(FILE), StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(root.resolve(FILE) + " is empty");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::strip).toList();
        int burst = column(header, "burst", root);
        int challenge = column(header, "challenge", root);
        int label = column(header, "label", root);
        int times = header.indexOf("times");
        int colours = header.indexOf("colours");
        int colourMs = header.indexOf("colour_ms");
        List<Entry> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] v = lines.get(n).split(",", -1);
            String where = FILE + " line " + (n + 1);
            try {
                Path dir = root.resolve(v[burst].strip());
                List<Path> frames;
                try (Stream<Path> files = Files.list(dir)) {
                    frames = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                            .sorted().toList();
                }
                long[] t = times < 0 || v[times].isBlank() ? null
                        : Arrays.stream(v[times].split(";")).map(String::strip).mapToLong(Long::parseLong).toArray();
                LightSequence light = colours < 0 || v[colours].isBlank() ? null
                        : new LightSequence(List.of(v[colours].strip().split(";")), Integer.parseInt(v[colourMs].strip()));
                out.add(new Entry(v[burst].strip(), ChallengeType.valueOf(v[challenge].strip()), v[label].strip(), frames, t, light));
            } catch (RuntimeException | IOException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new BurstFolder(root, out, Files.exists(root.resolve(LabelledFolder.MADE_UP_MARKER)));
    }

    private static int column(List<String> header, String name, Path root) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(root.resolve(FILE) + " has no column '" + name + "' (columns: " + header + ")");
        }
        return i;
    }
}
