package org.openliveness.server.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openliveness.engine.image.RgbImage;

/**
 * Writes a YUV4MPEG2 video ({@code .y4m}), the raw format Chromium's fake camera plays with
 * {@code --use-file-for-fake-video-capture}: a header line
 * {@code YUV4MPEG2 W<w> H<h> F<fps>:1 Ip A1:1 C420}, then per frame {@code FRAME\n} and the Y plane
 * (one byte per pixel), then the Cb and Cr planes at half width and half height (each the mean of
 * a 2×2 block). Colours are converted with BT.601 in studio range (Y 16–235, Cb/Cr 16–240), the
 * range Chromium assumes for such frames. Width and height must be even.
 */
final class Y4mWriter implements Closeable {

    private final OutputStream out;
    private final int width;
    private final int height;
    private final byte[] y;
    private final byte[] cb;
    private final byte[] cr;
    private int frames;

    Y4mWriter(Path file, int width, int height, int fps) throws IOException {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width and height must be positive and even, got " + width + "x" + height);
        }
        if (fps <= 0) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
        this.width = width;
        this.height = height;
        this.y = new byte[width * height];
        this.cb = new byte[width * height / 4];
        this.cr = new byte[width * height / 4];
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Appends one frame; it must have the video's size. */
    void write(RgbImage frame) throws IOException {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + ", the video " + width + "x" + height);
        }
        byte[] rgb = frame.rgb();
        for (int i = 0, p = 0; i < y.length; i++, p += 3) {
            y[i] = (byte) luma(rgb[p] & 0xff, rgb[p + 1] & 0xff, rgb[p + 2] & 0xff);
        }
        int cw = width / 2;
        for (int cy = 0; cy < height / 2; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = 3 * ((2 * cy + dy) * width + 2 * cx + dx);
                        r += (rgb[p] & 0xff) / 4.0;
                        g += (rgb[p + 1] & 0xff) / 4.0;
                        b += (rgb[p + 2] & 0xff) / 4.0;
                    }
                }
                cb[cy * cw + cx] = (byte) clamp(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255);
                cr[cy * cw + cx] = (byte) clamp(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255);
            }
        }
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.write(y);
        out.write(cb);
        out.write(cr);
        frames++;
    }

    /** Frames written so far. */
    int frames() {
        return frames;
    }

    static int luma(int r, int g, int b) {
        return clamp(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
