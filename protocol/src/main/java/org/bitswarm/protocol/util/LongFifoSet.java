package org.bitswarm.protocol.util;

/**
 * A FIFO of distinct longs with an optional bound on its size: a ring of primitive longs plus an open-addressing
 * index of ring positions (an {@code int} per slot, load at most 3/4: 13-27 bytes per element in all, where a
 * second table of the longs themselves would take 24-40). Made for a client's learned peer addresses (mainline keeps a bounded list of
 * peers to try, oldest first): {@link #offer} refuses a new element when the bound is reached,
 * {@link #addEvictingOldest} makes room by dropping the oldest. Memory is bounded by the bound, not by how many
 * addresses the client hears of during a run. {@code Long.MIN_VALUE} cannot be stored.
 */
public final class LongFifoSet {
    private final int limit;
    /** Ring position + 1 of each element, at the element's hash; 0 = free slot. */
    private int[] index = new int[8];
    private long[] ring = new long[4];
    private int head;
    private int n;

    /** An unbounded FIFO set. */
    public LongFifoSet() {
        this(Integer.MAX_VALUE);
    }

    /** A FIFO set of at most {@code limit} elements. */
    public LongFifoSet(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    public int size() {
        return n;
    }

    public boolean isEmpty() {
        return n == 0;
    }

    public boolean isFull() {
        return n >= limit;
    }

    public boolean contains(long v) {
        int mask = index.length - 1;
        for (int i = LongHashSet.hash(v, mask);; i = (i + 1) & mask) {
            int p = index[i];
            if (p == 0) {
                return false;
            }
            if (ring[p - 1] == v) {
                return true;
            }
        }
    }

    /** Appends v unless it is present or the set is full; returns whether it was appended. */
    public boolean offer(long v) {
        if (n >= limit || contains(v)) {
            return false;
        }
        append(v);
        return true;
    }

    /**
     * Appends v unless it is present, first removing the oldest element if the set is full. Returns the removed
     * element, or {@code Long.MIN_VALUE} if none was (v already present, or room left).
     */
    public long addEvictingOldest(long v) {
        if (contains(v)) {
            return Long.MIN_VALUE;
        }
        long evicted = Long.MIN_VALUE;
        if (n >= limit) {
            evicted = poll();
        }
        append(v);
        return evicted;
    }

    /** The oldest element, without removing it. */
    public long peek() {
        if (n == 0) {
            throw new java.util.NoSuchElementException();
        }
        return ring[head];
    }

    /** Removes and returns the oldest element. */
    public long poll() {
        long v = peek();
        unindex(v, head);
        head = (head + 1) & (ring.length - 1);
        n--;
        return v;
    }

    /** The i-th oldest element (0 is the head). */
    public long get(int i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException(i);
        }
        return ring[(head + i) & (ring.length - 1)];
    }

    public void clear() {
        if (ring.length > 64) {
            ring = new long[4];
            index = new int[8];
        } else {
            java.util.Arrays.fill(index, 0);
        }
        head = 0;
        n = 0;
    }

    private void append(long v) {
        if (v == LongHashSet.EMPTY) {
            throw new IllegalArgumentException("Long.MIN_VALUE is reserved");
        }
        if (n == ring.length) {
            long[] b = new long[ring.length * 2];
            for (int i = 0; i < n; i++) {
                b[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = b;
            head = 0;
            // Positions moved: index them afresh.
            reindex(index.length);
        }
        if (4 * (n + 1) > 3 * index.length) {
            reindex(2 * index.length);
        }
        int pos = (head + n) & (ring.length - 1);
        ring[pos] = v;
        n++;
        insert(v, pos);
    }

    /**
     * Rebuilds the index in a table of {@code length} slots. The index is sized by the elements (load at most
     * 3/4), not by the ring (which doubles when full, and was indexed at twice its length): 481 addresses in a
     * ring of 1,024 take a 1,024-slot index (4 KB), not 2,048. Lookups are rare (an address learned).
     */
    private void reindex(int length) {
        index = new int[length];
        for (int i = 0; i < n; i++) {
            int pos = (head + i) & (ring.length - 1);
            insert(ring[pos], pos);
        }
    }

    private void insert(long v, int pos) {
        int mask = index.length - 1;
        int i = LongHashSet.hash(v, mask);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = pos + 1;
    }

    /** Removes the index entry of v, held at ring position pos (backward-shift deletion, no tombstones). */
    private void unindex(long v, int pos) {
        int mask = index.length - 1;
        int i = LongHashSet.hash(v, mask);
        while (index[i] != pos + 1) {
            i = (i + 1) & mask;
        }
        for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int home = LongHashSet.hash(ring[index[j] - 1], mask);
            if (((j - home) & mask) >= ((j - i) & mask)) {
                index[i] = index[j];
                i = j;
            }
        }
        index[i] = 0;
    }
}
