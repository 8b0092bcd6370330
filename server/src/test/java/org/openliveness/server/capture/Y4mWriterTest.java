package org.openliveness.server.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.engine.image.RgbImage;

class Y4mWriterTest {

    @TempDir
    Path dir;

    private static RgbImage filled(int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void writesTheHeaderAndStudioRangePlanesPerFrame() throws Exception {
        Path file = dir.resolve("v.y4m");
        try (Y4mWriter w = new Y4mWriter(file, 4, 2, 10)) {
            w.write(filled(4, 2, 255, 255, 255));
            w.write(filled(4, 2, 255, 0, 0));
            assertThat(w.frames()).isEqualTo(2);
        }
        byte[] bytes = Files.readAllBytes(file);
        String header = "YUV4MPEG2 W4 H2 F10:1 Ip A1:1 C420\n";
        int frame = "FRAME\n".length() + 4 * 2 + 2 * (2 * 1);
        assertThat(bytes).hasSize(header.length() + 2 * frame);
        assertThat(new String(bytes, 0, header.length(), StandardCharsets.US_ASCII)).isEqualTo(header);

        int white = header.length() + "FRAME\n".length();
        assertThat(unsigned(Arrays.copyOfRange(bytes, white, white + 8))).containsOnly(235);
        assertThat(unsigned(Arrays.copyOfRange(bytes, white + 8, white + 12))).as("Cb, Cr of white").containsOnly(128);

        int red = header.length() + frame + "FRAME\n".length();
        assertThat(unsigned(Arrays.copyOfRange(bytes, red, red + 8))).containsOnly(81);
        assertThat(unsigned(Arrays.copyOfRange(bytes, red + 8, red + 10))).as("Cb of red").containsOnly(90);
        assertThat(unsigned(Arrays.copyOfRange(bytes, red + 10, red + 12))).as("Cr of red").containsOnly(240);
    }

    @Test
    void refusesOddSizesAndFramesOfAnotherSize() throws Exception {
        assertThatThrownBy(() -> new Y4mWriter(dir.resolve("odd.y4m"), 5, 4, 10)).isInstanceOf(IllegalArgumentException.class);
        try (Y4mWriter w = new Y4mWriter(dir.resolve("v.y4m"), 4, 2, 10)) {
            assertThatThrownBy(() -> w.write(filled(2, 2, 0, 0, 0))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }
}
