package org.openliveness.server.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.openliveness.server.RetentionJob;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseKind;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** {@code replay_fingerprint} on H2 and PostgreSQL: what a lookup finds, within a tenant and a window, with no cap; purge and erasure. */
class ReplayFingerprintsTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00.123456Z");
    private static final int DEFAULT_BITS = 4;

    private final MutableClock clock = new MutableClock(T0);
    private final Random random = new Random(42);

    private record Fixture(ReplayFingerprints store, String tenant, String otherTenant) {}

    private Fixture fixture(TestDatabase db) {
        return fixture(db.jdbc());
    }

    private Fixture fixture(JdbcClient jdbc) {
        Tenants tenants = new Tenants(jdbc, clock);
        return new Fixture(new ReplayFingerprints(jdbc), tenants.findOrCreate("acme").id(), tenants.findOrCreate("globex").id());
    }

    /** One connection for many statements: the test PostgreSQL opens a connection per statement otherwise. */
    private static JdbcClient oneConnection(Connection connection) {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }

    private Fingerprint randomFingerprint() {
        return new Fingerprint(random.nextLong(), random.nextLong(), random.nextDouble(-40, 40), random.nextDouble(-20, 20),
                random.nextDouble(0.1, 0.9), random.nextDouble(0.1, 0.9), random.nextDouble(0.1, 0.9));
    }

    /**
     * {@code f} as a re-encoded copy: {@code bits} bits flipped in each hash, one in each of the first
     * {@code bits} runs of the lookup (the worst case: only the last run agrees), and every measure
     * moved by almost its whole noise allowance.
     */
    private static Fingerprint reEncoded(Fingerprint f, int bits) {
        List<Fingerprint.KeyRange> runs = f.lookup(bits).keyRanges();
        long image = f.imageHash();
        for (int r = 0; r < bits; r++) {
            image ^= Long.MIN_VALUE >>> (Long.SIZE * runs.get(r).band() / Fingerprint.LOOKUP_BANDS);
        }
        long face = f.faceHash() ^ ((1L << bits) - 1);
        return new Fingerprint(image, face, f.yaw() + 1.49, f.pitch() - 1.49, f.eyes() + 0.049, f.mouth() - 0.049, f.smile() + 0.049);
    }

    /** {@code f} as a burst frame examined without the expression model has it. */
    private static Fingerprint withoutSmile(Fingerprint f) {
        return new Fingerprint(f.imageHash(), f.faceHash(), f.yaw(), f.pitch(), f.eyes(), f.mouth(), Double.NaN);
    }

    @DatabaseTest
    void aRecordedFingerprintComesBackWithItsSessionKindAndTime(TestDatabase db) {
        Fixture f = fixture(db);
        Fingerprint challenge = randomFingerprint();
        Fingerprint reference = randomFingerprint();
        f.store().record(f.tenant(), "s1", "alice", PhotoKind.CHALLENGE, challenge, T0);
        f.store().record(f.tenant(), "s1", "alice", PhotoKind.REFERENCE, reference, T0.plusSeconds(5));

        assertThat(f.store().candidates(f.tenant(), challenge, DEFAULT_BITS, T0, null))
                .containsExactly(new ReplayFingerprints.Candidate("s1", PhotoKind.CHALLENGE, challenge, T0));
        assertThat(f.store().candidates(f.tenant(), reference, DEFAULT_BITS, T0, null))
                .containsExactly(new ReplayFingerprints.Candidate("s1", PhotoKind.REFERENCE, reference, T0.plusSeconds(5)));
    }

    @DatabaseTest
    void aReEncodedNearDuplicateIsFoundAndAMovedFaceOrAnotherPictureIsNot(TestDatabase db) {
        Fixture f = fixture(db);
        Fingerprint original = randomFingerprint();
        f.store().record(f.tenant(), "s1", "alice", PhotoKind.CHALLENGE, original, T0);

        Fingerprint copy = reEncoded(original, DEFAULT_BITS);
        assertThat(copy.samePictureAs(original, DEFAULT_BITS)).as("the rule calls it the same picture").isTrue();
        assertThat(f.store().candidates(f.tenant(), copy, DEFAULT_BITS, T0, "s2"))
                .extracting(ReplayFingerprints.Candidate::fingerprint).containsExactly(original);

        Fingerprint moved = new Fingerprint(original.imageHash(), original.faceHash(), original.yaw() + 3, original.pitch(),
                original.eyes(), original.mouth(), original.smile());
        Fingerprint otherPicture = new Fingerprint(~original.imageHash(), original.faceHash(), original.yaw(), original.pitch(),
                original.eyes(), original.mouth(), original.smile());
        assertThat(f.store().candidates(f.tenant(), moved, DEFAULT_BITS, T0, "s2")).as("the head turned 3°").isEmpty();
        assertThat(f.store().candidates(f.tenant(), otherPicture, DEFAULT_BITS, T0, "s2")).as("every image bit differs").isEmpty();
    }

    /** A burst frame of a turn is examined without the expression model: its lookup finds a stored photo whatever that one's smile. */
    @DatabaseTest
    void aProbeWithoutASmileScoreFindsTheStoredPictureAndSuchAFingerprintIsNotKept(TestDatabase db) {
        Fixture f = fixture(db);
        Fingerprint original = randomFingerprint();
        f.store().record(f.tenant(), "s1", "alice", PhotoKind.CHALLENGE, original, T0);
        Fingerprint frame = withoutSmile(reEncoded(original, DEFAULT_BITS));
        assertThat(f.store().candidates(f.tenant(), frame, DEFAULT_BITS, T0, "s2"))
                .extracting(ReplayFingerprints.Candidate::fingerprint).containsExactly(original);
        Fingerprint same = withoutSmile(original);
        for (int bits : new int[] {0, 8, Fingerprint.MAX_LOOKUP_BITS}) {
            assertThat(f.store().candidates(f.tenant(), same, bits, T0, "s2")).as("maxBits " + bits).hasSize(1);
        }

        assertThatThrownBy(() -> f.store().record(f.tenant(), "s2", "alice", PhotoKind.CHALLENGE, frame, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smile");
        assertThat(rows(db)).isEqualTo(1);
    }

    /** Both plans: key ranges up to 7 bits, the yaw index from 8; each finds the worst-case copy for every maxBits. */
    @DatabaseTest
    void everyMaxBitsTheThresholdsAllowFindsACopyAtThatDistance(TestDatabase db) {
        Fixture f = fixture(db);
        assertThat(randomFingerprint().lookup(7).keyShare()).isLessThanOrEqualTo(ReplayFingerprints.MAX_KEY_SHARE);
        assertThat(randomFingerprint().lookup(8).keyShare()).isGreaterThan(ReplayFingerprints.MAX_KEY_SHARE);
        for (int bits = 0; bits <= Fingerprint.MAX_LOOKUP_BITS; bits++) {
            Fingerprint original = randomFingerprint();
            f.store().record(f.tenant(), "s" + bits, "alice", PhotoKind.CHALLENGE, original, T0);
            Fingerprint copy = reEncoded(original, bits);
            assertThat(copy.samePictureAs(original, bits)).isTrue();

            List<ReplayFingerprints.Candidate> found = f.store().candidates(f.tenant(), copy, bits, T0, null);

            assertThat(found).as("maxBits " + bits).extracting(ReplayFingerprints.Candidate::fingerprint).contains(original);
            Fingerprint.Lookup lookup = copy.lookup(bits);
            assertThat(found).allSatisfy(c -> assertThat(lookup.admits(c.fingerprint())).isTrue());
        }
    }

    @DatabaseTest
    void aFingerprintRecordedBeforeSixHundredOthersIsStillFound(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            Fixture f = fixture(oneConnection(connection));
            Fingerprint first = randomFingerprint();
            f.store().record(f.tenant(), "first", "alice", PhotoKind.CHALLENGE, first, T0);
            for (int i = 0; i < 600; i++) {
                f.store().record(f.tenant(), "later-" + i / 4, "user-" + i % 50, PhotoKind.CHALLENGE, randomFingerprint(),
                        T0.plusSeconds(1 + i));
            }

            assertThat(f.store().candidates(f.tenant(), reEncoded(first, DEFAULT_BITS), DEFAULT_BITS, T0, "now"))
                    .extracting(ReplayFingerprints.Candidate::sessionId).containsExactly("first");
            assertThat(f.store().candidates(f.tenant(), reEncoded(first, 12), 12, T0, "now")).as("the yaw plan")
                    .extracting(ReplayFingerprints.Candidate::sessionId).containsExactly("first");
        }
    }

    @DatabaseTest
    void anotherTenantsFingerprintsAreNeverReturned(TestDatabase db) {
        Fixture f = fixture(db);
        Fingerprint shared = randomFingerprint();
        f.store().record(f.otherTenant(), "theirs", "alice", PhotoKind.CHALLENGE, shared, T0);

        assertThat(f.store().candidates(f.tenant(), shared, DEFAULT_BITS, T0, null)).isEmpty();
        assertThat(f.store().candidates(f.tenant(), shared, Fingerprint.MAX_LOOKUP_BITS, T0, null)).as("the yaw plan too").isEmpty();

        f.store().record(f.tenant(), "ours", "alice", PhotoKind.CHALLENGE, shared, T0);
        assertThat(f.store().candidates(f.tenant(), shared, DEFAULT_BITS, T0, null))
                .extracting(ReplayFingerprints.Candidate::sessionId).containsExactly("ours");
        assertThat(f.store().candidates(f.otherTenant(), shared, Fingerprint.MAX_LOOKUP_BITS, T0, null))
                .extracting(ReplayFingerprints.Candidate::sessionId).containsExactly("theirs");
    }

    @DatabaseTest
    void theProbesOwnSessionIsLeftOutWhenNamed(TestDatabase db) {
        Fixture f = fixture(db);
        Fingerprint fp = randomFingerprint();
        f.store().record(f.tenant(), "s1", "alice", PhotoKind.REFERENCE, fp, T0);
        f.store().record(f.tenant(), "s2", "alice", PhotoKind.CHALLENGE, fp, T0.plusSeconds(60));

        assertThat(f.store().candidates(f.tenant(), fp, DEFAULT_BITS, T0, "s1"))
                .extracting(ReplayFingerprints.Candidate::sessionId).containsExactly("s2");
        assertThat(f.store().candidates(f.tenant(), fp, DEFAULT_BITS, T0, null)).as("newest first")
                .extracting(ReplayFingerprints.Candidate::sessionId, ReplayFingerprints.Candidate::kind)
                .containsExactly(tuple("s2", PhotoKind.CHALLENGE),
                        tuple("s1", PhotoKind.REFERENCE));
    }

    @DatabaseTest
    void fingerprintsOutsideTheWindowAreNotReturnedAndThePurgeJobDeletesThem(TestDatabase db) {
        Fixture f = fixture(db);
        Duration window = Duration.ofHours(24);
        Fingerprint old = randomFingerprint();
        Fingerprint recent = randomFingerprint();
        f.store().record(f.tenant(), "old", "alice", PhotoKind.CHALLENGE, old, T0);
        f.store().record(f.otherTenant(), "old-other", "bob", PhotoKind.REFERENCE, old, T0);
        f.store().record(f.tenant(), "recent", "alice", PhotoKind.CHALLENGE, recent, T0.plus(Duration.ofHours(12)));
        clock.advance(window.plusSeconds(1));
        Instant since = clock.instant().minus(window);

        assertThat(f.store().candidates(f.tenant(), old, DEFAULT_BITS, since, null)).as("recorded before the window").isEmpty();
        assertThat(f.store().candidates(f.tenant(), old, Fingerprint.MAX_LOOKUP_BITS, since, null)).isEmpty();
        assertThat(f.store().candidates(f.tenant(), recent, DEFAULT_BITS, since, null)).hasSize(1);

        new RetentionJob("replay fingerprints", f.store()::purgeOlderThan, window, clock).run();

        assertThat(rows(db)).isEqualTo(1);
        assertThat(f.store().candidates(f.tenant(), old, DEFAULT_BITS, T0, null)).as("purged, whatever the window asked").isEmpty();
        assertThat(f.store().candidates(f.tenant(), recent, DEFAULT_BITS, T0, null)).hasSize(1);
        assertThat(f.store().purgeOlderThan(since)).isZero();
    }

    @DatabaseTest
    void eraseUserDeletesOnlyThatTenantsUser(TestDatabase db) {
        Fixture f = fixture(db);
        Fingerprint fp = randomFingerprint();
        f.store().record(f.tenant(), "s1", "alice", PhotoKind.CHALLENGE, fp, T0);
        f.store().record(f.tenant(), "s1", "alice", PhotoKind.REFERENCE, randomFingerprint(), T0);
        f.store().record(f.tenant(), "s2", "bob", PhotoKind.CHALLENGE, randomFingerprint(), T0);
        f.store().record(f.otherTenant(), "s3", "alice", PhotoKind.CHALLENGE, fp, T0);

        assertThat(f.store().eraseUser(f.tenant(), "alice")).isEqualTo(2);

        assertThat(f.store().candidates(f.tenant(), fp, DEFAULT_BITS, T0, null)).isEmpty();
        assertThat(f.store().candidates(f.otherTenant(), fp, DEFAULT_BITS, T0, null)).hasSize(1);
        assertThat(rows(db)).isEqualTo(2);
        assertThat(f.store().eraseUser(f.tenant(), "alice")).as("idempotent").isZero();
    }

    /**
     * An upload reads only the rows its index ranges select: each key branch is served by its own
     * key's index, the yaw plan by the yaw index, and no branch scans the table (after ANALYZE on
     * 1 000 rows, as a production database has statistics).
     */
    @DatabaseTest
    void eachBranchOfTheLookupIsServedByItsIndex(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            JdbcClient jdbc = oneConnection(connection);
            Tenants tenants = new Tenants(jdbc, clock);
            String tenant = tenants.findOrCreate("acme").id();
            String other = tenants.findOrCreate("globex").id();
            ReplayFingerprints store = new ReplayFingerprints(jdbc);
            for (int i = 0; i < 1000; i++) {
                store.record(i % 4 == 0 ? other : tenant, "s" + i / 4, "user-" + i % 50, PhotoKind.CHALLENGE, randomFingerprint(),
                        T0.plusSeconds(i));
            }
            jdbc.sql(db.kind() == DatabaseKind.H2 ? "ANALYZE" : "ANALYZE replay_fingerprint").update();
            Fingerprint probe = randomFingerprint();

            Fingerprint.Lookup byKeys = probe.lookup(DEFAULT_BITS);
            String keyPlan = plan(jdbc, ReplayFingerprints.lookupQuery(tenant, byKeys, T0, "s0"));
            for (Fingerprint.KeyRange range : byKeys.keyRanges()) {
                assertThat(keyPlan).contains("replay_fingerprint_key_" + range.band() + "_idx");
            }
            assertThat(keyPlan).doesNotContainIgnoringCase("tableScan").doesNotContain("Seq Scan").doesNotContain("yaw_idx");

            String yawPlan = plan(jdbc, ReplayFingerprints.lookupQuery(tenant, probe.lookup(Fingerprint.MAX_LOOKUP_BITS), T0, "s0"));
            assertThat(yawPlan).contains("replay_fingerprint_yaw_idx").doesNotContainIgnoringCase("tableScan").doesNotContain("Seq Scan");
        }
    }

    private static String plan(JdbcClient jdbc, ReplayFingerprints.Query query) {
        return String.join("\n", jdbc.sql("EXPLAIN " + query.sql()).params(query.params()).query(String.class).list());
    }

    @DatabaseTest
    void badArgumentsAreRefused(TestDatabase db) {
        Fixture f = fixture(db);
        Fingerprint fp = randomFingerprint();
        assertThatThrownBy(() -> f.store().candidates(f.tenant(), fp, Fingerprint.MAX_LOOKUP_BITS + 1, T0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.store().record(f.tenant(), "s1", "u".repeat(201), PhotoKind.CHALLENGE, fp, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.store().record(f.tenant(), "", "alice", PhotoKind.CHALLENGE, fp, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rows(db)).isZero();
    }

    private static long rows(TestDatabase db) {
        return db.jdbc().sql("SELECT COUNT(*) FROM replay_fingerprint").query(Long.class).single();
    }
}
