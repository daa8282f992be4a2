package org.bitswarm.engine;

import java.util.Arrays;

/**
 * A rank's pending events: a binary min-heap over primitive arrays, ordered by the engine's total event order
 * (time, key, source, sequence), where key is a keyed hash of (source, sequence). Because the order uses only
 * what the event itself carries, it is the same whichever rank holds the event and in whatever order events
 * arrived: this is what makes results independent of the partition (ns-3's per-rank counters are not).
 *
 * <p>The heap keeps (time, key, slot) inline so that most comparisons touch two contiguous arrays; the rest
 * of an event lives in slot arrays that are recycled through a free list. No objects are allocated per event
 * besides the payload itself.
 */
public final class EventQueue {
    // Heap, by position.
    private long[] hTime;
    private long[] hKey;
    private int[] hSlot;
    private int size;
    // Event fields, by slot.
    private long[] sSource;
    private long[] sSeq;
    private int[] sTarget;
    private int[] sKind;
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
        sSource = new long[c];
        sSeq = new long[c];
        sTarget = new int[c];
        sKind = new int[c];
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
        sSource[slot] = source;
        sSeq[slot] = seq;
        sTarget[slot] = target;
        sKind[slot] = kind;
        sPayload[slot] = payload;
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
        source = sSource[slot];
        seq = sSeq[slot];
        target = sTarget[slot];
        kind = sKind[slot];
        payload = (Payload) sPayload[slot];
        sPayload[slot] = null;
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
        if (slots == sSource.length) {
            int c = slots * 2;
            sSource = Arrays.copyOf(sSource, c);
            sSeq = Arrays.copyOf(sSeq, c);
            sTarget = Arrays.copyOf(sTarget, c);
            sKind = Arrays.copyOf(sKind, c);
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
        long s1 = sSource[slot1];
        long s2 = sSource[slot2];
        if (s1 != s2) {
            return s1 < s2;
        }
        return sSeq[slot1] < sSeq[slot2];
    }

    private void siftUp(int pos, long t, long k, int slot) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!before(t, k, slot, hTime[parent], hKey[parent], hSlot[parent])) {
                break;
            }
            move(parent, pos);
            pos = parent;
        }
        put(pos, t, k, slot);
    }

    private void siftDown(int pos, long t, long k, int slot) {
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && before(hTime[right], hKey[right], hSlot[right], hTime[child], hKey[child], hSlot[child])) {
                child = right;
            }
            if (!before(hTime[child], hKey[child], hSlot[child], t, k, slot)) {
                break;
            }
            move(child, pos);
            pos = child;
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
