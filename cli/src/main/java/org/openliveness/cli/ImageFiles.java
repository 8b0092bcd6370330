package org.openliveness.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.openliveness.engine.image.RgbImage;

/** Writing engine images to files. */
final class ImageFiles {

    private ImageFiles() {}

    static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out.setRGB(x, y, image.rgbAt(x, y));
            }
        }
        return out;
    }

    /** A baseline JPEG at {@code quality} (0..1); the same pixels always give the same bytes. */
    static byte[] jpeg(RgbImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(toBufferedImage(image), null, null), param);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a JPEG", e);
        } finally {
            writer.dispose();
        }
    }

    /** Writes {@link #jpeg} to a file. */
    static void writeJpeg(RgbImage image, Path file, float quality) throws IOException {
        java.nio.file.Files.write(file, jpeg(image, quality));
    }

    /** The {@code w}×{@code h} region at {@code x}, {@code y} (which must lie inside the image). */
    static RgbImage crop(RgbImage img, int x, int y, int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int j = 0; j < h; j++) {
            System.arraycopy(img.rgb(), ((y + j) * img.width() + x) * 3, rgb, j * w * 3, w * 3);
        }
        return new RgbImage(w, h, rgb);
    }
}
