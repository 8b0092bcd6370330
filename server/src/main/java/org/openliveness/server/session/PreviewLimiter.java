package org.openliveness.server.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@value #PER_SECOND} previews a second per session, in a sliding window, counted in this
 * instance's memory (a preview changes nothing, so a count per instance bounds the work well
 * enough). A session without a preview in the last second is forgotten; of the rest the most recent
 * {@value #SESSIONS} are remembered. Thread-safe.
 */
final class PreviewLimiter {

    static final int PER_SECOND = 5;
    static final int SESSIONS = 10_000;
    private static final long WINDOW_MS = 1000;

    private final Map<String, Deque<Long>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > SESSIONS;
        }
    };

    /**
     * Counts one preview of {@code sessionId} at {@code nowMs}.
     *
     * @throws SessionException.RateLimited when the session had {@value #PER_SECOND} in the last second
     */
    synchronized void acquire(String sessionId, long nowMs) {
        forgetQuietSessions(nowMs);
        Deque<Long> times = recent.computeIfAbsent(sessionId, k -> new ArrayDeque<>());
        for (Iterator<Long> i = times.iterator(); i.hasNext(); ) {
            if (i.next() <= nowMs - WINDOW_MS) {
                i.remove();
            } else {
                break;
            }
        }
        if (times.size() >= PER_SECOND) {
            long retryAfter = times.peekFirst() + WINDOW_MS - nowMs;
            throw new SessionException.RateLimited("at most " + PER_SECOND + " previews a second", Math.max(1, retryAfter));
        }
        times.addLast(nowMs);
    }

    /** Drops the least recently used sessions whose last preview is outside the window. */
    private void forgetQuietSessions(long nowMs) {
        for (Iterator<Deque<Long>> i = recent.values().iterator(); i.hasNext(); ) {
            Deque<Long> times = i.next();
            if (!times.isEmpty() && times.peekLast() > nowMs - WINDOW_MS) {
                return;
            }
            i.remove();
        }
    }

    /** Sessions remembered now. */
    synchronized int sessions() {
        return recent.size();
    }
}
