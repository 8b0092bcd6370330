package org.openliveness.server.ratelimit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key (a client address, a session, a tenant), in this instance's memory: each
 * key holds up to {@code capacity} tokens and regains them at {@code capacity} per {@code periodMs};
 * a request takes one. A key untouched for a whole period is full again, the same as a key never
 * seen, so it is forgotten; of the rest at most the {@value #KEYS} most recently used are kept (a
 * forgotten key starts full again). The memory held therefore follows the keys of the last period,
 * not every key ever seen. With several instances each counts its own requests, so the effective
 * limit is the per-instance limit times the instances. Thread-safe.
 */
public final class TokenBuckets {

    static final int KEYS = 100_000;

    private final int capacity;
    private final long periodMs;
    private final double tokensPerMs;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > KEYS;
        }
    };

    /**
     * @param capacity requests allowed at once and per period; 0 switches the limit off
     * @param periodMs milliseconds over which {@code capacity} tokens come back
     */
    public TokenBuckets(int capacity, long periodMs) {
        if (capacity < 0 || periodMs <= 0) {
            throw new IllegalArgumentException("capacity must be ≥ 0 and the period positive, got " + capacity + " per " + periodMs + " ms");
        }
        this.capacity = capacity;
        this.periodMs = periodMs;
        this.tokensPerMs = (double) capacity / periodMs;
    }

    /**
     * Takes one token of {@code key} at {@code nowMs}.
     *
     * @return 0 when taken, else the milliseconds until a token is back (nothing taken)
     */
    public synchronized long take(String key, long nowMs) {
        if (capacity == 0) {
            return 0;
        }
        forgetFullBuckets(nowMs);
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {capacity, nowMs});
        b[0] = Math.min(capacity, b[0] + Math.max(0, nowMs - b[1]) * tokensPerMs);
        b[1] = nowMs;
        if (b[0] >= 1) {
            b[0] -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - b[0]) / tokensPerMs));
    }

    /** Drops the least recently used buckets that have been untouched for a period (they are full). */
    private void forgetFullBuckets(long nowMs) {
        for (Iterator<double[]> i = buckets.values().iterator(); i.hasNext(); ) {
            if (nowMs - i.next()[1] < periodMs) {
                return;
            }
            i.remove();
        }
    }

    /** Keys remembered now. */
    synchronized int keys() {
        return buckets.size();
    }

    /** Requests per period; 0 when off. */
    public int capacity() {
        return capacity;
    }
}
