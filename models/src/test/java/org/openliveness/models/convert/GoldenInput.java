package org.openliveness.models.convert;

/**
 * The seeded input generator shared with {@code tools/goldens/make-goldens.mjs}: xorshift32
 * with state {@code 0x9E3779B9 ^ seed}, each value {@code fround(lo + (hi − lo) × u)} with
 * {@code u = (s >>> 8) / 2^24}.
 */
final class GoldenInput {

    private GoldenInput() {}

    static float[] generate(int seed, int count, double lo, double hi) {
        int s = 0x9E3779B9 ^ seed;
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            double u = (s >>> 8) / 16777216.0;
            out[i] = (float) (lo + (hi - lo) * u);
        }
        return out;
    }
}
