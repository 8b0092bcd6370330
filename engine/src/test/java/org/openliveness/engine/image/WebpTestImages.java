package org.openliveness.engine.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal lossless WebP (VP8L) encoder for tests: no transforms, no colour cache, and
 * "simple" prefix codes of one or two symbols per channel, so every channel of every pixel
 * takes one of two values. Enough to produce real, decodable WebP files without libwebp.
 */
final class WebpTestImages {

    private WebpTestImages() {
    }

    /**
     * Encodes an opaque image whose channel {@code c} (0 red, 1 green, 2 blue) of pixel
     * {@code (x, y)} is {@code values[c][bits[c][y * width + x] ? 1 : 0]}.
     */
    static byte[] lossless(int width, int height, int[][] values, boolean[][] bits) {
        BitWriter w = new BitWriter();
        w.write(0x2F, 8);
        w.write(width - 1, 14);
        w.write(height - 1, 14);
        w.write(0, 1);
        w.write(0, 3);
        w.write(0, 1); // no transform
        w.write(0, 1); // no colour cache
        w.write(0, 1); // no meta prefix codes
        // Prefix codes in order green, red, blue, alpha, distance.
        simpleCode(w, values[1][0], values[1][1]);
        simpleCode(w, values[0][0], values[0][1]);
        simpleCode(w, values[2][0], values[2][1]);
        simpleCode(w, 255, 255);
        simpleCode(w, 0, 0);
        int[] order = {1, 0, 2};
        for (int i = 0; i < width * height; i++) {
            for (int c : order) {
                if (values[c][0] != values[c][1]) {
                    int symbol = values[c][bits[c][i] ? 1 : 0];
                    // Canonical code: the smaller symbol gets code 0.
                    w.write(symbol == Math.min(values[c][0], values[c][1]) ? 0 : 1, 1);
                }
            }
        }
        byte[] data = w.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int padded = data.length + (data.length & 1);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        le32(out, 4 + 8 + padded);
        out.writeBytes("WEBPVP8L".getBytes(StandardCharsets.US_ASCII));
        le32(out, data.length);
        out.writeBytes(data);
        if ((data.length & 1) == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void simpleCode(BitWriter w, int a, int b) {
        w.write(1, 1); // simple code
        boolean two = a != b;
        w.write(two ? 1 : 0, 1);
        w.write(1, 1); // first symbol uses 8 bits
        w.write(a, 8);
        if (two) {
            w.write(b, 8);
        }
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 24) & 0xFF);
    }

    /** Packs bits least-significant first, as VP8L reads them. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int bits) {
            for (int i = 0; i < bits; i++) {
                current |= ((value >>> i) & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}
