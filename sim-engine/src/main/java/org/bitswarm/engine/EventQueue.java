package org.bitswarm.engine;

import java.util.Arrays;

/**
 * A rank's pending events: a 4-ary min-heap over primitive arrays, ordered by the engine's total event order
 * (time, key, source, sequence), where key is a keyed hash of (source, sequence). Because the order uses only
 * what the event itself carries, it is the same whichever rank holds the event and in whatever order events
 * arrived: this is what makes results independent of the partition (ns-3's per-rank counters are not).
 *
 * <p>The heap keeps (time, key, slot) inline so that most comparisons touch two contiguous arrays, and has four
 * children per node, which halves the depth and keeps siblings in one cache line (a binary heap spent most of
 * a PHOLD run in cache misses at 10^5 pending events). The rest
 * of an event lives in slot arrays that are recycled through a free list. No objects are allocated per event
 * besides the payload itself.
 */
public final class EventQueue {
    // Heap, by position.
    private long[] hTime;
    private long[] hKey;
    private int[] hSlot;
    private int size;
    // Event fields, by slot, packed so that one event's fields share a cache line:
    // [3*slot] source, [3*slot+1] sequence, [3*slot+2] target << 32 | kind. Payloads apart, read only if present.
    private long[] sData;
    private Object[] sPayload;
    private int[] free;
    private int freeCount;
    private int slots;

    // The event last removed by poll().
    private long time;
    private long key;
    private long source;
    private long seq;
    private int target;
    private int kind;
    private Payload payload;

    public EventQueue() {
        this(1024);
    }

    public EventQueue(int capacity) {
        int c = Math.max(16, capacity);
        hTime = new long[c];
        hKey = new long[c];
        hSlot = new int[c];
        sData = new long[3 * c];
        sPayload = new Object[c];
        free = new int[c];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest event, or {@link Ticks#NEVER} when empty. */
    public long peekTime() {
        return size == 0 ? Ticks.NEVER : hTime[0];
    }

    public void add(long time, long key, long source, long seq, int target, int kind, Payload payload) {
        int slot = allocate();
        int b = 3 * slot;
        sData[b] = source;
        sData[b + 1] = seq;
        sData[b + 2] = (long) target << 32 | (kind & 0xffffffffL);
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

    /** Removes the earliest event; read it through the accessors below. Returns false when empty. */
    public boolean poll() {
        if (size == 0) {
            return false;
        }
        int slot = hSlot[0];
        time = hTime[0];
        key = hKey[0];
        int b = 3 * slot;
        source = sData[b];
        seq = sData[b + 1];
        long tk = sData[b + 2];
        target = (int) (tk >>> 32);
        kind = (int) tk;
        payload = (Payload) sPayload[slot];
        if (payload != null) {
            sPayload[slot] = null;
        }
        free[freeCount++] = slot;
        int last = --size;
        if (last > 0) {
            siftDown(0, hTime[last], hKey[last], hSlot[last]);
        }
        return true;
    }

    public long time() {
        return time;
    }

    public long key() {
        return key;
    }

    public long source() {
        return source;
    }

    public long seq() {
        return seq;
    }

    public int target() {
        return target;
    }

    public int kind() {
        return kind;
    }

    public Payload payload() {
        return payload;
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
