package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Fingerprint#lookup(int)}: every pair {@link Fingerprint#samePictureAs} accepts is admitted
 * (property tests over random hashes with up to {@code maxBits} flipped bits), and unrelated
 * hashes are admitted about as often as {@link Fingerprint.Lookup#keyShare()} says.
 */
class FingerprintLookupTest {

    private static final double ANGLE = Fingerprint.MAX_ANGLE_DIFFERENCE;
    private static final double SCORE = Fingerprint.MAX_SCORE_DIFFERENCE;

    @Test
    void everyPairSamePictureAsAcceptsIsAdmittedForEveryMaxBits() {
        Random random = new Random(20261205);
        for (int maxBits = 0; maxBits <= Fingerprint.MAX_LOOKUP_BITS; maxBits++) {
            int checked = 0;
            for (int trial = 0; trial < 20_000; trial++) {
                Fingerprint probe = randomFingerprint(random);
                Fingerprint stored = new Fingerprint(
                        flip(probe.imageHash(), random.nextInt(maxBits + 1), random),
                        flip(probe.faceHash(), random.nextInt(maxBits + 1), random),
                        near(probe.yaw(), ANGLE, random), near(probe.pitch(), ANGLE, random),
                        near(probe.eyes(), SCORE, random), near(probe.mouth(), SCORE, random), near(probe.smile(), SCORE, random));
                if (!probe.samePictureAs(stored, maxBits)) {
                    continue; // a measure at the edge that rounding put just outside: not a pair the rule accepts
                }
                assertTrue(probe.lookup(maxBits).admits(stored), () -> "missed " + stored + " for " + probe);
                assertTrue(stored.lookup(maxBits).admits(probe), () -> "missed " + probe + " for " + stored);
                checked++;
            }
            // About 8 700 of the 20 000: a measure put exactly at an edge lands outside by rounding half the time.
            assertTrue(checked > 5_000, "maxBits " + maxBits + ": only " + checked + " pairs the rule accepts");
        }
    }

    /** The worst case of the pigeonhole: one flipped bit in every run but one, for each choice of the clean run. */
    @Test
    void maxBitsFlipsSpreadOverAllRunsButOneAreAdmittedThroughTheCleanRun() {
        Random random = new Random(7);
        for (int maxBits = 0; maxBits <= Fingerprint.MAX_LOOKUP_BITS; maxBits++) {
            Fingerprint probe = randomFingerprint(random);
            List<Fingerprint.KeyRange> runs = probe.lookup(maxBits).keyRanges();
            assertEquals(maxBits + 1, runs.size());
            for (int clean = 0; clean < runs.size(); clean++) {
                long hash = probe.imageHash();
                for (int r = 0; r < runs.size(); r++) {
                    if (r != clean) {
                        hash ^= bitOf(runs.get(r), random.nextInt(runs.get(r).prefixBits()));
                    }
                }
                Fingerprint stored = new Fingerprint(hash, probe.faceHash(), probe.yaw(), probe.pitch(), probe.eyes(), probe.mouth(), probe.smile());
                assertEquals(maxBits, ImageHash.distance(hash, probe.imageHash()));
                assertTrue(probe.samePictureAs(stored, maxBits));
                Fingerprint.Lookup lookup = probe.lookup(maxBits);
                assertTrue(lookup.admits(stored), "maxBits " + maxBits + ", clean run " + clean);
                assertTrue(runs.get(clean).contains(stored.lookupKey(runs.get(clean).band())));
            }
        }
    }

    /** A burst frame for another challenge than SMILE has no smile score: it matches a stored photo whatever that one's smile. */
    @Test
    void aProbeWithoutASmileScoreMatchesAndAdmitsAStoredPictureWhateverItsSmile() {
        Random random = new Random(11);
        for (int trial = 0; trial < 1_000; trial++) {
            Fingerprint stored = randomFingerprint(random);
            Fingerprint frame = new Fingerprint(stored.imageHash(), stored.faceHash(), stored.yaw(), stored.pitch(), stored.eyes(),
                    stored.mouth(), Double.NaN);
            assertTrue(frame.samePictureAs(stored, 4), () -> "missed " + stored);
            assertTrue(stored.samePictureAs(frame, 4));
            assertTrue(frame.lookup(4).admits(stored), () -> "the lookup missed " + stored);
        }
        Fingerprint stored = randomFingerprint(random);
        Fingerprint turned = new Fingerprint(stored.imageHash(), stored.faceHash(), stored.yaw() + 3 * ANGLE, stored.pitch(),
                stored.eyes(), stored.mouth(), Double.NaN);
        assertFalse(turned.samePictureAs(stored, 4), "the other measures still decide");
        assertFalse(turned.lookup(4).admits(stored));
    }

    @Test
    void theRunsCoverAll64BitsOnce() {
        Fingerprint probe = randomFingerprint(new Random(3));
        for (int maxBits = 0; maxBits <= Fingerprint.MAX_LOOKUP_BITS; maxBits++) {
            long covered = 0;
            int bits = 0;
            for (Fingerprint.KeyRange run : probe.lookup(maxBits).keyRanges()) {
                for (int i = 0; i < run.prefixBits(); i++) {
                    long bit = bitOf(run, i);
                    assertEquals(0, covered & bit, "maxBits " + maxBits + ": runs overlap");
                    covered |= bit;
                }
                bits += run.prefixBits();
            }
            assertEquals(-1L, covered, "maxBits " + maxBits);
            assertEquals(64, bits);
        }
    }

    /** A range holds exactly the hashes that agree with the probe on its run: one bit flipped inside leaves it, outside does not. */
    @Test
    void aKeyRangeHoldsExactlyTheHashesThatAgreeOnItsRun() {
        Random random = new Random(11);
        for (int maxBits = 0; maxBits <= Fingerprint.MAX_LOOKUP_BITS; maxBits++) {
            Fingerprint probe = randomFingerprint(random);
            for (Fingerprint.KeyRange run : probe.lookup(maxBits).keyRanges()) {
                assertTrue(run.contains(probe.lookupKey(run.band())));
                long inside = 0;
                for (int i = 0; i < run.prefixBits(); i++) {
                    inside |= bitOf(run, i);
                    long flipped = probe.imageHash() ^ bitOf(run, i);
                    assertFalse(run.contains(withImageHash(probe, flipped).lookupKey(run.band())), "bit " + i + " of " + run);
                }
                long outsideFlips = random.nextLong() & ~inside;
                assertTrue(run.contains(withImageHash(probe, probe.imageHash() ^ outsideFlips).lookupKey(run.band())));
            }
        }
    }

    @Test
    void aMeasureBeyondItsNoiseIsNotAdmitted() {
        Fingerprint p = new Fingerprint(0x0123_4567_89ab_cdefL, 42, 10, -5, 0.3, 0.1, 0.2);
        Fingerprint.Lookup lookup = p.lookup(4);
        assertTrue(lookup.admits(p));
        assertTrue(lookup.admits(new Fingerprint(p.imageHash(), 0, 11.5, -6.5, 0.35, 0.05, 0.25)), "at the edges; the face hash is not looked up");
        assertFalse(lookup.admits(new Fingerprint(p.imageHash(), 42, 11.6, -5, 0.3, 0.1, 0.2)));
        assertFalse(lookup.admits(new Fingerprint(p.imageHash(), 42, 10, -3.4, 0.3, 0.1, 0.2)));
        assertFalse(lookup.admits(new Fingerprint(p.imageHash(), 42, 10, -5, 0.36, 0.1, 0.2)));
        assertFalse(lookup.admits(new Fingerprint(p.imageHash(), 42, 10, -5, 0.3, 0.16, 0.2)));
        assertFalse(lookup.admits(new Fingerprint(p.imageHash(), 42, 10, -5, 0.3, 0.1, 0.14)));
        assertFalse(lookup.admits(new Fingerprint(~p.imageHash(), 42, 10, -5, 0.3, 0.1, 0.2)));
    }

    /**
     * Unrelated random hashes fall in the key ranges as often as independent runs predict
     * (1 − ∏(1 − 2<sup>−run length</sup>), at most {@code keyShare()}): measured over 100 000 hashes,
     * within five standard deviations.
     */
    @Test
    void unrelatedHashesAreAdmittedAboutAsOftenAsKeyShareSays() {
        Random random = new Random(5);
        int samples = 100_000;
        List<Fingerprint> stored = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            stored.add(new Fingerprint(random.nextLong(), 0, 0, 0, 0, 0, 0));
        }
        for (int maxBits = 0; maxBits <= Fingerprint.MAX_LOOKUP_BITS; maxBits++) {
            Fingerprint.Lookup lookup = new Fingerprint(random.nextLong(), 0, 0, 0, 0, 0, 0).lookup(maxBits);
            double none = 1;
            for (Fingerprint.KeyRange run : lookup.keyRanges()) {
                none *= 1 - Math.scalb(1.0, -run.prefixBits());
            }
            double expected = 1 - none;
            long admitted = stored.stream().filter(lookup::admits).count();
            double measured = (double) admitted / samples;
            double sigma = Math.sqrt(expected * (1 - expected) / samples);
            assertTrue(expected <= lookup.keyShare() + 1e-12);
            assertTrue(Math.abs(measured - expected) <= 5 * sigma + 1.0 / samples,
                    "maxBits " + maxBits + ": measured " + measured + ", expected " + expected);
        }
        assertTrue(new Fingerprint(1, 2, 0, 0, 0, 0, 0).lookup(4).keyShare() < 0.002, "the default maxBits reads about 1 in 800");
    }

    @Test
    void lookupServesExactlyTheMaxBitsTheThresholdsAllow() throws ReflectiveOperationException {
        Fingerprint p = randomFingerprint(new Random(1));
        assertThrows(IllegalArgumentException.class, () -> p.lookup(-1));
        assertThrows(IllegalArgumentException.class, () -> p.lookup(Fingerprint.MAX_LOOKUP_BITS + 1));
        assertThrows(IllegalArgumentException.class, () -> p.lookupKey(Fingerprint.LOOKUP_BANDS));
        assertEquals(Fingerprint.MAX_LOOKUP_BITS + 1, p.lookupKeys().length);
        thresholdsWithReplayDistance(Fingerprint.MAX_LOOKUP_BITS);
        assertThrows(IllegalArgumentException.class, () -> thresholdsWithReplayDistance(Fingerprint.MAX_LOOKUP_BITS + 1));
    }

    /** Sessions keep fingerprints as JSON: the lookup methods add no property to it, and it reads back equal. */
    @Test
    void theJsonFormHoldsTheSevenComponentsOnly() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Fingerprint f = randomFingerprint(new Random(9));
        JsonNode tree = json.valueToTree(f);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("imageHash", "faceHash", "yaw", "pitch", "eyes", "mouth", "smile"), names);
        assertEquals(f, json.readValue(json.writeValueAsString(f), Fingerprint.class));
    }

    /** {@link VerdictThresholds#DEFAULTS} with another {@code replayMaxHashDistance}; throws what the constructor throws. */
    private static VerdictThresholds thresholdsWithReplayDistance(int bits) throws ReflectiveOperationException {
        RecordComponent[] components = VerdictThresholds.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals("replayMaxHashDistance") ? bits : components[i].getAccessor().invoke(VerdictThresholds.DEFAULTS);
        }
        try {
            return VerdictThresholds.class.getDeclaredConstructor(types).newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private static Fingerprint randomFingerprint(Random random) {
        return new Fingerprint(random.nextLong(), random.nextLong(), random.nextDouble(-60, 60), random.nextDouble(-30, 30),
                random.nextDouble(), random.nextDouble(), random.nextDouble());
    }

    private static Fingerprint withImageHash(Fingerprint f, long imageHash) {
        return new Fingerprint(imageHash, f.faceHash(), f.yaw(), f.pitch(), f.eyes(), f.mouth(), f.smile());
    }

    /** {@code hash} with {@code count} distinct random bits flipped. */
    private static long flip(long hash, int count, Random random) {
        List<Integer> bits = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            bits.add(i);
        }
        Collections.shuffle(bits, random);
        for (int i = 0; i < count; i++) {
            hash ^= 1L << bits.get(i);
        }
        return hash;
    }

    /** A value within {@code tolerance} of {@code value}: often exactly at an edge, otherwise uniform. */
    private static double near(double value, double tolerance, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> value - tolerance;
            case 1 -> value + tolerance;
            default -> value + random.nextDouble(-tolerance, tolerance);
        };
    }

    /** The hash bit at position {@code i} of a run (0 = the run's first, most significant, bit). */
    private static long bitOf(Fingerprint.KeyRange run, int i) {
        int start = Long.SIZE * run.band() / Fingerprint.LOOKUP_BANDS;
        return Long.MIN_VALUE >>> ((start + i) % Long.SIZE);
    }
}
