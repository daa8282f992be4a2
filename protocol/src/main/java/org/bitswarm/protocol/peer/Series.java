package org.bitswarm.protocol.peer;

import java.util.Arrays;

/**
 * Bytes per time-series interval, grown on demand. A transmission is spread over the intervals it spans in
 * proportion to its time in each (a fluid view of the link), so that an interval holds the bytes that were on
 * the wire during it rather than every block that started in it.
 */
final class Series {
    private final long interval;
    private long[] v = new long[8];
    private int n;

    Series(long interval) {
        this.interval = interval;
    }

    /** Bytes at one instant. */
    void add(long now, long bytes) {
        int i = (int) (now / interval);
        slot(i);
        v[i] += bytes;
    }

    /**
     * Bytes on the wire from {@code start} to {@code end} (ticks) at a constant rate: each interval gets its share,
     * rounded so that the shares sum to {@code bytes} exactly.
     */
    void spread(long start, long end, long bytes) {
        if (end <= start) {
            add(start, bytes);
            return;
        }
        int first = (int) (start / interval);
        int last = (int) ((end - 1) / interval);
        slot(last);
        long before = 0;
        for (int i = first; i <= last; i++) {
            long upTo = i == last ? bytes : share(bytes, Math.min(end, (i + 1) * interval) - start, end - start);
            v[i] += upTo - before;
            before = upTo;
        }
    }

    /** floor(bytes * part / whole), exact unless the product overflows. */
    private static long share(long bytes, long part, long whole) {
        long hi = Math.multiplyHigh(bytes, part);
        long lo = bytes * part;
        if (hi == 0 && lo >= 0) {
            return lo / whole;
        }
        return (long) Math.floor((double) bytes * part / whole);
    }

    private void slot(int i) {
        if (i >= v.length) {
            v = Arrays.copyOf(v, Math.max(v.length * 2, i + 1));
        }
        n = Math.max(n, i + 1);
    }

    long[] toArray() {
        return Arrays.copyOf(v, n);
    }
}
