package org.bitswarm.engine;

import java.util.Arrays;

/**
 * Sorts (field << 32 | index) pairs, indexes ascending on input, into ascending order: a least-significant-
 * digit radix sort over the field's bits in 8-bit digits, skipping digits that are the same for every element
 * (stable, so equal fields keep index order), and an ordinary sort below 64 elements. The engine sorts a
 * bucket's events by time offset and a window's events by entity with it; for the thousands to hundreds of
 * thousands of elements it sees, it beats a comparison sort by a few times.
 */
final class RadixSort {
    private final int[] count = new int[256];
    private long[] a = new long[64];
    private long[] b = new long[64];

    /** The array to fill before {@link #sort}; valid until the next call of this method. */
    long[] buffer(int n) {
        if (a.length < n) {
            a = new long[Math.max(n, 2 * a.length)];
            b = new long[a.length];
        }
        return a;
    }

    /**
     * Sorts the first {@code n} elements of {@link #buffer}, whose bits at and above {@code fromBit + bits} are
     * zero, and returns the array that holds the result (the buffer or its twin).
     */
    long[] sort(int n, int fromBit, int bits) {
        if (n < 64) {
            Arrays.sort(a, 0, n);
            return a;
        }
        long[] src = a;
        long[] dst = b;
        for (int bit = fromBit; bit < fromBit + bits; bit += 8) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (src[i] >>> bit) & 0xff]++;
            }
            if (count[(int) (src[0] >>> bit) & 0xff] == n) {
                continue;
            }
            int sum = 0;
            for (int k = 0; k < 256; k++) {
                int c = count[k];
                count[k] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long v = src[i];
                dst[count[(int) (v >>> bit) & 0xff]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        a = src;
        b = dst;
        return src;
    }
}
