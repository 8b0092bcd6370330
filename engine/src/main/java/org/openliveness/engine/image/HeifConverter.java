package org.openliveness.engine.image;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Converts HEIC to PNG with libheif's command-line decoder ({@code heif-dec}, or its older
 * name {@code heif-convert}) found on the {@code PATH}. The tool is looked up once, on first
 * use. Each conversion works in its own temporary directory, deleted afterwards, and is
 * killed after {@value #TIMEOUT_SECONDS} seconds; with util-linux's {@code prlimit} installed its
 * address space is capped ({@link #MAX_ADDRESS_SPACE_BYTES}). {@link ImageDecoder} checks the
 * dimensions the file declares ({@link #declaredSize}) before converting.
 */
final class HeifConverter {

    static final int TIMEOUT_SECONDS = 10;
    /**
     * The converter's address space when {@code prlimit} is installed: 2 GiB (a 50-megapixel image,
     * the most {@link ImageDecoder} lets through, needs about 300 MB of pixels; the rest is room for
     * the decoder's libraries and threads).
     */
    static final long MAX_ADDRESS_SPACE_BYTES = 2L << 30;
    private static final List<String> TOOL_NAMES = List.of("heif-dec", "heif-convert");

    private HeifConverter() {
    }

    /** Lazily initialised, thread-safe cache of the tool lookup. */
    private static final class Tool {
        static final Optional<Path> PATH = find(TOOL_NAMES);
        static final Optional<Path> PRLIMIT = find(List.of("prlimit"));
    }

    /** util-linux's {@code prlimit}, which caps the converter's memory when installed. */
    static Optional<Path> prlimit() {
        return Tool.PRLIMIT;
    }

    /** The libheif decoder executable, if one is installed. */
    static Optional<Path> tool() {
        return Tool.PATH;
    }

    private static Optional<Path> find(List<String> names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The largest image size a HEIC file declares in its {@code ispe} (image spatial extents)
     * properties, {width, height}, read without decoding; empty when it declares none. Every
     * {@code ispe} box is looked at (the primary image, its tiles, thumbnails), so the largest
     * one bounds what the converter would allocate.
     */
    static Optional<int[]> declaredSize(byte[] heic) {
        int[] largest = null;
        for (int i = 4; i + 16 <= heic.length; i++) {
            if (heic[i] == 'i' && heic[i + 1] == 's' && heic[i + 2] == 'p' && heic[i + 3] == 'e') {
                // box: size(4) 'ispe' version+flags(4) width(4) height(4)
                long width = readUint32(heic, i + 8);
                long height = readUint32(heic, i + 12);
                int w = (int) Math.min(Integer.MAX_VALUE, width);
                int h = (int) Math.min(Integer.MAX_VALUE, height);
                if (largest == null || (long) w * h > (long) largest[0] * largest[1]) {
                    largest = new int[] {w, h};
                }
            }
        }
        return Optional.ofNullable(largest);
    }

    private static long readUint32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /**
     * Converts a HEIC file to PNG bytes of its primary image, with the container's rotation
     * and mirroring applied by libheif.
     *
     * @throws ImageException       UNSUPPORTED_ON_THIS_SERVER without the tool, CORRUPT when it
     *                              fails or times out
     * @throws UncheckedIOException when temporary files cannot be written, or the calling
     *                              thread is interrupted (its interrupt flag is then set again)
     */
    static byte[] toPng(byte[] heic) {
        Path tool = tool().orElseThrow(() -> new ImageException(ImageException.Code.UNSUPPORTED_ON_THIS_SERVER,
                "HEIC images need libheif (heif-dec), which is not installed on this server"));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("openliveness-heif-");
            Path input = dir.resolve("input.heic");
            Files.write(input, heic);
            Path output = dir.resolve("output.png");
            List<String> command = new java.util.ArrayList<>();
            prlimit().ifPresent(limit -> command.addAll(List.of(limit.toString(), "--as=" + MAX_ADDRESS_SPACE_BYTES, "--")));
            command.addAll(List.of(tool.toString(), input.toString(), output.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
                throw new ImageException(ImageException.Code.CORRUPT,
                        "The HEIC image could not be decoded within " + TIMEOUT_SECONDS + " seconds");
            }
            Optional<Path> png = process.exitValue() == 0 ? primaryOutput(dir) : Optional.empty();
            if (png.isEmpty()) {
                throw new ImageException(ImageException.Code.CORRUPT, "The HEIC image is damaged and could not be decoded");
            }
            return Files.readAllBytes(png.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the HEIC converter", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while converting a HEIC image"));
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The converted primary image: {@code output.png}, or when the tool numbered its outputs
     * because the file holds several images, the first numbered one (auxiliary depth and
     * alpha images excluded).
     */
    private static Optional<Path> primaryOutput(Path dir) throws IOException {
        Path plain = dir.resolve("output.png");
        if (Files.isRegularFile(plain)) {
            return Optional.of(plain);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("output-\\d+\\.png"))
                    .min(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", ""))));
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
