package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.Samples;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;

/** dHash on the sample photos (decoded with javax.imageio) and on made-up rasters. */
class ImageHashTest {

    private static final Map<String, RgbImage> SAMPLES = new HashMap<>();

    @Test
    void identicalImagesHaveDistanceZero() {
        RgbImage a = sample("sample1.jpg");
        RgbImage copy = new RgbImage(a.width(), a.height(), a.rgb().clone());
        assertEquals(ImageHash.of(a), ImageHash.of(copy));
        assertEquals(0, ImageHash.distance(ImageHash.of(a), ImageHash.of(copy)));
        assertEquals(0, ImageHash.distance(0x5a5aL, 0x5a5aL));
        assertEquals(64, ImageHash.distance(0x0123456789abcdefL, ~0x0123456789abcdefL));
        assertEquals(3, ImageHash.distance(0b1011L, 0b0000L));
    }

    /** Measured: 0 bits for every sample at JPEG quality 0.75 and 0.5; 0 to 2 bits for a face-sized box. */
    @Test
    void reEncodingAsJpegKeepsTheHash() {
        for (String name : new String[] {"sample1.jpg", "sample3.jpg", "sample5.jpg"}) {
            RgbImage original = sample(name);
            Box box = new Box(original.width() * 0.3, original.height() * 0.2, original.width() * 0.3, original.height() * 0.4);
            for (float quality : new float[] {0.75f, 0.5f}) {
                RgbImage reEncoded = jpeg(original, quality);
                int whole = ImageHash.distance(ImageHash.of(original), ImageHash.of(reEncoded));
                int region = ImageHash.distance(ImageHash.of(original, box), ImageHash.of(reEncoded, box));
                String measured = name + " at JPEG quality " + quality + ": whole image " + whole + " bits, box " + region + " bits";
                assertTrue(whole <= 4, measured);
                assertTrue(region <= 4, measured);
            }
        }
    }

    /** Measured: 0 to 2 bits between each sample and itself at half size. */
    @Test
    void resizingKeepsTheHash() {
        for (String name : new String[] {"sample2.jpg", "sample5.jpg"}) {
            RgbImage original = sample(name);
            RgbImage half = Warp.resize(original, original.width() / 2, original.height() / 2);
            int d = ImageHash.distance(ImageHash.of(original), ImageHash.of(half));
            assertTrue(d <= 4, name + " resized to half: " + d + " bits");
        }
    }

    /** Measured: 24 to 39 bits between the six samples (about half of 64, as for unrelated pictures). */
    @Test
    void differentPhotosAreFarApart() {
        for (int i = 1; i <= 6; i++) {
            for (int j = i + 1; j <= 6; j++) {
                int d = ImageHash.distance(ImageHash.of(sample("sample" + i + ".jpg")), ImageHash.of(sample("sample" + j + ".jpg")));
                assertTrue(d >= 16, "sample" + i + " vs sample" + j + ": " + d + " bits");
            }
        }
    }

    @Test
    void eachBitSaysWhetherACellIsBrighterThanItsRightNeighbour() {
        assertEquals(-1L, ImageHash.of(ramp(180, 80, true)), "darker to the right: every bit set");
        assertEquals(0L, ImageHash.of(ramp(180, 80, false)), "brighter to the right: no bit set");
    }

    @Test
    void theHashOfABoxIsTheHashOfThatRegionAlone() {
        RgbImage photo = sample("sample4.jpg");
        int x = 700, y = 300, w = 450, h = 500;
        Box box = new Box(x, y, w, h);
        long boxHash = ImageHash.of(photo, box);
        assertEquals(ImageHash.of(crop(photo, x, y, w, h)), boxHash, "the box hashes like the cropped picture");
        assertNotEquals(ImageHash.of(photo), boxHash);

        // Changing pixels outside the box leaves its hash alone; inverting the box changes every bit.
        byte[] outside = photo.rgb().clone();
        byte[] inside = photo.rgb().clone();
        for (int py = 0; py < photo.height(); py++) {
            for (int px = 0; px < photo.width(); px++) {
                boolean in = px >= x && px < x + w && py >= y && py < y + h;
                int i = 3 * (py * photo.width() + px);
                for (int c = 0; c < 3; c++) {
                    if (in) {
                        inside[i + c] = (byte) (255 - (inside[i + c] & 0xFF));
                    } else {
                        outside[i + c] = (byte) (255 - (outside[i + c] & 0xFF));
                    }
                }
            }
        }
        assertEquals(boxHash, ImageHash.of(new RgbImage(photo.width(), photo.height(), outside), box));
        long inverted = ImageHash.of(new RgbImage(photo.width(), photo.height(), inside), box);
        assertTrue(ImageHash.distance(boxHash, inverted) >= 48, "inverting the box flips its bits: " + ImageHash.distance(boxHash, inverted));

        // A box reaching past the image is clipped to it.
        assertEquals(ImageHash.of(photo), ImageHash.of(photo, new Box(-40, -30, photo.width() + 100, photo.height() + 90)));
        assertEquals(ImageHash.of(photo, new Box(0, 0, 300, 200)), ImageHash.of(photo, new Box(-60, -60, 360, 260)));
    }

    // ---------------------------------------------------------------------------------------------

    /** A grey ramp along x, falling (or rising) to the right, with noise-free rows. */
    private static RgbImage ramp(int w, int h, boolean falling) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 20 + 200 * x / (w - 1);
                if (falling) {
                    v = 240 - v;
                }
                int i = 3 * (y * w + x);
                rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte) v;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static RgbImage crop(RgbImage img, int x, int y, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int j = 0; j < h; j++) {
            System.arraycopy(img.rgb(), ((y + j) * img.width() + x) * 3, out, j * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    static RgbImage sample(String name) {
        return SAMPLES.computeIfAbsent(name, n -> {
            try {
                return rgb(ImageIO.read(new ByteArrayInputStream(Samples.bytes(n))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code image} written as a JPEG of the given quality and decoded again, both with javax.imageio. */
    static RgbImage jpeg(RgbImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(buffered(image), null, null), param);
            }
            return rgb(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage buffered(RgbImage image) {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                b.setRGB(x, y, image.rgbAt(x, y));
            }
        }
        return b;
    }

    private static RgbImage rgb(BufferedImage b) {
        int w = b.getWidth(), h = b.getHeight();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = b.getRGB(x, y);
                int i = 3 * (y * w + x);
                out[i] = (byte) (p >> 16);
                out[i + 1] = (byte) (p >> 8);
                out[i + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, out);
    }
}
