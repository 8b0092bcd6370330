package org.openliveness.engine.image;

import java.nio.charset.StandardCharsets;

/**
 * Recognises ICC profiles that describe sRGB, so that colour management can be skipped for
 * them: decoding such a JPEG without conversion gives the same pixels, much faster.
 */
final class IccProfiles {

    /** sRGB primaries adapted to D50, as stored in the rXYZ, gXYZ, bXYZ tags of sRGB profiles. */
    private static final double[][] SRGB_COLORANTS = {
            {0.4361, 0.2225, 0.0139},
            {0.3851, 0.7169, 0.0971},
            {0.1431, 0.0606, 0.7141},
    };
    private static final String[] COLORANT_TAGS = {"rXYZ", "gXYZ", "bXYZ"};
    private static final String[] TRC_TAGS = {"rTRC", "gTRC", "bTRC"};
    private static final double COLORANT_TOLERANCE = 0.005;
    /** Largest accepted difference between the profile's curve and sRGB's, in 8-bit levels. */
    private static final double TRC_TOLERANCE_LEVELS = 1.5;
    private static final double[] TRC_PROBES = {0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95};

    private IccProfiles() {
    }

    /**
     * True when {@code profile} is a matrix/TRC RGB profile whose colorants and tone curves
     * match sRGB: colorants within 0.005 and curves within 1.5 levels of 255. Malformed or
     * LUT-based profiles give false.
     */
    static boolean isSrgb(byte[] profile) {
        try {
            if (profile.length < 132 || !ascii(profile, 16).equals("RGB ")) {
                return false;
            }
            for (int c = 0; c < 3; c++) {
                int xyz = findTag(profile, COLORANT_TAGS[c]);
                if (xyz < 0 || xyz + 20 > profile.length || !ascii(profile, xyz).equals("XYZ ")) {
                    return false;
                }
                for (int k = 0; k < 3; k++) {
                    double v = s15Fixed16(profile, xyz + 8 + 4 * k);
                    if (Math.abs(v - SRGB_COLORANTS[c][k]) > COLORANT_TOLERANCE) {
                        return false;
                    }
                }
                int trc = findTag(profile, TRC_TAGS[c]);
                if (trc < 0) {
                    return false;
                }
                for (double x : TRC_PROBES) {
                    double linear = evaluateTrc(profile, trc, x);
                    if (Double.isNaN(linear) || Math.abs(srgbEncode(linear) - x) * 255 > TRC_TOLERANCE_LEVELS) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IndexOutOfBoundsException e) {
            return false;
        }
    }

    /** Offset of the data of tag {@code signature}, or -1. */
    private static int findTag(byte[] p, String signature) {
        long count = u32(p, 128);
        for (long i = 0; i < count && 132 + 12 * i + 12 <= p.length; i++) {
            int entry = (int) (132 + 12 * i);
            if (ascii(p, entry).equals(signature)) {
                long offset = u32(p, entry + 4);
                return offset + 12 <= p.length ? (int) offset : -1;
            }
        }
        return -1;
    }

    /** Linear value of a 'curv' or 'para' tone curve at encoded value x in [0, 1]; NaN when unknown. */
    private static double evaluateTrc(byte[] p, int offset, double x) {
        String type = ascii(p, offset);
        if (type.equals("curv")) {
            long n = u32(p, offset + 8);
            if (n == 0) {
                return x;
            }
            if (n == 1) {
                return Math.pow(x, u16(p, offset + 12) / 256.0);
            }
            double pos = x * (n - 1);
            int i = (int) Math.min(Math.floor(pos), n - 2);
            double f = pos - i;
            double a = u16(p, offset + 12 + 2 * i) / 65535.0;
            double b = u16(p, offset + 12 + 2 * (i + 1)) / 65535.0;
            return a + (b - a) * f;
        }
        if (type.equals("para")) {
            int function = u16(p, offset + 8);
            int[] paramCount = {1, 3, 4, 5, 7};
            if (function > 4) {
                return Double.NaN;
            }
            double[] q = new double[7];
            for (int k = 0; k < paramCount[function]; k++) {
                q[k] = s15Fixed16(p, offset + 12 + 4 * k);
            }
            double g = q[0];
            double a = q[1];
            double b = q[2];
            double c = q[3];
            double d = q[4];
            double e = q[5];
            double f = q[6];
            return switch (function) {
                case 0 -> Math.pow(x, g);
                case 1 -> x >= -b / a ? Math.pow(a * x + b, g) : 0;
                case 2 -> x >= -b / a ? Math.pow(a * x + b, g) + c : c;
                case 3 -> x >= d ? Math.pow(a * x + b, g) : c * x;
                default -> x >= d ? Math.pow(a * x + b, g) + e : c * x + f;
            };
        }
        return Double.NaN;
    }

    private static double srgbEncode(double linear) {
        return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }

    private static double s15Fixed16(byte[] p, int offset) {
        return (int) u32(p, offset) / 65536.0;
    }

    private static int u16(byte[] p, int offset) {
        return ((p[offset] & 0xFF) << 8) | (p[offset + 1] & 0xFF);
    }

    private static long u32(byte[] p, int offset) {
        return ((p[offset] & 0xFFL) << 24) | ((p[offset + 1] & 0xFFL) << 16) | ((p[offset + 2] & 0xFFL) << 8) | (p[offset + 3] & 0xFFL);
    }

    private static String ascii(byte[] p, int offset) {
        return new String(p, offset, 4, StandardCharsets.ISO_8859_1);
    }
}
