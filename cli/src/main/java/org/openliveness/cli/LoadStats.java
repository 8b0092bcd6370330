package org.openliveness.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openliveness.engine.verdict.ChallengeType;

/** What a load run measured; thread-safe (every method synchronises on the instance). */
final class LoadStats {

    /** Verdict of a session that sent every photo and is still in progress (a challenge was not met; retries are left). */
    static final String INCOMPLETE = "INCOMPLETE";
    /** A session stopped by a request that did not get its expected answer. */
    static final String ERROR = "ERROR";
    /** A session cut off at the hard time limit. */
    static final String ABANDONED = "ABANDONED";
    static final String ALIVE = "alive";

    /** One session as the client saw it. */
    record SessionResult(int index, String userId, String sessionId, List<ChallengeType> sent, String verdict, String detail,
                         Double createMs, List<Double> photoMs, Double sessionMs, String error) {
    }

    /** One answered photo upload. */
    private record PhotoTime(int session, ChallengeType type, double ms, long at) {
    }

    private final List<SessionResult> sessions = new ArrayList<>();
    private final List<Double> creates = new ArrayList<>();
    private final List<PhotoTime> photos = new ArrayList<>();
    private final List<Double> wholeSessions = new ArrayList<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    private final Map<String, Integer> verdicts = new TreeMap<>();
    private final Map<ChallengeType, Integer> notMet = new TreeMap<>();
    private final Map<String, String> notMetExample = new TreeMap<>();
    private final Map<String, List<Double>> serverTiming = new LinkedHashMap<>();
    private final int photosPerSession;
    private final List<Long> errorTimes = new ArrayList<>();
    private int photoCursor;
    private volatile long runStart = System.nanoTime();

    /** @param photosPerSession photos of a full session: only sessions that sent them all count in the whole-session latency */
    LoadStats(int photosPerSession) {
        this.photosPerSession = photosPerSession;
    }

    synchronized void create(double ms) {
        creates.add(ms);
    }

    /** When the run began (System.nanoTime), for the figures per minute. */
    void runStartsNow() {
        runStart = System.nanoTime();
    }

    synchronized void photo(int session, ChallengeType type, double ms) {
        photos.add(new PhotoTime(session, type, ms, System.nanoTime()));
    }

    synchronized void serverTiming(Map<String, Double> metrics) {
        metrics.forEach((name, ms) -> serverTiming.computeIfAbsent(name, k -> new ArrayList<>()).add(ms));
    }

    synchronized void error(String key) {
        errorTimes.add(System.nanoTime());
        errors.merge(key, 1, Integer::sum);
    }

    synchronized void notMet(ChallengeType type, String detail) {
        notMet.merge(type, 1, Integer::sum);
        notMetExample.putIfAbsent(type.name(), detail);
    }

    synchronized void session(SessionResult result) {
        sessions.add(result);
        verdicts.merge(result.verdict(), 1, Integer::sum);
        if (result.sessionMs() != null && result.sent().size() == photosPerSession) {
            wholeSessions.add(result.sessionMs());
        }
    }

    synchronized int sessionsDone() {
        return sessions.size();
    }

    synchronized int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int photosAnswered() {
        return photos.size();
    }

    /** Median photo latency of the uploads answered since the previous call (NaN when none). */
    synchronized double photoMedianSinceLastCall() {
        double[] recent = photos.subList(photoCursor, photos.size()).stream().mapToDouble(PhotoTime::ms).sorted().toArray();
        photoCursor = photos.size();
        return BenchCommand.percentile(recent, 0.5);
    }

    synchronized List<SessionResult> sessions() {
        List<SessionResult> out = new ArrayList<>(sessions);
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return out;
    }

    synchronized Map<String, Integer> errors() {
        return new TreeMap<>(errors);
    }

    synchronized Map<String, Integer> verdicts() {
        return new TreeMap<>(verdicts);
    }

    synchronized Map<ChallengeType, Integer> notMet() {
        return new TreeMap<>(notMet);
    }

    synchronized Map<String, String> notMetExamples() {
        return new TreeMap<>(notMetExample);
    }

    synchronized double[] creates() {
        return sorted(creates);
    }

    synchronized double[] wholeSessions() {
        return sorted(wholeSessions);
    }

    synchronized double[] photos() {
        return photos.stream().mapToDouble(PhotoTime::ms).sorted().toArray();
    }

    synchronized double[] photos(ChallengeType type) {
        return photos.stream().filter(p -> p.type() == type).mapToDouble(PhotoTime::ms).sorted().toArray();
    }

    /** Median photo latency per tenth of the run's sessions (by session number), to show a trend as the tenant's history grows. */
    synchronized double[] photoMedianByTenth(int sessionsRun) {
        double[] out = new double[10];
        for (int t = 0; t < 10; t++) {
            int tenth = t;
            double[] v = photos.stream().filter(p -> sessionsRun > 0 && p.session() * 10 / sessionsRun == tenth)
                    .mapToDouble(PhotoTime::ms).sorted().toArray();
            out[t] = BenchCommand.percentile(v, 0.5);
        }
        return out;
    }

    /** Photo uploads answered, their p50 and p99, and errors, per minute of the run (a soak's stability). */
    synchronized List<Map<String, Object>> perMinute() {
        Map<Integer, List<Double>> byMinute = new TreeMap<>();
        photos.forEach(p -> byMinute.computeIfAbsent((int) ((p.at() - runStart) / 60_000_000_000L), k -> new ArrayList<>()).add(p.ms()));
        Map<Integer, Integer> errorsByMinute = new TreeMap<>();
        errorTimes.forEach(t -> errorsByMinute.merge((int) ((t - runStart) / 60_000_000_000L), 1, Integer::sum));
        List<Map<String, Object>> out = new ArrayList<>();
        int last = Math.max(byMinute.isEmpty() ? -1 : ((TreeMap<Integer, List<Double>>) byMinute).lastKey(),
                errorsByMinute.isEmpty() ? -1 : ((TreeMap<Integer, Integer>) errorsByMinute).lastKey());
        for (int minute = 0; minute <= last; minute++) {
            double[] ms = sorted(byMinute.getOrDefault(minute, List.of()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minute", minute + 1);
            m.put("photos", ms.length);
            m.put("p50", round(BenchCommand.percentile(ms, 0.5)));
            m.put("p99", round(BenchCommand.percentile(ms, 0.99)));
            m.put("errors", errorsByMinute.getOrDefault(minute, 0));
            out.add(m);
        }
        return out;
    }

    synchronized Map<String, double[]> serverTiming() {
        Map<String, double[]> out = new LinkedHashMap<>();
        serverTiming.forEach((k, v) -> out.put(k, sorted(v)));
        return out;
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** n, p50, p90, p99, max and mean of an ascending array, as JSON-ready values (null when empty). */
    static Map<String, Object> summary(double[] sorted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", sorted.length);
        m.put("p50", round(BenchCommand.percentile(sorted, 0.5)));
        m.put("p90", round(BenchCommand.percentile(sorted, 0.9)));
        m.put("p99", round(BenchCommand.percentile(sorted, 0.99)));
        m.put("max", sorted.length == 0 ? null : round(sorted[sorted.length - 1]));
        m.put("mean", sorted.length == 0 ? null : round(Arrays.stream(sorted).average().orElse(Double.NaN)));
        return m;
    }

    static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }
}
