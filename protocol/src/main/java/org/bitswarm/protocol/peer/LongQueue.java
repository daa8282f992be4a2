package org.bitswarm.protocol.peer;

/**
 * A FIFO of longs in a growable ring, without boxing. The ring is allocated at the first element and released
 * by {@link #clear}: a connection's upload queue is empty while the peer is choked, as most are.
 */
final class LongQueue {
    private static final long[] NONE = new long[0];
    private long[] a = NONE;
    private int head;
    private int n;

    void add(long v) {
        if (a.length == 0) {
            a = new long[8];
        } else if (n == a.length) {
            long[] b = new long[a.length * 2];
            for (int i = 0; i < n; i++) {
                b[i] = a[(head + i) & (a.length - 1)];
            }
            a = b;
            head = 0;
        }
        a[(head + n++) & (a.length - 1)] = v;
    }

    long poll() {
        long v = a[head];
        head = (head + 1) & (a.length - 1);
        n--;
        return v;
    }

    /** Removes the first occurrence of {@code v}, keeping the order of the rest. */
    boolean remove(long v) {
        for (int i = 0; i < n; i++) {
            if (a[(head + i) & (a.length - 1)] == v) {
                for (int j = i; j < n - 1; j++) {
                    a[(head + j) & (a.length - 1)] = a[(head + j + 1) & (a.length - 1)];
                }
                n--;
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return n == 0;
    }

    void clear() {
        a = NONE;
        n = 0;
        head = 0;
    }
}
