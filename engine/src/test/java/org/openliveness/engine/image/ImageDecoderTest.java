package org.openliveness.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void emptyInputIsEmpty() {
        assertCode(ImageException.Code.EMPTY, new byte[0]);
    }

    @Test
    void randomBytesAreRefusedWithATypedError() {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[1 + random.nextInt(4096)];
            random.nextBytes(bytes);
            ImageException e = assertThrows(ImageException.class, () -> decoder.decode(bytes));
            assertTrue(e.code() == ImageException.Code.UNSUPPORTED_FORMAT || e.code() == ImageException.Code.CORRUPT, e.code()::name);
        }
    }

    @Test
    void randomBytesBehindJpegAndPngSignaturesAreCorrupt() {
        Random random = new Random(7);
        byte[][] signatures = {{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}};
        for (byte[] signature : signatures) {
            for (int i = 0; i < 20; i++) {
                byte[] bytes = new byte[2000];
                random.nextBytes(bytes);
                System.arraycopy(signature, 0, bytes, 0, signature.length);
                assertCode(ImageException.Code.CORRUPT, bytes);
            }
        }
    }

    @Test
    void textNamedLikeAJpegIsUnsupported() {
        byte[] text = "hello, this is not a photo\n".getBytes(StandardCharsets.UTF_8);
        ImageException e = assertCode(ImageException.Code.UNSUPPORTED_FORMAT, text);
        assertEquals("The data is not a JPEG, PNG, WebP or HEIC image", e.getMessage());
    }

    @Test
    void truncatedJpegIsCorrupt() {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] jpeg = TestImages.jpeg(TestImages.noisy(640, 480, 1), 0.9f, progressive);
            byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);
            ImageException e = assertCode(ImageException.Code.CORRUPT, half);
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void jpegCutInsideItsHeaderIsCorrupt() {
        byte[] jpeg = TestImages.jpeg(TestImages.noisy(64, 64, 1), 0.9f, false);
        assertCode(ImageException.Code.CORRUPT, Arrays.copyOf(jpeg, 100));
    }

    @Test
    void onePixelPngIsTooSmall() {
        byte[] png = TestImages.png(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        ImageException e = assertCode(ImageException.Code.TOO_SMALL, png);
        assertEquals("The image is 1x1 pixels; each side must be at least 32 pixels", e.getMessage());
    }

    @Test
    void pngHeaderClaimingHugeDimensionsIsRefusedBeforeDecoding() {
        // Decoding 60000x60000 would need over 10 GB; the refusal must come from the header alone.
        ImageException e = assertCode(ImageException.Code.TOO_MANY_PIXELS, TestImages.craftedPng(60000, 60000));
        assertTrue(e.getMessage().startsWith("The image is 60000x60000 pixels"), e.getMessage());
    }

    @Test
    void bytesOverTheLimitAreTooLarge() {
        byte[] jpeg = TestImages.jpeg(TestImages.noisy(100, 100, 3), 0.9f, false);
        ImageDecoder small = new ImageDecoder(new ImageLimits(jpeg.length - 1, 1_000_000, 32));
        assertThrowsCode(ImageException.Code.TOO_LARGE, () -> small.decode(jpeg));
        assertEquals(100, new ImageDecoder(new ImageLimits(jpeg.length, 1_000_000, 32)).decode(jpeg).image().width());
    }

    @Test
    void pixelLimitIsInclusive() {
        byte[] png = TestImages.png(TestImages.noisy(100, 50, 4));
        assertEquals(100, new ImageDecoder(new ImageLimits(1 << 20, 5000, 32)).decode(png).image().width());
        assertThrowsCode(ImageException.Code.TOO_MANY_PIXELS,
                () -> new ImageDecoder(new ImageLimits(1 << 20, 4999, 32)).decode(png));
    }

    @Test
    void jpegMatchesImageIoRead() throws IOException {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] jpeg = TestImages.jpeg(TestImages.noisy(640, 480, 5), 0.85f, progressive);
            DecodedImage decoded = decoder.decode(jpeg);
            assertEquals(ImageFormat.JPEG, decoded.format());
            assertEquals(1, decoded.exifOrientation());
            assertEquals(1, decoded.subsampling());
            assertEquals(640, decoded.storedWidth());
            assertEquals(480, decoded.storedHeight());
            assertMaxDifference(imageIoRead(jpeg), decoded.image(), 2);
        }
    }

    @Test
    void jpegWithEmbeddedSrgbProfileMatchesImageIoRead() throws IOException {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] jpeg = TestImages.withSegment(TestImages.jpeg(TestImages.noisy(640, 480, 6), 0.9f, false),
                0xE2, TestImages.iccPayload(srgb));
        assertTrue(JpegHeader.parse(jpeg).iccProfile() != null);
        assertMaxDifference(imageIoRead(jpeg), decoder.decode(jpeg).image(), 2);
    }

    @Test
    void jpegWithNonSrgbProfileIsColourManagedLikeImageIoRead() throws IOException {
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        byte[] jpeg = TestImages.withSegment(TestImages.jpeg(TestImages.noisy(320, 240, 7), 0.9f, false),
                0xE2, TestImages.iccPayload(linear));
        RgbImage expected = imageIoRead(jpeg);
        RgbImage decoded = decoder.decode(jpeg).image();
        assertMaxDifference(expected, decoded, 2);
        RgbImage unmanaged = imageIoRead(TestImages.jpeg(TestImages.noisy(320, 240, 7), 0.9f, false));
        assertTrue(maxDifference(unmanaged, decoded) > 20, "the linear-RGB profile must have been applied");
    }

    @Test
    void exifJpegWithoutJfifMatchesImageIoRead() throws IOException {
        byte[] jpeg = TestImages.withSegment(
                TestImages.withoutJfif(TestImages.jpeg(TestImages.noisy(200, 100, 8), 0.9f, false)),
                0xE1, TestImages.exifPayload(1, true));
        assertMaxDifference(imageIoRead(jpeg), decoder.decode(jpeg).image(), 2);
    }

    @Test
    void rgbCodedJpegTakesTheImageIoPathAndMatches() throws IOException {
        // A bare raster written by the JDK has no JFIF marker; with component ids 1, 2, 3 it is still YCbCr.
        BufferedImage image = TestImages.noisy(96, 64, 9);
        byte[] jpeg = TestImages.jpegFromRaster(image.getRaster());
        assertMaxDifference(imageIoRead(jpeg), decoder.decode(jpeg).image(), 2);
    }

    @Test
    void grayscaleJpegDecodesToEqualChannels() throws IOException {
        BufferedImage gray = new BufferedImage(120, 80, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(11);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                gray.getRaster().setSample(x, y, 0, TestImages.clamp(x * 2 + random.nextInt(21) - 10));
            }
        }
        byte[] jpeg = TestImages.jpeg(gray, 0.9f, false);
        RgbImage rgb = decoder.decode(jpeg).image();
        Raster expected = ImageIO.read(new ByteArrayInputStream(jpeg)).getRaster();
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                int p = rgb.rgbAt(x, y);
                int r = p >> 16 & 0xFF;
                assertEquals(r, p >> 8 & 0xFF);
                assertEquals(r, p & 0xFF);
                assertEquals(expected.getSample(x, y, 0), r);
            }
        }
    }

    @Test
    void cmykJpegIsUnsupported() {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 64, 4, null);
        byte[] jpeg = TestImages.jpegFromRaster(cmyk);
        assertEquals(4, JpegHeader.parse(jpeg).components());
        ImageException e = assertCode(ImageException.Code.UNSUPPORTED_FORMAT, jpeg);
        assertTrue(e.getMessage().contains("CMYK"), e.getMessage());
    }

    @Test
    void exifOrientationSixTurnsTheImageClockwise() {
        BufferedImage stored = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                stored.setRGB(x, y, x < 64 && y < 64 ? 0xE00000 : 0x808080);
            }
        }
        byte[] jpeg = TestImages.withSegment(TestImages.jpeg(stored, 0.95f, false), 0xE1, TestImages.exifPayload(6, false));
        DecodedImage decoded = decoder.decode(jpeg);
        assertEquals(6, decoded.exifOrientation());
        assertEquals(640, decoded.storedWidth());
        assertEquals(480, decoded.storedHeight());
        assertEquals(480, decoded.image().width());
        assertEquals(640, decoded.image().height());
        // The stored top-left corner is displayed at the top-right.
        assertRed(decoded.image().rgbAt(480 - 20, 20));
        assertGray(decoded.image().rgbAt(20, 20));
        assertGray(decoded.image().rgbAt(20, 640 - 20));
        assertGray(decoded.image().rgbAt(480 - 20, 640 - 20));
    }

    @Test
    void exifOrientationEightTurnsTheImageCounterClockwise() {
        BufferedImage stored = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                stored.setRGB(x, y, x < 16 && y < 16 ? 0xE00000 : 0x808080);
            }
        }
        byte[] jpeg = TestImages.withSegment(TestImages.jpeg(stored, 0.95f, false), 0xE1, TestImages.exifPayload(8, true));
        DecodedImage decoded = decoder.decode(jpeg);
        assertEquals(8, decoded.exifOrientation());
        assertEquals(48, decoded.image().width());
        assertRed(decoded.image().rgbAt(5, 64 - 5));
        assertGray(decoded.image().rgbAt(48 - 5, 5));
    }

    @Test
    void pngExifOrientationIsApplied() {
        DecodedImage decoded = decoder.decode(TestImages.pngWithExifOrientation(TestImages.noisy(64, 48, 14), 6));
        assertEquals(6, decoded.exifOrientation());
        assertEquals(48, decoded.image().width());
        assertEquals(64, decoded.image().height());
    }

    @Test
    void largeJpegIsSubsampledByTheSmallestSufficientFactor() throws IOException {
        byte[] jpeg = TestImages.jpeg(TestImages.noisy(4000, 3000, 12), 0.8f, false);
        DecodedImage decoded = new ImageDecoder(ImageLimits.DEFAULTS, 2048).decode(jpeg);
        assertEquals(2, decoded.subsampling());
        assertEquals(4000, decoded.storedWidth());
        assertEquals(3000, decoded.storedHeight());
        assertEquals(2000, decoded.image().width());
        assertEquals(1500, decoded.image().height());
        assertMaxDifference(imageIoRead(jpeg, 2), decoded.image(), 2);

        DecodedImage third = new ImageDecoder(ImageLimits.DEFAULTS, 1999).decode(jpeg);
        assertEquals(3, third.subsampling());
        assertEquals(1334, third.image().width());
        assertEquals(1000, third.image().height());
    }

    @Test
    void pngIsSubsampledToo() {
        BufferedImage image = TestImages.noisy(301, 200, 13);
        DecodedImage decoded = new ImageDecoder(ImageLimits.DEFAULTS, 100).decode(TestImages.png(image));
        assertEquals(ImageFormat.PNG, decoded.format());
        assertEquals(4, decoded.subsampling());
        assertEquals(76, decoded.image().width());
        assertEquals(50, decoded.image().height());
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 76; x++) {
                assertEquals(image.getRGB(x * 4, y * 4) & 0xFFFFFF, decoded.image().rgbAt(x, y));
            }
        }
    }

    @Test
    void pngPixelsAreExactAndTransparencyBecomesWhite() {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x < 20 ? 0xFF123456 : 0x00000000);
            }
        }
        image.setRGB(25, 5, 0x80FF0000);
        RgbImage rgb = decoder.decode(TestImages.png(image)).image();
        assertEquals(0x123456, rgb.rgbAt(3, 3));
        assertEquals(0xFFFFFF, rgb.rgbAt(30, 30));
        assertEquals(0xFF7F7F, rgb.rgbAt(25, 5));
    }

    @Test
    void grayPngKeepsItsStoredValues() {
        // BufferedImage.getRGB would treat TYPE_BYTE_GRAY as linear and brighten it.
        BufferedImage gray = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(10, 10, 0, 100);
        RgbImage rgb = decoder.decode(TestImages.png(gray)).image();
        assertEquals(0x646464, rgb.rgbAt(10, 10));
        assertEquals(0, rgb.rgbAt(0, 0));
    }

    @Test
    void sixteenBitPngIsScaledToEightBits() {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(1, 2, 0, 65535);
        image.getRaster().setSample(2, 2, 0, 0x8080);
        RgbImage rgb = decoder.decode(TestImages.png(image)).image();
        assertEquals(0xFFFFFF, rgb.rgbAt(1, 2));
        assertEquals(0x808080, rgb.rgbAt(2, 2));
    }

    @Test
    void losslessWebpDecodes() {
        int w = 40;
        int h = 36;
        int[][] values = {{10, 200}, {20, 220}, {30, 180}};
        boolean[][] bits = new boolean[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bits[0][y * w + x] = x < 10;
                bits[1][y * w + x] = y >= 30;
                bits[2][y * w + x] = (x + y) % 2 == 0;
            }
        }
        byte[] webp = WebpTestImages.lossless(w, h, values, bits);
        assertEquals(Optional.of(ImageFormat.WEBP), ImageDecoder.sniff(webp));
        DecodedImage decoded = decoder.decode(webp);
        assertEquals(ImageFormat.WEBP, decoded.format());
        assertEquals(w, decoded.image().width());
        assertEquals(h, decoded.image().height());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int expected = (values[0][bits[0][i] ? 1 : 0] << 16) | (values[1][bits[1][i] ? 1 : 0] << 8)
                        | values[2][bits[2][i] ? 1 : 0];
                assertEquals(expected, decoded.image().rgbAt(x, y), "pixel " + x + "," + y);
            }
        }
        DecodedImage small = new ImageDecoder(ImageLimits.DEFAULTS, 32).decode(webp);
        assertEquals(2, small.subsampling());
        assertEquals(20, small.image().width());
        assertEquals(decoded.image().rgbAt(2, 4), small.image().rgbAt(1, 2));
    }

    @Test
    void truncatedWebpIsCorrupt() {
        boolean[][] bits = new boolean[3][64 * 64];
        Arrays.fill(bits[0], true);
        byte[] webp = WebpTestImages.lossless(64, 64, new int[][] {{1, 2}, {3, 3}, {4, 4}}, bits);
        assertCode(ImageException.Code.CORRUPT, Arrays.copyOf(webp, 30));
    }

    @Test
    void heicNeedsLibheif() {
        ByteBuffer heic = ByteBuffer.allocate(64);
        heic.putInt(24).put(ascii("ftyp")).put(ascii("heic")).putInt(0).put(ascii("mif1")).put(ascii("heic"));
        heic.putInt(40).put(ascii("meta"));
        ImageException e = assertThrows(ImageException.class, () -> decoder.decode(heic.array()));
        if (HeifConverter.tool().isPresent()) {
            assertEquals(ImageException.Code.CORRUPT, e.code());
        } else {
            assertEquals(ImageException.Code.UNSUPPORTED_ON_THIS_SERVER, e.code());
            assertEquals("HEIC images need libheif (heif-dec), which is not installed on this server", e.getMessage());
        }
    }

    @Test
    void heicDecodesWhenLibheifIsInstalled(@TempDir Path dir) throws Exception {
        Optional<Path> encoder = HeifConverter.tool().map(tool -> tool.resolveSibling("heif-enc")).filter(Files::isExecutable);
        assumeTrue(encoder.isPresent(), "needs libheif's heif-dec and heif-enc");
        Path png = dir.resolve("in.png");
        Path heic = dir.resolve("out.heic");
        Files.write(png, TestImages.png(TestImages.noisy(200, 120, 15)));
        Process process = new ProcessBuilder(encoder.get().toString(), "-q", "90", "-o", heic.toString(), png.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "heif-enc failed");
        DecodedImage decoded = decoder.decode(Files.readAllBytes(heic));
        assertEquals(ImageFormat.HEIC, decoded.format());
        assertEquals(200, decoded.image().width());
        assertEquals(120, decoded.image().height());
        assertEquals(1, decoded.exifOrientation());
    }

    @Test
    void avifIsUnsupported() {
        ByteBuffer avif = ByteBuffer.allocate(64);
        avif.putInt(28).put(ascii("ftyp")).put(ascii("avif")).putInt(0).put(ascii("mif1")).put(ascii("miaf")).put(ascii("avif"));
        ImageException e = assertCode(ImageException.Code.UNSUPPORTED_FORMAT, avif.array());
        assertTrue(e.getMessage().startsWith("AVIF"), e.getMessage());
    }

    @Test
    void decoderRejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(ImageLimits.DEFAULTS, 31));
        assertThrows(NullPointerException.class, () -> new ImageDecoder(null));
        assertThrows(NullPointerException.class, () -> decoder.decode(null));
    }

    private ImageException assertCode(ImageException.Code code, byte[] bytes) {
        return assertThrowsCode(code, () -> decoder.decode(bytes));
    }

    private static ImageException assertThrowsCode(ImageException.Code code, org.junit.jupiter.api.function.Executable call) {
        ImageException e = assertThrows(ImageException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message");
        return e;
    }

    private static void assertRed(int rgb) {
        assertTrue((rgb >> 16 & 0xFF) > 180 && (rgb >> 8 & 0xFF) < 60 && (rgb & 0xFF) < 60, Integer.toHexString(rgb));
    }

    private static void assertGray(int rgb) {
        assertTrue(Math.abs((rgb >> 16 & 0xFF) - 128) < 20 && Math.abs((rgb & 0xFF) - 128) < 20, Integer.toHexString(rgb));
    }

    private static RgbImage imageIoRead(byte[] bytes) throws IOException {
        return imageIoRead(bytes, 1);
    }

    /** What plain Image I/O returns, as sRGB bytes via getRGB. */
    private static RgbImage imageIoRead(byte[] bytes, int subsampling) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            BufferedImage image = reader.read(0, param);
            int w = image.getWidth();
            int h = image.getHeight();
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = image.getRGB(x, y);
                    int i = (y * w + x) * 3;
                    rgb[i] = (byte) (p >> 16);
                    rgb[i + 1] = (byte) (p >> 8);
                    rgb[i + 2] = (byte) p;
                }
            }
            return new RgbImage(w, h, rgb);
        } finally {
            reader.dispose();
        }
    }

    private static void assertMaxDifference(RgbImage expected, RgbImage actual, int tolerance) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        int max = maxDifference(expected, actual);
        assertTrue(max <= tolerance, "max channel difference " + max);
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        int max = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            max = Math.max(max, Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF)));
        }
        return max;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
