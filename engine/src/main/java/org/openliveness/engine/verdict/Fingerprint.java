package org.openliveness.engine.verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * What the replay check compares: two difference hashes and the measurements of the face.
 * Holds no image and no face template, so it may be kept longer than the photo.
 *
 * <p>A store of fingerprints finds the ones that can be the same picture as a new photo without
 * reading them all through {@link #lookupKeys()} (kept with each stored fingerprint) and
 * {@link #lookup(int)} (asked of the new photo): see {@link Lookup} for the rule and why it misses
 * no fingerprint that {@link #samePictureAs} accepts.
 *
 * @param imageHash dHash of the whole photo
 * @param faceHash  dHash of the face box
 * @param yaw       degrees
 * @param pitch     degrees
 * @param eyes      mean eye openness 0..1
 * @param mouth     mouth openness 0..1
 * @param smile     smile score 0..1, or NaN where it was not measured (a frame of a burst for another
 *                  challenge than {@code SMILE}): such a fingerprint matches any smile score
 */
public record Fingerprint(long imageHash, long faceHash, double yaw, double pitch, double eyes, double mouth, double smile) {

    /** Largest measurement differences between two captures of one picture (re-encoded or resized). */
    static final double MAX_ANGLE_DIFFERENCE = 1.5;
    static final double MAX_SCORE_DIFFERENCE = 0.05;

    /** Largest {@code maxBits} a {@link #lookup(int)} serves: the upper bound of {@link VerdictThresholds#replayMaxHashDistance()}. */
    public static final int MAX_LOOKUP_BITS = 16;

    /**
     * Bands the image hash is cut into for lookups, {@link #MAX_LOOKUP_BITS} + 1: band {@code b}
     * covers bits {@code 64·b/17} up to {@code 64·(b+1)/17} (integer division, bit 0 the most
     * significant), 3 or 4 bits each.
     */
    public static final int LOOKUP_BANDS = MAX_LOOKUP_BITS + 1;

    /**
     * Widens the measure bounds of a {@link Lookup} so that rounding in {@code a ± tolerance} can
     * never exclude a value that {@code |a − b| <= tolerance} accepts (angles are within ±180°,
     * where one ulp is below 3e-14).
     */
    private static final double ROUNDING_SLACK = 1e-9;

    /**
     * Whether the two look like the same picture: both hashes within {@code maxBits} and every
     * measurement equal within re-encoding noise. Two live captures differ in at least one
     * measurement (the person moved, blinked or changed expression between challenges).
     */
    public boolean samePictureAs(Fingerprint other, int maxBits) {
        return samePictureAs(other, maxBits, 0, 0);
    }

    /**
     * {@link #samePictureAs(Fingerprint, int)} with the measurement tolerances widened by
     * {@code extraAngle} degrees and {@code extraScore}: for a client that must stay clear of the
     * rule's edge (the load command draws photos the server must never take for replays).
     */
    public boolean samePictureAs(Fingerprint other, int maxBits, double extraAngle, double extraScore) {
        double angle = MAX_ANGLE_DIFFERENCE + extraAngle;
        double score = MAX_SCORE_DIFFERENCE + extraScore;
        return ImageHash.distance(imageHash, other.imageHash) <= maxBits
                && ImageHash.distance(faceHash, other.faceHash) <= maxBits
                && Math.abs(yaw - other.yaw) <= angle
                && Math.abs(pitch - other.pitch) <= angle
                && Math.abs(eyes - other.eyes) <= score
                && Math.abs(mouth - other.mouth) <= score
                && (Double.isNaN(smile) || Double.isNaN(other.smile) || Math.abs(smile - other.smile) <= score);
    }

    /**
     * The lookup key of band {@code b}: the image hash rotated left so that band {@code b} starts at
     * the most significant bit, with that bit then flipped. The flip makes signed order of keys
     * (what a database's {@code BIGINT} index sorts by) equal the unsigned order of the rotated
     * hash, so "bits {@code i..j} of the hash equal these" — a prefix of the rotated hash — is one
     * contiguous key range.
     *
     * @param band 0 .. {@link #LOOKUP_BANDS} − 1
     */
    public long lookupKey(int band) {
        if (band < 0 || band >= LOOKUP_BANDS) {
            throw new IllegalArgumentException("band must lie in 0.." + (LOOKUP_BANDS - 1) + ", got " + band);
        }
        return Long.rotateLeft(imageHash, bandStart(band)) ^ Long.MIN_VALUE;
    }

    /** {@link #lookupKey(int)} of every band, in band order: what a store keeps with the fingerprint. */
    public long[] lookupKeys() {
        long[] keys = new long[LOOKUP_BANDS];
        for (int b = 0; b < LOOKUP_BANDS; b++) {
            keys[b] = lookupKey(b);
        }
        return keys;
    }

    /**
     * What a stored fingerprint must satisfy to possibly be the same picture as this one under
     * {@code maxBits} (see {@link Lookup}).
     *
     * @param maxBits 0 .. {@link #MAX_LOOKUP_BITS}, as in {@link #samePictureAs}
     */
    public Lookup lookup(int maxBits) {
        if (maxBits < 0 || maxBits > MAX_LOOKUP_BITS) {
            throw new IllegalArgumentException("maxBits must lie in 0.." + MAX_LOOKUP_BITS + ", got " + maxBits);
        }
        int groups = maxBits + 1;
        List<KeyRange> ranges = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            int first = Math.round((float) LOOKUP_BANDS * g / groups);
            int end = Math.round((float) LOOKUP_BANDS * (g + 1) / groups);
            int prefixBits = bandStart(end) - bandStart(first);
            long key = lookupKey(first);
            long free = prefixBits == Long.SIZE ? 0 : -1L >>> prefixBits;
            ranges.add(new KeyRange(first, prefixBits, key & ~free, key | free));
        }
        return new Lookup(List.copyOf(ranges), Bounds.around(yaw, MAX_ANGLE_DIFFERENCE), Bounds.around(pitch, MAX_ANGLE_DIFFERENCE),
                Bounds.around(eyes, MAX_SCORE_DIFFERENCE), Bounds.around(mouth, MAX_SCORE_DIFFERENCE),
                Double.isNaN(smile) ? Bounds.ANY : Bounds.around(smile, MAX_SCORE_DIFFERENCE));
    }

    /** First bit of band {@code b} (bit 0 the most significant); {@code bandStart(LOOKUP_BANDS)} is 64. */
    private static int bandStart(int band) {
        return Long.SIZE * band / LOOKUP_BANDS;
    }

    /**
     * Which stored fingerprints can be the same picture as the probe {@link #lookup(int)} was asked
     * of: those whose {@link #lookupKey(int)} of some range's band lies in that range, and whose
     * five measures lie within the bounds. Every fingerprint that {@link #samePictureAs} accepts
     * is admitted; the others mostly are not, but a store still decides with {@code samePictureAs}.
     *
     * <p>Why no match is missed: the key ranges cut the 64 bits of the image hash into
     * {@code maxBits + 1} disjoint runs of consecutive bands (about {@code 64 / (maxBits + 1)} bits
     * each). Two hashes at most {@code maxBits} bits apart differ in at most {@code maxBits} runs,
     * so at least one run is identical (pigeonhole); a run of bands starting at band {@code b} is a
     * prefix of {@code lookupKey(b)}, and "this prefix is equal" is the range {@code [min, max]}.
     *
     * <p>Selectivity: an unrelated hash falls in a run's range with probability 2<sup>−run
     * length</sup>; {@link #keyShare()} sums that over the runs: about 1e-3 at the default
     * {@code maxBits} 4, 0.04 at 7, 0.17 at 8 and more than 1 (every band of 3 or 4 bits is
     * as likely equal as not) at 16, where the key ranges no longer narrow anything and a store
     * does better to look up by yaw, which {@code samePictureAs} bounds to ±1.5°.
     *
     * @param keyRanges at least one, on distinct bands, covering all 64 bits between them
     */
    public record Lookup(List<KeyRange> keyRanges, Bounds yaw, Bounds pitch, Bounds eyes, Bounds mouth, Bounds smile) {

        public Lookup {
            keyRanges = List.copyOf(keyRanges);
        }

        /** Whether {@code stored} satisfies this lookup: what a store's query must (at least) return. */
        public boolean admits(Fingerprint stored) {
            return yaw.contains(stored.yaw) && pitch.contains(stored.pitch) && eyes.contains(stored.eyes)
                    && mouth.contains(stored.mouth) && smile.contains(stored.smile)
                    && keyRanges.stream().anyMatch(r -> r.contains(stored.lookupKey(r.band())));
        }

        /**
         * The expected share of stored fingerprints whose key falls in one of the ranges, for
         * independent uniformly random image hashes: the sum of 2<sup>−prefixBits</sup> (an upper
         * bound on the union). Above a few per cent the ranges read more than a look-up by yaw would.
         */
        public double keyShare() {
            return keyRanges.stream().mapToDouble(r -> Math.scalb(1.0, -r.prefixBits())).sum();
        }
    }

    /**
     * Stored fingerprints whose {@code lookupKey(band)} lies in {@code min..max} (signed, both
     * inclusive): those whose image hash has the probe's bits in the {@code prefixBits} bits from
     * the start of {@code band}.
     */
    public record KeyRange(int band, int prefixBits, long min, long max) {

        public KeyRange {
            if (band < 0 || band >= LOOKUP_BANDS || prefixBits < 1 || prefixBits > Long.SIZE || min > max) {
                throw new IllegalArgumentException("not a key range: band " + band + ", " + prefixBits + " bits, " + min + ".." + max);
            }
        }

        public boolean contains(long key) {
            return key >= min && key <= max;
        }
    }

    /** A closed interval of one measure, in that measure's unit. */
    public record Bounds(double min, double max) {

        /** Bounds that every finite value lies in: for a measure the probe has not measured. */
        static final Bounds ANY = new Bounds(-Double.MAX_VALUE, Double.MAX_VALUE);

        static Bounds around(double value, double tolerance) {
            return new Bounds(value - tolerance - ROUNDING_SLACK, value + tolerance + ROUNDING_SLACK);
        }

        public boolean contains(double value) {
            return value >= min && value <= max;
        }
    }
}
