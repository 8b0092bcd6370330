package org.openliveness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.openliveness.devkit.attack.CameraVariant;
import org.openliveness.devkit.attack.Presentation;
import org.openliveness.devkit.attack.PrintAttack;
import org.openliveness.devkit.attack.ScreenAttack;
import org.openliveness.devkit.evaluation.BurstFolder;
import org.openliveness.devkit.evaluation.LabelledFolder;
import org.openliveness.devkit.synth.Expression;
import org.openliveness.devkit.synth.FaceRenderer;
import org.openliveness.devkit.synth.FlatAttack;
import org.openliveness.devkit.synth.ScreenLight;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.LightSequence;

/**
 * Writes made-up data set folders from real single-face portraits (see {@link DatasetCommand.Synth}).
 *
 * <p>Each (folder, subject) pair draws its random numbers from its own generator seeded with
 * {@code seed}, the folder's name and the subject's number, so the output depends only on the
 * sources, their order and the seed, and adding a subject does not change the others' photos.
 * Photos are written as JPEG at quality {@value #QUALITY} whatever their class, so the file format
 * does not tell classes apart.
 */
final class SynthDataset {

    static final float QUALITY = 0.92f;

    /** The folders {@link #write} can make. */
    static final List<String> FOLDERS = List.of("head-pose", "eyes", "mouth", "smile", "attacks", "bursts");

    /** Head pose changes rendered, in degrees, relative to the source. */
    static final double[] TURNS = {25, 35};
    static final double[] PITCHES = {15, 25};
    /** Largest random pose wobble of photos meant to keep the pose (a person never holds perfectly still). */
    static final double JITTER = 3;

    /**
     * One portrait the data is rendered from.
     *
     * @param id       subject id, {@code s01}, …
     * @param source   the source file
     * @param region   where in the source the portrait was cut ({@code whole photo} without cropping)
     * @param portrait the portrait
     * @param face     its single face as the engine measures it
     */
    record Subject(String id, Path source, String region, RgbImage portrait, FaceAnalysis face) {}

    private final long seed;
    private final int width;
    private final int minFace;
    private final String command;
    private final PrintWriter out;
    private final PrintWriter err;

    SynthDataset(long seed, int width, int minFace, String command, PrintWriter out, PrintWriter err) {
        this.seed = seed;
        this.width = width;
        this.minFace = minFace;
        this.command = command;
        this.out = out;
        this.err = err;
    }

    /**
     * The portraits: each source whole (one face needed), or with {@code crop} each face cut out.
     * Portraits are numbered from 1 in source order (faces within a source from left to right), and
     * keep their number as subject id ({@code s07}) when {@code keep} selects some of them.
     *
     * @param keep portrait numbers to use, or empty for all
     * @param max  the most portraits to use
     */
    List<Subject> subjects(FaceEngine engine, List<Path> files, boolean crop, Set<Integer> keep, int max) throws IOException {
        List<Subject> subjects = new ArrayList<>();
        int number = 0;
        for (Path file : files) {
            RgbImage photo;
            try {
                photo = engine.decode(Files.readAllBytes(file)).image();
            } catch (ImageException e) {
                err.println(file + ": skipped, " + e.code() + ": " + e.getMessage());
                continue;
            }
            List<FaceAnalysis> faces = new ArrayList<>(engine.analyze(photo));
            if (!crop) {
                if (faces.size() != 1) {
                    err.println(file + ": skipped, " + faces.size() + " faces found; one is needed (or use --crop-faces)");
                    continue;
                }
                number++;
                if (subjects.size() < max && (keep.isEmpty() || keep.contains(number))) {
                    subjects.add(new Subject(id(number), file, "whole photo", photo, faces.get(0)));
                }
                continue;
            }
            faces.sort(Comparator.comparingDouble((FaceAnalysis f) -> f.box().x()).thenComparingDouble(f -> f.box().y()));
            for (FaceAnalysis face : faces) {
                if (subjects.size() >= max) {
                    break;
                }
                Box box = face.box();
                String where = String.format(Locale.ROOT, "face box x=%.0f y=%.0f w=%.0f h=%.0f", box.x(), box.y(), box.width(), box.height());
                if (box.width() < minFace) {
                    err.println(file + ": " + where + " skipped, narrower than " + minFace + " px");
                    continue;
                }
                Subject s = portrait(engine, photo, face, file, where, number + 1, 0.6, 0.5);
                if (s == null) {
                    s = portrait(engine, photo, face, file, where, number + 1, 0.25, 0.25);
                }
                if (s == null) {
                    err.println(file + ": " + where + " skipped, its portrait does not show exactly one face");
                    continue;
                }
                number++;
                if (keep.isEmpty() || keep.contains(number)) {
                    subjects.add(s);
                }
            }
        }
        return subjects;
    }

    /**
     * The face cut out with {@code mx} box widths left and right and {@code my} box heights above
     * and below (clipped to the photo), scaled to {@link #width} px wide; {@code null} unless the
     * engine finds exactly one face in it.
     */
    private Subject portrait(FaceEngine engine, RgbImage photo, FaceAnalysis face, Path file, String where, int number,
                             double mx, double my) {
        Box box = face.box();
        int x0 = (int) Math.max(0, Math.round(box.x() - mx * box.width()));
        int y0 = (int) Math.max(0, Math.round(box.y() - my * box.height()));
        int x1 = (int) Math.min(photo.width(), Math.round(box.x() + (1 + mx) * box.width()));
        int y1 = (int) Math.min(photo.height(), Math.round(box.y() + (1 + my) * box.height()));
        RgbImage cut = ImageFiles.crop(photo, x0, y0, x1 - x0, y1 - y0);
        RgbImage scaled = Warp.resize(cut, width, (int) Math.round((double) width * cut.height() / cut.width()));
        List<FaceAnalysis> found = engine.analyze(scaled);
        if (found.size() != 1) {
            return null;
        }
        return new Subject(id(number), file, where + String.format(Locale.ROOT, ", cut x=%d y=%d w=%d h=%d", x0, y0,
                x1 - x0, y1 - y0), scaled, found.get(0));
    }

    private static String id(int number) {
        return String.format(Locale.ROOT, "s%02d", number);
    }

    /** Writes the named folders (of {@link #FOLDERS}) under {@code root}. */
    void write(List<Subject> subjects, Path root, List<String> names) throws IOException {
        Files.createDirectories(root);
        Map<String, Folder> folders = new LinkedHashMap<>();
        for (String name : FOLDERS) {
            if (names.contains(name) && !name.equals("bursts")) {
                folders.put(name, new Folder(root.resolve(name)));
            }
        }
        BurstsFolder bursts = names.contains("bursts") ? new BurstsFolder(root.resolve("bursts")) : null;
        for (Subject s : subjects) {
            FaceRenderer renderer = new FaceRenderer(s.portrait(), s.face());
            int n = Integer.parseInt(s.id().substring(1));
            for (Map.Entry<String, Folder> e : folders.entrySet()) {
                Folder f = e.getValue();
                Random r = random(e.getKey(), n);
                switch (e.getKey()) {
                    case "head-pose" -> headPose(f, s, renderer, r);
                    case "eyes" -> expression(f, s, renderer, r, Expression.EYES_CLOSED, "closed", "open", new double[] {1, 1});
                    case "mouth" -> expression(f, s, renderer, r, Expression.MOUTH_OPEN, "mouth_open", "mouth_closed",
                            new double[] {0.6, 1});
                    case "smile" -> expression(f, s, renderer, r, Expression.SMILE, "smile", "neutral", new double[] {0.7, 1});
                    default -> attacks(f, s, renderer, r);
                }
            }
            if (bursts != null) {
                bursts(bursts, s, renderer, random("bursts", n));
            }
            err.printf("%s (%s, %s): rendered%n", s.id(), s.source().getFileName(), s.region());
            err.flush();
        }
        for (Map.Entry<String, Folder> e : folders.entrySet()) {
            e.getValue().finish(readme(e.getKey(), e.getValue(), subjects));
            out.println("wrote " + e.getValue().dir + " (" + e.getValue().rows.size() + " photos, " + e.getValue().counts() + ")");
        }
        if (bursts != null) {
            bursts.finish(command, subjects.size());
            out.println("wrote " + bursts.dir + " (" + bursts.rows.size() + " bursts)");
        }
    }

    /** The generator of one (folder, subject): seed, folder name and subject number, bits mixed (SplitMix64). */
    private Random random(String folder, int subject) {
        long z = seed * 1_000_003L + folder.hashCode() * 31L + subject + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    private static double jitter(Random r) {
        return (2 * r.nextDouble() - 1) * JITTER;
    }

    private void headPose(Folder f, Subject s, FaceRenderer renderer, Random r) throws IOException {
        f.add(s, "frontal-1", "frontal", renderer.turn(0, 0), angles(0, 0));
        for (int k = 2; k <= 3; k++) {
            double yaw = jitter(r), pitch = jitter(r);
            f.add(s, "frontal-" + k, "frontal", renderer.turn(yaw, pitch), angles(yaw, pitch));
        }
        for (double turn : TURNS) {
            double pitch = jitter(r);
            f.add(s, "left-" + (int) turn, "turn_subject_left", renderer.turn(turn, pitch), angles(turn, pitch));
            pitch = jitter(r);
            f.add(s, "right-" + (int) turn, "turn_subject_right", renderer.turn(-turn, pitch), angles(-turn, pitch));
        }
        for (double up : PITCHES) {
            double yaw = jitter(r);
            f.add(s, "up-" + (int) up, "look_up", renderer.turn(yaw, up), angles(yaw, up));
            yaw = jitter(r);
            f.add(s, "down-" + (int) up, "look_down", renderer.turn(yaw, -up), angles(yaw, -up));
        }
    }

    private static String angles(double yaw, double pitch) {
        return String.format(Locale.ROOT, "yaw=%+.1f;pitch=%+.1f", yaw, pitch);
    }

    /** Two photos without the expression (as photographed, then wobbled) and two with it at the given amounts. */
    private void expression(Folder f, Subject s, FaceRenderer renderer, Random r, Expression expression, String positive,
                            String negative, double[] amounts) throws IOException {
        f.add(s, negative + "-1", negative, renderer.turn(0, 0), angles(0, 0));
        double yaw = jitter(r), pitch = jitter(r);
        f.add(s, negative + "-2", negative, renderer.turn(yaw, pitch), angles(yaw, pitch));
        for (int k = 0; k < amounts.length; k++) {
            yaw = k == 0 ? 0 : jitter(r);
            pitch = k == 0 ? 0 : jitter(r);
            RgbImage img = renderer.render(yaw, pitch, Map.of(expression, amounts[k]));
            f.add(s, positive + "-" + (k + 1), positive, img,
                    angles(yaw, pitch) + String.format(Locale.ROOT, ";amount=%.2f", amounts[k]));
        }
    }

    /** The portrait as photographed, two camera variants of it, two simulated prints and two screen replays. */
    private void attacks(Folder f, Subject s, FaceRenderer renderer, Random r) throws IOException {
        RgbImage base = renderer.turn(0, 0);
        f.add(s, "real-1", "real", base, "capture=original");
        List<Presentation> presentations = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            presentations.add(CameraVariant.random(r.nextLong()));
        }
        for (int k = 0; k < 2; k++) {
            presentations.add(PrintAttack.random(r.nextLong()));
        }
        for (int k = 0; k < 2; k++) {
            presentations.add(ScreenAttack.random(r.nextLong()));
        }
        int[] counter = new int[3];
        for (Presentation p : presentations) {
            RgbImage img = p.apply(base);
            if (p.attack()) {
                int k = p instanceof PrintAttack ? 1 : 2;
                f.add(s, p.species() + "-" + (++counter[k]), "spoof", img, "attack=" + p.species());
            } else {
                f.add(s, "real-" + (2 + counter[0]++), "real", img, "capture=camera");
            }
            f.parameters.add(s.id() + "," + p.species() + "," + p.toString().replace(',', ';'));
        }
    }

    /** Frames every 100 ms. */
    private static final long[] SIX_FRAMES = {0, 100, 200, 300, 400, 500};

    /**
     * Bursts of one subject: each challenge performed (a turn rendered over 50°, since the
     * renderer gives less parallax than a head: see CALIBRATION.md), the screen-light challenge
     * lit by its own random sequence; and attacks: two stills swapped for a turn, one still
     * photo held for a turn, a print tilted in front of the camera, and a video lit by another
     * sequence than the one shown.
     */
    private void bursts(BurstsFolder f, Subject s, FaceRenderer renderer, Random r) throws IOException {
        double j = jitter(r);
        f.add(s, "turn-left", ChallengeType.TURN_LEFT, BurstFolder.GENUINE, frames(6, i -> renderer.turn(-15 + 10 * i + j, j)), SIX_FRAMES, null);
        f.add(s, "turn-right", ChallengeType.TURN_RIGHT, BurstFolder.GENUINE, frames(6, i -> renderer.turn(15 - 10 * i + j, j)), SIX_FRAMES, null);
        f.add(s, "look-up", ChallengeType.LOOK_UP, BurstFolder.GENUINE, frames(6, i -> renderer.turn(j, -5 + 5 * i)), SIX_FRAMES, null);
        f.add(s, "smile", ChallengeType.SMILE, BurstFolder.GENUINE,
                frames(6, i -> renderer.render(j, j, Map.of(Expression.SMILE, i / 5.0))), SIX_FRAMES, null);
        f.add(s, "open-mouth", ChallengeType.OPEN_MOUTH, BurstFolder.GENUINE,
                frames(6, i -> renderer.render(j, j, Map.of(Expression.MOUTH_OPEN, i / 5.0))), SIX_FRAMES, null);
        double[] closing = {0, 0, 0.5, 1, 1, 0.5};
        f.add(s, "blink", ChallengeType.BLINK, BurstFolder.GENUINE,
                frames(6, i -> renderer.render(j, j, Map.of(Expression.EYES_CLOSED, closing[i]))), SIX_FRAMES, null);
        LightSequence shown = LightSequence.draw(r, 500);
        LightSequence other = LightSequence.draw(r, 500);
        long[] lightTimes = new long[2 * shown.colours().size()];
        for (int i = 0; i < lightTimes.length; i++) {
            lightTimes[i] = 125 + 250L * i;
        }
        RgbImage still = renderer.turn(j, j);
        double[] mesh = renderer.landmarks(j, j, Map.of());
        f.add(s, "light", ChallengeType.LIGHT, BurstFolder.GENUINE,
                frames(lightTimes.length, i -> ScreenLight.relight(still, mesh, shown.rgb(shown.colourAt(lightTimes[i])), 0.25)),
                lightTimes, shown);
        f.add(s, "light-replayed", ChallengeType.LIGHT, "replayed-video",
                frames(lightTimes.length, i -> ScreenLight.relight(still, mesh, other.rgb(i / 2 % other.colours().size()), 0.25)),
                lightTimes, shown);
        RgbImage before = renderer.turn(-15, 0);
        RgbImage after = renderer.turn(35, 0);
        f.add(s, "turn-swap", ChallengeType.TURN_LEFT, "swap", frames(6, i -> i < 3 ? before : after), SIX_FRAMES, null);
        f.add(s, "turn-still", ChallengeType.TURN_LEFT, "still-photo", frames(6, i -> after), SIX_FRAMES, null);
        FlatAttack print = FlatAttack.around(s.portrait(), s.face());
        f.add(s, "turn-tilted-print", ChallengeType.TURN_LEFT, "tilted-print", frames(6, i -> print.tilt(10 * i)), SIX_FRAMES, null);
    }

    private static List<RgbImage> frames(int n, java.util.function.IntFunction<RgbImage> frame) {
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(frame.apply(i));
        }
        return out;
    }

    /** The bursts folder being written: a sub-folder of frames per burst, and {@code BURSTS.csv}. */
    private static final class BurstsFolder {
        final Path dir;
        final List<String> rows = new ArrayList<>();

        BurstsFolder(Path dir) throws IOException {
            this.dir = dir;
            Files.createDirectories(dir);
        }

        void add(Subject s, String name, ChallengeType challenge, String label, List<RgbImage> frames, long[] times,
                 LightSequence light) throws IOException {
            String burst = s.id() + "-" + name;
            Files.createDirectories(dir.resolve(burst));
            for (int i = 0; i < frames.size(); i++) {
                ImageFiles.writeJpeg(frames.get(i), dir.resolve(burst).resolve(String.format(Locale.ROOT, "frame-%02d.jpg", i)), QUALITY);
            }
            List<String> t = new ArrayList<>();
            for (long ms : times) {
                t.add(Long.toString(ms));
            }
            rows.add(String.join(",", burst, challenge.name(), label, String.join(";", t),
                    light == null ? "" : String.join(";", light.colours()), light == null ? "" : Integer.toString(light.colourMs())));
        }

        void finish(String command, int subjects) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add("burst,challenge,label,times,colours,colour_ms");
            lines.addAll(rows);
            Files.write(dir.resolve(BurstFolder.FILE), lines, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(LabelledFolder.MADE_UP_MARKER),
                    "Every burst in this folder is made up (rendered or simulated); see README.md.\n");
            Files.writeString(dir.resolve("README.md"), "# bursts (made-up data)\n\n"
                    + "**Every frame in this folder is made up**, rendered by OpenLiveness from real photos of " + subjects
                    + " faces. Made with:\n\n```\n" + command + "\n```\n\n"
                    + "`BURSTS.csv` lists each burst (a sub-folder of frames in name order), the challenge it answers, its label "
                    + "(`genuine`, or the attack: `swap` — two stills for a turn; `still-photo` — one photo held for a turn; "
                    + "`tilted-print` — a print tilted in front of the camera; `replayed-video` — a face lit by another colour "
                    + "sequence than the one shown), the frames' times (ms, `;`-separated) and, for LIGHT, the colours shown. "
                    + "Turns are rendered over 50° (the renderer gives less parallax than a real head). The screen light is the "
                    + "devkit's `ScreenLight` model at strength 0.25.\n");
        }
    }

    /** A folder being written: its photos and their labels. */
    private static final class Folder {
        final Path dir;
        final List<String> rows = new ArrayList<>();
        final List<String> parameters = new ArrayList<>();
        final Map<String, Integer> labels = new LinkedHashMap<>();

        Folder(Path dir) throws IOException {
            this.dir = dir;
            Files.createDirectories(dir.resolve("images"));
        }

        void add(Subject s, String name, String label, RgbImage image, String extra) throws IOException {
            String file = "images/" + s.id() + "-" + name + ".jpg";
            ImageFiles.writeJpeg(image, dir.resolve(file), QUALITY);
            rows.add(file + "," + label + ",subject=" + s.id() + ";" + extra);
            labels.merge(label, 1, Integer::sum);
        }

        String counts() {
            List<String> parts = new ArrayList<>();
            labels.forEach((label, n) -> parts.add(label + " " + n));
            return String.join(", ", parts);
        }

        void finish(String readme) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add("file,label,extra");
            lines.addAll(rows);
            Files.write(dir.resolve("LABELS.csv"), lines, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(LabelledFolder.MADE_UP_MARKER),
                    "Every photo in this folder is made up (rendered or simulated); see README.md.\n");
            if (!parameters.isEmpty()) {
                List<String> p = new ArrayList<>();
                p.add("subject,species,parameters");
                p.addAll(parameters);
                Files.write(dir.resolve("presentations.csv"), p, StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve("README.md"), readme);
        }
    }

    private String readme(String name, Folder folder, List<Subject> subjects) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(name).append(" (made-up data)\n\n");
        b.append("**Every photo in this folder is made up.** It was rendered by OpenLiveness from real photos of real\n")
                .append("faces, not photographed. Figures measured on it describe the renderer and the engine together,\n")
                .append("not how the engine does on real captures. `evaluate` flags every figure from this folder as\n")
                .append("made-up because the folder holds a `MADE-UP` file.\n\n");
        b.append("Made with:\n\n```\n").append(command).append("\n```\n\n");
        b.append("Photos: ").append(folder.rows.size()).append(" (").append(folder.counts()).append("), ")
                .append(subjects.size()).append(" subjects. `LABELS.csv` has `file,label,extra`; `extra` holds\n")
                .append("`key=value` items separated by `;`: `subject` (which portrait), and the rendering's parameters.\n")
                .append("Every photo is a JPEG at quality ").append(QUALITY).append(" of the portrait's size, whatever its class.\n\n");
        b.append("## How it was made\n\n");
        b.append(switch (name) {
            case "head-pose" -> """
                    Each portrait's face mesh was turned in 3-D and the photo warped along with it
                    (`FaceRenderer.turn`, a piecewise-affine warp; nothing hidden in the portrait, such as the far
                    side of the nose or an ear, can appear, so large turns look smeared). Angles in `extra` are the
                    requested change from the portrait, in degrees (yaw > 0: the subject turns to their own left;
                    pitch > 0: looks up); the engine measures somewhat less on large final poses.

                    - `frontal`: the portrait as photographed (rendered unturned) and twice wobbled by up to ±3°
                      in yaw and pitch: "frontal" means the portrait's own pose, which need not face the camera.
                    - `turn_subject_left` / `turn_subject_right`: turned 25° and 35° (pitch wobbled ±3°).
                    - `look_up` / `look_down`: pitched 15° and 25° (yaw wobbled ±3°).
                    """;
            case "eyes", "mouth", "smile" -> """
                    Two photos of the portrait's own expression (as photographed, and wobbled by up to ±3° in yaw
                    and pitch) form the negative class; the positive class moves the mesh
                    (`FaceRenderer.render` with `Expression.EYES_CLOSED`, `MOUTH_OPEN` or `SMILE`; the amount is in
                    `extra`): lids lowered and painted with skin colour and a lash line; jaw dropped and the mouth
                    filled dark; mouth corners pulled up and out (no teeth). The negative labels (`open`,
                    `mouth_closed`, `neutral`) assume the source portraits show open eyes, a closed mouth and no
                    smile; check the sources below.
                    """;
            default -> """
                    `real`: the portrait (rendered unturned) and two camera-like variants of it
                    (`CameraVariant`: exposure, tone curve, white balance, focus, sensor noise).
                    `spoof`: simulated re-captures of the same portrait: two prints (`PrintAttack`: colour
                    halftone, paper white and lifted ink black, paper texture, the sheet tilted and rotated in
                    front of a background, uneven light and sheen, camera blur and noise) and two screen replays
                    (`ScreenAttack`: display black level, gamma and white point, subpixel stripes and row gaps,
                    a beat (moiré) pattern, glare, the screen tilted inside a dark bezel, camera blur and noise).
                    `extra` names the kind (`attack=print|screen`); every drawn parameter is in
                    `presentations.csv`.

                    Simulated attacks say little about real ones: a detector trained on such simulations reached
                    at best AUC 0.71 on real prints and replays, simulated moiré is far cleaner than a webcam
                    records, and "any processing" can separate these classes (see MODEL-NOTES.md, "Simulated
                    attacks: what they are worth"). Treat figures from this folder as a smoke test.
                    """;
        });
        b.append("\n## Sources\n\n");
        b.append("Real photos, cut into single-face portraits (not included in this folder).");
        if (command.contains("--faces")) {
            b.append(" The portraits were picked by number (`--faces`) after looking at them: for the expression\n")
                    .append("folders, those that show the negative class (eyes open, mouth closed, no smile). That choice is\n")
                    .append("the only labelling of the negatives, and it is a person's judgement.");
        }
        b.append("\n\n");
        b.append("| subject | source | region |\n|---|---|---|\n");
        for (Subject s : subjects) {
            b.append("| ").append(s.id()).append(" | ").append(s.source().getFileName()).append(" | ").append(s.region()).append(" |\n");
        }
        b.append(String.format(Locale.ROOT, "%nRandom seed %d; the same sources, order and seed give the same files.%n", seed));
        return b.toString();
    }
}
