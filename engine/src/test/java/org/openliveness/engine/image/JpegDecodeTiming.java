package org.openliveness.engine.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Manual timing, not a test: median milliseconds per image for {@code ImageIO.read} versus
 * {@link ImageDecoder#decode} on a folder of JPEGs, as stored and with an sRGB ICC profile
 * spliced in. Usage: {@code JpegDecodeTiming [folder] [rounds]}; the folder defaults to
 * {@code /work/shared/datasets/speed-1280x720}.
 */
public final class JpegDecodeTiming {

    private JpegDecodeTiming() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/speed-1280x720");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<byte[]> plain = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().toLowerCase().endsWith(".jpg")).sorted().toList()) {
                plain.add(Files.readAllBytes(file));
            }
        }
        if (plain.isEmpty()) {
            System.out.println("no .jpg files in " + folder);
            return;
        }
        byte[] icc = TestImages.iccPayload(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        List<byte[]> withIcc = plain.stream().map(b -> TestImages.withSegment(b, 0xE2, icc)).toList();
        ImageDecoder decoder = new ImageDecoder();
        System.out.printf("%d images from %s, %d rounds (first 3 discarded as warm-up)%n", plain.size(), folder, rounds);
        for (int set = 0; set < 2; set++) {
            List<byte[]> images = set == 0 ? plain : withIcc;
            String label = set == 0 ? "as stored (no ICC)" : "with sRGB ICC";
            double imageIo = median(images, rounds, bytes -> ImageIO.read(new ByteArrayInputStream(bytes)));
            double fast = median(images, rounds, decoder::decode);
            System.out.printf("%-20s ImageIO.read %7.2f ms   ImageDecoder.decode %7.2f ms   (median per image)%n",
                    label, imageIo, fast);
        }
    }

    private interface Decode {
        Object run(byte[] bytes) throws IOException;
    }

    private static double median(List<byte[]> images, int rounds, Decode decode) throws IOException {
        List<Double> times = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (byte[] bytes : images) {
                long start = System.nanoTime();
                Object result = decode.run(bytes);
                long elapsed = System.nanoTime() - start;
                if (result == null) {
                    throw new IllegalStateException("decode returned nothing");
                }
                if (round >= 3) {
                    times.add(elapsed / 1e6);
                }
            }
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
