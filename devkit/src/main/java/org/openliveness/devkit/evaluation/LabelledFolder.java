package org.openliveness.devkit.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A folder of labelled photos: {@code LABELS.csv} with the columns {@code file,label,extra}
 * and, optionally, {@code pairs.csv} with {@code file_a,file_b,same} ({@code same} is 1 or 0).
 * File paths are relative to the folder. Columns are found by name; other columns are ignored.
 * Values may not contain commas (no quoting). The optional {@code extra} column is free text; where
 * it holds {@code key=value} items separated by {@code ;} (for example
 * {@code subject=s01;attack=print}), {@link Labelled#extra(String)} reads them: {@code subject}
 * groups photos of one person (the baseline of a challenge), {@code attack} names the kind of a
 * presentation attack.
 *
 * <p>A folder holding a file named {@value #MADE_UP_MARKER} contains made-up data (rendered or
 * simulated photos); reports flag every figure measured on it ({@link #madeUp()}).
 *
 * @param root   the folder
 * @param labels one entry per row of {@code LABELS.csv} (empty when the file is absent)
 * @param pairs  one entry per row of {@code pairs.csv} (empty when the file is absent)
 */
public record LabelledFolder(Path root, List<Labelled> labels, List<Pair> pairs) {

    /** Name of the marker file that declares a folder's photos made up. */
    public static final String MADE_UP_MARKER = "MADE-UP";

    /**
     * One labelled photo.
     *
     * @param extra the {@code extra} column, or {@code ""} when absent or blank
     */
    public record Labelled(String file, String label, String extra) {

        public Labelled {
            extra = extra == null ? "" : extra;
        }

        /** A photo without an {@code extra} value. */
        public Labelled(String file, String label) {
            this(file, label, "");
        }

        /** The value of {@code key} among the {@code key=value;…} items of {@code extra}, or {@code ""}. */
        public String extra(String key) {
            for (String item : extra.split(";")) {
                int eq = item.indexOf('=');
                if (eq > 0 && item.substring(0, eq).strip().equals(key)) {
                    return item.substring(eq + 1).strip();
                }
            }
            return "";
        }
    }

    /** Two photos and whether they show the same person. */
    public record Pair(String fileA, String fileB, boolean same) {
    }

    public LabelledFolder {
        labels = List.copyOf(labels);
        pairs = List.copyOf(pairs);
    }

    /**
     * Reads a folder.
     *
     * @throws IllegalArgumentException when the folder has none of the CSVs (a folder of bursts alone
     *                                  reads as one without photos), a required column is
     *                                  missing, or a row is malformed (the message names file and line)
     */
    public static LabelledFolder read(Path root) {
        Path labelsCsv = root.resolve("LABELS.csv");
        Path pairsCsv = root.resolve("pairs.csv");
        if (!Files.isRegularFile(labelsCsv) && !Files.isRegularFile(pairsCsv) && !BurstFolder.present(root)) {
            throw new IllegalArgumentException(root + " has neither LABELS.csv, pairs.csv nor " + BurstFolder.FILE);
        }
        List<Labelled> labels = new ArrayList<>();
        if (Files.isRegularFile(labelsCsv)) {
            for (String[] row : rows(labelsCsv, List.of("file", "label"), List.of("extra"))) {
                labels.add(new Labelled(row[0], row[1], row[2]));
            }
        }
        List<Pair> pairs = new ArrayList<>();
        if (Files.isRegularFile(pairsCsv)) {
            for (String[] row : rows(pairsCsv, List.of("file_a", "file_b", "same"), List.of())) {
                if (!row[2].equals("0") && !row[2].equals("1")) {
                    throw new IllegalArgumentException(pairsCsv + ": 'same' must be 0 or 1, got '" + row[2] + "'");
                }
                pairs.add(new Pair(row[0], row[1], row[2].equals("1")));
            }
        }
        return new LabelledFolder(root, labels, pairs);
    }

    /** Whether the folder declares its photos made up (it holds a {@value #MADE_UP_MARKER} file). */
    public boolean madeUp() {
        return Files.exists(root.resolve(MADE_UP_MARKER));
    }

    /** Every photo the folder names, labels first, each once, in file order. */
    public List<String> files() {
        Set<String> files = new LinkedHashSet<>();
        labels.forEach(l -> files.add(l.file()));
        pairs.forEach(p -> {
            files.add(p.fileA());
            files.add(p.fileB());
        });
        return List.copyOf(files);
    }

    /** The distinct labels, in first-seen order. */
    public Set<String> distinctLabels() {
        Set<String> names = new LinkedHashSet<>();
        labels.forEach(l -> names.add(l.label()));
        return names;
    }

    /** Rows of the required columns, then the optional ones ({@code ""} when absent or blank). */
    private static List<String[]> rows(Path csv, List<String> required, List<String> optional) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty; expected a header with " + required);
        }
        int nRequired = required.size();
        List<String> columns = new ArrayList<>(required);
        columns.addAll(optional);
        List<String> header = Arrays.asList(lines.get(0).strip().replace("\uFEFF", "").split(",", -1));
        int[] index = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            index[i] = header.indexOf(columns.get(i));
            if (index[i] < 0 && i < nRequired) {
                throw new IllegalArgumentException(csv + ": missing column '" + columns.get(i) + "', header is " + header);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String[] row = new String[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                boolean blank = index[i] < 0 || index[i] >= fields.length || fields[index[i]].isBlank();
                if (blank && i < nRequired) {
                    throw new IllegalArgumentException(csv + " line " + (n + 1) + ": no value for '" + columns.get(i) + "'");
                }
                row[i] = blank ? "" : fields[index[i]].strip();
            }
            rows.add(row);
        }
        return rows;
    }
}
