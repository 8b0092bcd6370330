package org.openliveness.engine.image;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Recognises an encoded image by its leading bytes only. */
final class Sniffer {

    /** What the leading bytes say. */
    enum Kind { JPEG, PNG, WEBP, HEIC, AVIF, UNKNOWN }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** HEVC-coded HEIF brands. */
    private static final Set<String> HEVC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs");
    /** Brands that say only "some HEIF/MIAF image"; the compatible brands decide. */
    private static final Set<String> GENERIC_HEIF_BRANDS = Set.of("mif1", "msf1", "mif2", "miaf");
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

    private Sniffer() {
    }

    static Kind sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Kind.JPEG;
        }
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return Kind.PNG;
        }
        if (b.length >= 12 && ascii(b, 0).equals("RIFF") && ascii(b, 8).equals("WEBP")) {
            return Kind.WEBP;
        }
        if (b.length >= 12 && ascii(b, 4).equals("ftyp")) {
            return sniffFtyp(b);
        }
        return Kind.UNKNOWN;
    }

    /**
     * Classifies an ISO-BMFF file by its ftyp box: the major brand first, then, for generic
     * HEIF brands, the compatible brands (an HEVC brand wins over an AVIF one; with neither
     * the file is taken as HEIC and left to libheif).
     */
    private static Kind sniffFtyp(byte[] b) {
        String major = ascii(b, 8);
        if (HEVC_BRANDS.contains(major)) {
            return Kind.HEIC;
        }
        if (AVIF_BRANDS.contains(major)) {
            return Kind.AVIF;
        }
        if (!GENERIC_HEIF_BRANDS.contains(major)) {
            return Kind.UNKNOWN;
        }
        long boxSize = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        int end = (int) Math.min(boxSize, b.length);
        boolean avif = false;
        for (int i = 16; i + 4 <= end; i += 4) {
            String brand = ascii(b, i);
            if (HEVC_BRANDS.contains(brand)) {
                return Kind.HEIC;
            }
            avif |= AVIF_BRANDS.contains(brand);
        }
        return avif ? Kind.AVIF : Kind.HEIC;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int offset) {
        return new String(b, offset, 4, StandardCharsets.ISO_8859_1);
    }
}
