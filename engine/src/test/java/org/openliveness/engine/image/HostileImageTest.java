package org.openliveness.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile files generated here: refused before or during decoding, within bounded time. */
class HostileImageTest {

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(5);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** The progressive JPEG with its last scan (SOS up to EOI) repeated {@code extra} more times. */
    private static byte[] withRepeatedLastScan(byte[] jpeg, int extra) {
        int lastSos = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                lastSos = i;
            }
        }
        int eoi = jpeg.length - 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, eoi);
        for (int k = 0; k < extra; k++) {
            out.write(jpeg, lastSos, eoi - lastSos);
        }
        out.write(jpeg, eoi, 2);
        return out.toByteArray();
    }

    @Test
    void aProgressiveScanBombIsRefusedBeforeDecoding() {
        byte[] progressive = TestImages.jpeg(noise(64, 64), 0.9f, true);
        int scans = JpegHeader.countScans(progressive, 1000);
        assertTrue(scans > 1 && scans <= ImageDecoder.MAX_JPEG_SCANS, "an encoder's progressive JPEG: " + scans + " scans");
        assertEquals(64, new ImageDecoder().decode(progressive).image().width());

        byte[] bomb = withRepeatedLastScan(progressive, 500);
        assertTrue(bomb.length < ImageLimits.DEFAULTS.maxBytes(), bomb.length + " bytes");
        assertTrue(JpegHeader.countScans(bomb, 100_000) > 500);
        // Refused by the scan count, before any decoding (no timing asserted: that belongs to RELIABILITY.md's fuzz run).
        ImageException e = assertThrows(ImageException.class, () -> new ImageDecoder().decode(bomb));
        assertEquals(ImageException.Code.CORRUPT, e.code());
        assertTrue(e.getMessage().contains("scans"), e.getMessage());
    }

    @Test
    void aDecodePastItsDeadlineIsAbortedAndRefused() {
        BufferedImage pattern = new BufferedImage(3000, 3000, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3000; y++) {
            for (int x = 0; x < 3000; x++) {
                pattern.setRGB(x, y, (x ^ y) * 0x010101 & 0xFFFFFF);
            }
        }
        byte[] big = TestImages.png(pattern);
        assertTrue(big.length < ImageLimits.DEFAULTS.maxBytes(), big.length + " bytes");
        ImageDecoder hurried = new ImageDecoder(ImageLimits.DEFAULTS, Integer.MAX_VALUE, Duration.ofMillis(1));
        ImageException e = assertThrows(ImageException.class, () -> hurried.decode(big));
        assertEquals(ImageException.Code.CORRUPT, e.code());
        assertTrue(e.getMessage().contains("within 1 ms"), e.getMessage());
        assertEquals(3000, new ImageDecoder().decode(big).image().width(), "with the default deadline it decodes");
    }

    @Test
    void aHeicDeclaringTooManyPixelsIsRefusedBeforeTheConverterRuns() {
        ByteBuffer heic = ByteBuffer.allocate(24 + 20);
        heic.putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII)).put("heic".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .put("mif1".getBytes(StandardCharsets.US_ASCII)).put("heic".getBytes(StandardCharsets.US_ASCII));
        heic.putInt(20).put("ispe".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(30_000).putInt(20_000);
        assertEquals(ImageFormat.HEIC, ImageDecoder.sniff(heic.array()).orElseThrow());
        ImageException e = assertThrows(ImageException.class, () -> new ImageDecoder().decode(heic.array()));
        assertEquals(ImageException.Code.TOO_MANY_PIXELS, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("30000x20000"), e.getMessage());
    }
}
