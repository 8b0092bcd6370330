package org.openliveness.engine.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the JPEG markers before the first scan say about colour and orientation.
 *
 * @param components       number of colour components in the frame header (1, 3 or 4); 0 when
 *                         no frame header was found before the first scan or the end of data
 * @param componentIds     component identifiers in frame order
 * @param jfif             an APP0 JFIF segment is present
 * @param exif             an APP1 Exif segment is present
 * @param adobeTransform   transform flag of an APP14 Adobe segment, -1 when there is none
 * @param exifOrientation  EXIF orientation 1..8, 1 when absent or invalid
 * @param iccProfile       the embedded ICC profile reassembled from its APP2 chunks, or null
 * @param iccSegments      start (at the 0xFF of the marker) and end offsets of each APP2
 *                         ICC_PROFILE segment, flattened as start0, end0, start1, end1...
 */
record JpegHeader(int components, int[] componentIds, boolean jfif, boolean exif, int adobeTransform,
                  int exifOrientation, byte[] iccProfile, int[] iccSegments) {

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    /**
     * True when the JDK reader, and so {@code ImageIO.read}, interprets the three components as
     * JFIF YCbCr (the rules of the JDK's {@code imageioJPEG.c}: JFIF or Exif marker, Adobe
     * transform 1, or no Adobe marker and component ids 1, 2, 3).
     */
    boolean isYCbCr() {
        if (components != 3) {
            return false;
        }
        if (adobeTransform >= 0) {
            return adobeTransform == 1;
        }
        return jfif || exif || (componentIds[0] == 1 && componentIds[1] == 2 && componentIds[2] == 3);
    }

    /**
     * {@code jpeg}, the bytes this header was parsed from, without its ICC profile segments:
     * the JDK reader then skips building a colour space for the profile.
     */
    byte[] withoutIccProfile(byte[] jpeg) {
        if (iccSegments.length == 0) {
            return jpeg;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        int from = 0;
        for (int i = 0; i < iccSegments.length; i += 2) {
            out.write(jpeg, from, iccSegments[i] - from);
            from = iccSegments[i + 1];
        }
        out.write(jpeg, from, jpeg.length - from);
        return out.toByteArray();
    }

    /**
     * The number of scans (SOS markers) of a JPEG, counting no further than {@code stopAt}:
     * marker segments are skipped by their lengths (so an EXIF thumbnail's scans do not count) and
     * entropy-coded data up to its next marker. Never throws on malformed data; reading stops at EOI
     * or where the structure breaks. Linear in the file's size.
     */
    static int countScans(byte[] b, int stopAt) {
        int scans = 0;
        int pos = 2;
        while (pos + 1 < b.length && scans < stopAt) {
            if ((b[pos] & 0xFF) != 0xFF) {
                return scans;
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            pos += 2;
            if (marker == EOI) {
                return scans;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (pos + 2 > b.length) {
                return scans;
            }
            int length = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            if (length < 2) {
                return scans;
            }
            pos += length;
            if (marker == SOS) {
                scans++;
                // Entropy-coded data: up to the next 0xFF that is neither stuffing (FF 00) nor a restart marker.
                while (pos + 1 < b.length) {
                    if ((b[pos] & 0xFF) == 0xFF) {
                        int next = b[pos + 1] & 0xFF;
                        if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7)) {
                            break;
                        }
                    }
                    pos++;
                }
            }
        }
        return scans;
    }

    /** Reads markers from SOI up to the first SOS; never throws on malformed data. */
    static JpegHeader parse(byte[] b) {
        int components = 0;
        int[] ids = new int[0];
        boolean jfif = false;
        boolean exif = false;
        int adobe = -1;
        int orientation = 1;
        Map<Integer, byte[]> iccChunks = new TreeMap<>();
        List<Integer> iccBounds = new ArrayList<>();
        int pos = 2;
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                break;
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            pos += 2;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == SOS || marker == EOI || pos + 2 > b.length) {
                break;
            }
            int length = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            if (length < 2 || pos + length > b.length) {
                break;
            }
            int p = pos + 2;
            int n = length - 2;
            if (marker == 0xE0 && hasPrefix(b, p, n, "JFIF\0")) {
                jfif = true;
            } else if (marker == 0xE1 && hasPrefix(b, p, n, "Exif\0\0")) {
                if (!exif) {
                    orientation = ExifOrientation.fromTiff(b, p + 6, n - 6);
                }
                exif = true;
            } else if (marker == 0xE2 && hasPrefix(b, p, n, "ICC_PROFILE\0") && n >= 14) {
                iccChunks.putIfAbsent(b[p + 12] & 0xFF, Arrays.copyOfRange(b, p + 14, p + n));
                iccBounds.add(pos - 2);
                iccBounds.add(pos + length);
            } else if (marker == 0xEE && hasPrefix(b, p, n, "Adobe") && n >= 12) {
                adobe = b[p + 11] & 0xFF;
            } else if (isStartOfFrame(marker) && n >= 6) {
                int count = b[p + 5] & 0xFF;
                if (n >= 6 + 3 * count) {
                    components = count;
                    ids = new int[count];
                    for (int i = 0; i < count; i++) {
                        ids[i] = b[p + 6 + 3 * i] & 0xFF;
                    }
                }
            }
            pos += length;
        }
        byte[] icc = null;
        if (!iccChunks.isEmpty()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            iccChunks.values().forEach(out::writeBytes);
            icc = out.toByteArray();
        }
        int[] segments = iccBounds.stream().mapToInt(Integer::intValue).toArray();
        return new JpegHeader(components, ids, jfif, exif, adobe, orientation, icc, segments);
    }

    /**
     * The number of scans (SOS markers) from the first one to the end of the data. In
     * entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker, so every
     * 0xFF 0xDA from the first scan on starts a scan. Linear in the size, never throws.
     */
    static int scanCount(byte[] b) {
        int count = 0;
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == SOS) {
                count++;
            }
        }
        return count;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean hasPrefix(byte[] b, int p, int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        byte[] expected = prefix.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < expected.length; i++) {
            if (b[p + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
