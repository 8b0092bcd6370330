package org.openliveness.engine.image;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Builds encoded test images in memory. */
public final class TestImages {

    private TestImages() {
    }

    /** A smooth colour gradient with seeded noise, like a photo as far as JPEG is concerned. */
    public static BufferedImage noisy(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(x * 255 / width + random.nextInt(41) - 20);
                int g = clamp(y * 255 / height + random.nextInt(41) - 20);
                int b = clamp(128 + random.nextInt(81) - 40);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    public static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        return write(writer, new IIOImage(image, null, null), param);
    }

    /** A JPEG written from a bare raster: no JFIF marker and no colour conversion by the writer. */
    static byte[] jpegFromRaster(Raster raster) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        return write(writer, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG with an eXIf chunk holding the EXIF orientation, placed right after IHDR. */
    static byte[] pngWithExifOrientation(BufferedImage image, int orientation) {
        byte[] png = png(image);
        byte[] exif = exifPayload(orientation, false);
        byte[] tiff = Arrays.copyOfRange(exif, 6, exif.length);
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        writeInt(out, tiff.length, 4, false);
        CRC32 crc = new CRC32();
        byte[] type = "eXIf".getBytes(StandardCharsets.US_ASCII);
        crc.update(type);
        crc.update(tiff);
        out.writeBytes(type);
        out.writeBytes(tiff);
        writeInt(out, (int) crc.getValue(), 4, false);
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** {@code png} with a chunk of {@code type} holding {@code data} inserted right after IHDR. */
    static byte[] pngWithChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        chunk(out, type, data);
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Inserts a marker segment right after SOI and the APP0 JFIF segment that may follow it. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        int length = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** Removes the APP0 JFIF segment that the JDK writer puts after SOI. */
    static byte[] withoutJfif(byte[] jpeg) {
        if ((jpeg[2] & 0xFF) != 0xFF || (jpeg[3] & 0xFF) != 0xE0) {
            return jpeg;
        }
        int end = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(jpeg, end, jpeg.length - end);
        return out.toByteArray();
    }

    /** An APP2 payload carrying {@code profile} as a single ICC_PROFILE chunk. */
    static byte[] iccPayload(byte[] profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1));
        out.write(1);
        out.write(1);
        out.writeBytes(profile);
        return out.toByteArray();
    }

    /** An APP1 Exif payload whose IFD0 holds only the orientation tag. */
    public static byte[] exifPayload(int orientation, boolean littleEndian) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(littleEndian ? new byte[] {'I', 'I', 42, 0} : new byte[] {'M', 'M', 0, 42});
        writeInt(out, 8, 4, littleEndian);
        writeInt(out, 1, 2, littleEndian);
        writeInt(out, 0x0112, 2, littleEndian);
        writeInt(out, 3, 2, littleEndian);
        writeInt(out, 1, 4, littleEndian);
        writeInt(out, orientation, 2, littleEndian);
        writeInt(out, 0, 2, littleEndian);
        writeInt(out, 0, 4, littleEndian);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value, int size, boolean littleEndian) {
        for (int i = 0; i < size; i++) {
            int shift = littleEndian ? 8 * i : 8 * (size - 1 - i);
            out.write((value >>> shift) & 0xFF);
        }
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
    /** A PNG with a valid IHDR claiming {@code width}x{@code height} and a tiny IDAT. */
    public static byte[] craftedPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeBytes(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

}
