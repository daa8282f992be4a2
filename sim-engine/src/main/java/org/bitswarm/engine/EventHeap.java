package org.bitswarm.engine;

import java.util.Arrays;

/**
 * A 4-ary min-heap of events over primitive arrays, in the engine's total order (time, key, source, sequence).
 * {@link EventQueue} uses it for the events its calendar does not hold: those later than the calendar's year,
 * and those that land in or before the bucket being consumed.
 *
 * <p>The heap keeps (time, key, slot) inline so that most comparisons touch two contiguous arrays, and has four
 * children per node, which halves the depth and keeps siblings in one cache line. The rest of an event lives
 * in slot arrays recycled through a free list.
 */
final class EventHeap {
    private long[] hTime;
    private long[] hKey;
    private int[] hSlot;
    private int size;
    // Event fields by slot: [3*slot] source, [3*slot+1] sequence, [3*slot+2] target << 32 | kind.
    private long[] sData;
    private Object[] sPayload;
    private int[] free;
    private int freeCount;
    private int slots;

    // The event last removed by poll().
    long time;
    long key;
    long source;
    long seq;
    long targetKind;
    Payload payload;

    private static final int MIN_CAPACITY = 64;

    EventHeap(int capacity) {
        int c = Math.max(16, capacity);
        hTime = new long[c];
        hKey = new long[c];
        hSlot = new int[c];
        sData = new long[3 * c];
        sPayload = new Object[c];
        free = new int[c];
    }

    int size() {
        return size;
    }

    /** Time of the earliest event; the heap must not be empty. */
    long headTime() {
        return hTime[0];
    }

    /** True if the head comes strictly before the event (time, key, source, seq); the heap must not be empty. */
    boolean headBefore(long t, long k, long s, long q) {
        if (hTime[0] != t) {
            return hTime[0] < t;
        }
        if (hKey[0] != k) {
            return hKey[0] < k;
        }
        int b = 3 * hSlot[0];
        if (sData[b] != s) {
            return sData[b] < s;
        }
        return sData[b + 1] < q;
    }

    void add(long time, long key, long source, long seq, long targetKind, Payload payload) {
        int slot = allocate();
        int b = 3 * slot;
        sData[b] = source;
        sData[b + 1] = seq;
        sData[b + 2] = targetKind;
        if (payload != null) {
            sPayload[slot] = payload;
        }
        if (size == hTime.length) {
            int c = size * 2;
            hTime = Arrays.copyOf(hTime, c);
            hKey = Arrays.copyOf(hKey, c);
            hSlot = Arrays.copyOf(hSlot, c);
        }
        siftUp(size++, time, key, slot);
    }

    /** Removes the head into the public fields; the heap must not be empty. */
    void poll() {
        int slot = hSlot[0];
        time = hTime[0];
        key = hKey[0];
        int b = 3 * slot;
        source = sData[b];
        seq = sData[b + 1];
        targetKind = sData[b + 2];
        payload = (Payload) sPayload[slot];
        if (payload != null) {
            sPayload[slot] = null;
        }
        free[freeCount++] = slot;
        int last = --size;
        if (last > 0) {
            siftDown(0, hTime[last], hKey[last], hSlot[last]);
        }
        if (size < sPayload.length >>> 2 && sPayload.length > MIN_CAPACITY) {
            shrink();
        }
    }

    /**
     * Halves the arrays or more once a quarter or less of them is used, so that a heap that was large for a
     * while (the overflow heap holds the timers of every client during a flash crowd, 28,000 slots at 1,000
     * clients) does not keep that size for the rest of the run (850 events at its end). The events keep their
     * heap positions; their slots are renumbered 0 .. size-1 in heap order. Amortised O(1) per removal: a
     * shrink costs O(size) and leaves the arrays a quarter to a half full, so the next shrink comes after as many
     * removals as the events it moves, or the next growth after more additions than that.
     */
    private void shrink() {
        int c = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size)) << 2);
        long[] d = new long[3 * c];
        Object[] p = new Object[c];
        for (int i = 0; i < size; i++) {
            int slot = hSlot[i];
            System.arraycopy(sData, 3 * slot, d, 3 * i, 3);
            p[i] = sPayload[slot];
            hSlot[i] = i;
        }
        sData = d;
        sPayload = p;
        free = new int[c];
        freeCount = 0;
        slots = size;
        hTime = Arrays.copyOf(hTime, c);
        hKey = Arrays.copyOf(hKey, c);
        hSlot = Arrays.copyOf(hSlot, c);
    }

    /** Events the arrays can take before they grow (for tests). */
    int capacity() {
        return sPayload.length;
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slots == sPayload.length) {
            int c = slots * 2;
            sData = Arrays.copyOf(sData, 3 * c);
            sPayload = Arrays.copyOf(sPayload, c);
            free = Arrays.copyOf(free, c);
        }
        return slots++;
    }

    /** True if event (t1, k1, slot1) comes strictly before (t2, k2, slot2) in the total order. */
    private boolean before(long t1, long k1, int slot1, long t2, long k2, int slot2) {
        if (t1 != t2) {
            return t1 < t2;
        }
        if (k1 != k2) {
            return k1 < k2;
        }
        long s1 = sData[3 * slot1];
        long s2 = sData[3 * slot2];
        if (s1 != s2) {
            return s1 < s2;
        }
        return sData[3 * slot1 + 1] < sData[3 * slot2 + 1];
    }

    private void siftUp(int pos, long t, long k, int slot) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            if (!before(t, k, slot, hTime[parent], hKey[parent], hSlot[parent])) {
                break;
            }
            move(parent, pos);
            pos = parent;
        }
        put(pos, t, k, slot);
    }

    private void siftDown(int pos, long t, long k, int slot) {
        while (true) {
            int first = 4 * pos + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int last = Math.min(first + 4, size);
            for (int c = first + 1; c < last; c++) {
                if (before(hTime[c], hKey[c], hSlot[c], hTime[best], hKey[best], hSlot[best])) {
                    best = c;
                }
            }
            if (!before(hTime[best], hKey[best], hSlot[best], t, k, slot)) {
                break;
            }
            move(best, pos);
            pos = best;
        }
        put(pos, t, k, slot);
    }

    private void move(int from, int to) {
        hTime[to] = hTime[from];
        hKey[to] = hKey[from];
        hSlot[to] = hSlot[from];
    }

    private void put(int pos, long t, long k, int slot) {
        hTime[pos] = t;
        hKey[pos] = k;
        hSlot[pos] = slot;
    }
}
