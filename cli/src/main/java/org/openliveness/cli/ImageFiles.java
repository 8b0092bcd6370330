package org.openliveness.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
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

    /** Writes a baseline JPEG at {@code quality} (0..1); the same pixels always give the same bytes. */
    static void writeJpeg(RgbImage image, Path file, float quality) throws IOException {
        java.nio.file.Files.deleteIfExists(file);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(toBufferedImage(image), null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
