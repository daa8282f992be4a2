package org.bitswarm.protocol.peer;

import java.util.Arrays;

/** Bytes per time-series interval, grown on demand. */
final class Series {
    private final long interval;
    private long[] v = new long[8];
    private int n;

    Series(long interval) {
        this.interval = interval;
    }

    void add(long now, long bytes) {
        int i = (int) (now / interval);
        if (i >= v.length) {
            v = Arrays.copyOf(v, Math.max(v.length * 2, i + 1));
        }
        v[i] += bytes;
        n = Math.max(n, i + 1);
    }

    long[] toArray() {
        return Arrays.copyOf(v, n);
    }
}
