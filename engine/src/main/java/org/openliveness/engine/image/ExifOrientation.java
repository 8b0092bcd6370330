package org.openliveness.engine.image;

import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Reads the EXIF orientation tag (0x0112 in IFD0), returning 1 whenever it is absent or invalid. */
final class ExifOrientation {

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int PNG_SIGNATURE_LENGTH = 8;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

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

    /**
     * Orientation from a PNG's {@code eXIf} chunk, found by walking the chunk headers. No other
     * chunk is read: text chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}) and the ICC profile
     * ({@code iCCP}) are skipped by their declared length, never inflated, so a chunk that
     * inflates to gigabytes costs nothing here. A chunk whose length runs past the end of the
     * data ends the walk (the decoder then refuses the file as corrupt).
     */
    static int fromPng(byte[] b) {
        int p = PNG_SIGNATURE_LENGTH;
        while (p + 8 <= b.length) {
            long length = u32(b, p, false);
            String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
            int data = p + 8;
            if (length > b.length - data) {
                return 1;
            }
            if (type.equals("eXIf")) {
                int skip = startsWith(b, data, (int) length, EXIF_HEADER) ? EXIF_HEADER.length : 0;
                return fromTiff(b, data + skip, (int) length - skip);
            }
            if (type.equals("IEND")) {
                return 1;
            }
            p = data + (int) length + 4;
        }
        return 1;
    }

    /** Orientation from the {@code EXIF} chunk of a WebP file, via metadata-extractor. */
    static int fromWebp(byte[] bytes) {
        try {
            Metadata metadata = WebpMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
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

    private static boolean startsWith(byte[] b, int offset, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
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
