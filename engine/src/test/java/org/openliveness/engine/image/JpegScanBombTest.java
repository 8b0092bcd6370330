package org.openliveness.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A progressive JPEG with thousands of scans: the reader visits every block in every scan, so
 * one such upload held an analysis slot for 30–60 s on a loaded 2-core machine (found by
 * {@code openliveness fuzz}; docs/RELIABILITY.md). It is refused before decoding.
 */
class JpegScanBombTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void aJpegWithThousandsOfScansIsRefusedAtOnce() {
        byte[] progressive = TestImages.jpeg(TestImages.noisy(640, 480, 2), 0.9f, true);
        int scans = JpegHeader.scanCount(progressive);
        assertTrue(scans > 1 && scans <= ImageDecoder.MAX_JPEG_SCANS, "an ordinary progressive JPEG has " + scans + " scans");
        assertEquals(640, decoder.decode(progressive).image().width());

        byte[] bomb = withSmallestScanRepeated(progressive, 5000);
        assertEquals(scans + 5000, JpegHeader.scanCount(bomb));
        assertTrue(bomb.length < ImageLimits.DEFAULTS.maxBytes(), "within the upload limit: " + bomb.length);
        long t0 = System.nanoTime();
        ImageException e = assertThrows(ImageException.class, () -> decoder.decode(bomb));
        double ms = (System.nanoTime() - t0) / 1e6;
        assertEquals(ImageException.Code.CORRUPT, e.code());
        assertTrue(ms < 500, "refused in " + ms + " ms");
    }

    /** The JPEG with its smallest scan (SOS up to the next scan or EOI) written {@code times} more times before EOI. */
    private static byte[] withSmallestScanRepeated(byte[] jpeg, int times) {
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                starts.add(i);
            }
        }
        int eoi = jpeg.length - 2;
        starts.add(eoi);
        int from = 0;
        int to = eoi;
        for (int k = 0; k + 1 < starts.size(); k++) {
            if (starts.get(k + 1) - starts.get(k) < to - from) {
                from = starts.get(k);
                to = starts.get(k + 1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, eoi);
        for (int i = 0; i < times; i++) {
            out.write(jpeg, from, to - from);
        }
        out.write(jpeg, eoi, 2);
        return out.toByteArray();
    }
}
