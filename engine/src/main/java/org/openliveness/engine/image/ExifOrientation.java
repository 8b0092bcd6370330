package org.openliveness.engine.image;

import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.io.ByteArrayInputStream;

/** Reads the EXIF orientation tag (0x0112 in IFD0), returning 1 whenever it is absent or invalid. */
final class ExifOrientation {

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** Orientation from a TIFF structure (the payload of a JPEG APP1 Exif segment after its 6-byte header). */
    static int fromTiff(byte[] b, int start, int length) {
        int end = start + length;
        if (length < 8 || end > b.length) {
            return 1;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, start + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || ifd + 2 > length) {
            return 1;
        }
        int p = start + (int) ifd;
        int entries = u16(b, p, little);
        p += 2;
        for (int i = 0; i < entries && p + 12 <= end; i++, p += 12) {
            if (u16(b, p, little) == TAG_ORIENTATION) {
                if (u16(b, p + 2, little) != TYPE_SHORT || u32(b, p + 4, little) < 1) {
                    return 1;
                }
                return valid(u16(b, p + 8, little));
            }
        }
        return 1;
    }

    /** Orientation from the EXIF chunk of a PNG ({@code eXIf}) or WebP ({@code EXIF}) file, via metadata-extractor. */
    static int fromMetadata(byte[] bytes, ImageFormat format) {
        try {
            Metadata metadata = switch (format) {
                case PNG -> PngMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
                case WEBP -> WebpMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
                default -> null;
            };
            if (metadata == null) {
                return 1;
            }
            ExifIFD0Directory dir = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir == null || !dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            return valid(dir.getInt(ExifIFD0Directory.TAG_ORIENTATION));
        } catch (Exception e) {
            // Unreadable metadata does not make the pixels unusable: fall back to "as stored".
            return 1;
        }
    }

    private static int valid(int orientation) {
        return orientation >= 1 && orientation <= 8 ? orientation : 1;
    }

    private static int u16(byte[] b, int p, boolean little) {
        int b0 = b[p] & 0xFF;
        int b1 = b[p + 1] & 0xFF;
        return little ? b0 | (b1 << 8) : (b0 << 8) | b1;
    }

    private static long u32(byte[] b, int p, boolean little) {
        long v0 = u16(b, p, little);
        long v1 = u16(b, p + 2, little);
        return little ? v0 | (v1 << 16) : (v0 << 16) | v1;
    }
}
