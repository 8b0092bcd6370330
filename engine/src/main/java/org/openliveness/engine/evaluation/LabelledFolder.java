package org.openliveness.engine.evaluation;

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
 * File paths are relative to the folder. Columns are found by name; extra columns are ignored.
 * Values may not contain commas (no quoting).
 *
 * @param root   the folder
 * @param labels one entry per row of {@code LABELS.csv} (empty when the file is absent)
 * @param pairs  one entry per row of {@code pairs.csv} (empty when the file is absent)
 */
public record LabelledFolder(Path root, List<Labelled> labels, List<Pair> pairs) {

    /** One labelled photo. */
    public record Labelled(String file, String label) {
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
     * @throws IllegalArgumentException when the folder has neither CSV, a required column is
     *                                  missing, or a row is malformed (the message names file and line)
     */
    public static LabelledFolder read(Path root) {
        Path labelsCsv = root.resolve("LABELS.csv");
        Path pairsCsv = root.resolve("pairs.csv");
        if (!Files.isRegularFile(labelsCsv) && !Files.isRegularFile(pairsCsv)) {
            throw new IllegalArgumentException(root + " has neither LABELS.csv nor pairs.csv");
        }
        List<Labelled> labels = new ArrayList<>();
        if (Files.isRegularFile(labelsCsv)) {
            for (String[] row : rows(labelsCsv, "file", "label")) {
                labels.add(new Labelled(row[0], row[1]));
            }
        }
        List<Pair> pairs = new ArrayList<>();
        if (Files.isRegularFile(pairsCsv)) {
            for (String[] row : rows(pairsCsv, "file_a", "file_b", "same")) {
                if (!row[2].equals("0") && !row[2].equals("1")) {
                    throw new IllegalArgumentException(pairsCsv + ": 'same' must be 0 or 1, got '" + row[2] + "'");
                }
                pairs.add(new Pair(row[0], row[1], row[2].equals("1")));
            }
        }
        return new LabelledFolder(root, labels, pairs);
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

    private static List<String[]> rows(Path csv, String... columns) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty; expected a header with " + Arrays.toString(columns));
        }
        List<String> header = Arrays.asList(lines.get(0).strip().replace("\uFEFF", "").split(",", -1));
        int[] index = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            index[i] = header.indexOf(columns[i]);
            if (index[i] < 0) {
                throw new IllegalArgumentException(csv + ": missing column '" + columns[i] + "', header is " + header);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String[] row = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                if (index[i] >= fields.length || fields[index[i]].isBlank()) {
                    throw new IllegalArgumentException(csv + " line " + (n + 1) + ": no value for '" + columns[i] + "'");
                }
                row[i] = fields[index[i]].strip();
            }
            rows.add(row);
        }
        return rows;
    }
}
