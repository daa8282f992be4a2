package org.bitswarm.protocol.util;

import java.util.Arrays;

/**
 * A map from long keys to long values in two parallel open-addressing arrays (linear probing, backward-shift
 * deletion, load at most 1/2): 16 to 32 bytes per entry instead of the ~72 of a {@code HashMap<Long, Long>}
 * entry with two boxes. For strikes per peer, last arrival times per peer and the like. {@code Long.MIN_VALUE}
 * cannot be a key.
 */
public final class LongLongHashMap {
    private long[] keys;
    private long[] vals;
    private int size;
    private int mask;

    public LongLongHashMap() {
        this(4);
    }

    /** A map that holds {@code expected} entries without growing. */
    public LongLongHashMap(int expected) {
        int n = LongHashSet.tableSize(expected);
        keys = new long[n];
        vals = new long[n];
        Arrays.fill(keys, LongHashSet.EMPTY);
        mask = n - 1;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private int find(long k) {
        for (int i = LongHashSet.hash(k, mask);; i = (i + 1) & mask) {
            long x = keys[i];
            if (x == k && k != LongHashSet.EMPTY) {
                return i;
            }
            if (x == LongHashSet.EMPTY) {
                return -1;
            }
        }
    }

    public boolean containsKey(long k) {
        return find(k) >= 0;
    }

    /** The value of k, or {@code absent} if k has none. */
    public long get(long k, long absent) {
        int i = find(k);
        return i < 0 ? absent : vals[i];
    }

    /** Sets k to v; returns the previous value or {@code absent}. */
    public long put(long k, long v, long absent) {
        int i = slotFor(k);
        if (keys[i] == k) {
            long old = vals[i];
            vals[i] = v;
            return old;
        }
        keys[i] = k;
        vals[i] = v;
        size++;
        return absent;
    }

    /** Adds {@code delta} to k's value (0 if absent) and returns the new value, as {@code merge(k, d, Long::sum)}. */
    public long addTo(long k, long delta) {
        int i = slotFor(k);
        if (keys[i] != k) {
            keys[i] = k;
            vals[i] = 0;
            size++;
        }
        vals[i] += delta;
        return vals[i];
    }

    /** The slot holding k, or the empty slot where it goes (growing the table first if needed). */
    private int slotFor(long k) {
        if (k == LongHashSet.EMPTY) {
            throw new IllegalArgumentException("Long.MIN_VALUE is reserved");
        }
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        int i = LongHashSet.hash(k, mask);
        while (keys[i] != k && keys[i] != LongHashSet.EMPTY) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Removes k; returns its value or {@code absent}. */
    public long remove(long k, long absent) {
        int i = find(k);
        if (i < 0) {
            return absent;
        }
        long old = vals[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        size--;
        for (int j = (i + 1) & mask; keys[j] != LongHashSet.EMPTY; j = (j + 1) & mask) {
            int home = LongHashSet.hash(keys[j], mask);
            if (((j - home) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                vals[i] = vals[j];
                i = j;
            }
        }
        keys[i] = LongHashSet.EMPTY;
    }

    /**
     * Removes every entry whose value is below {@code bound}; returns how many went. The table is rebuilt for
     * what is left, so a map pruned after a busy moment does not keep that moment's table.
     */
    public int removeValuesBelow(long bound) {
        long[] ok = keys;
        long[] ov = vals;
        int before = size;
        int left = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != LongHashSet.EMPTY && ov[i] >= bound) {
                left++;
            }
        }
        int n = Math.min(ok.length, LongHashSet.tableSize(left));
        keys = new long[n];
        vals = new long[n];
        Arrays.fill(keys, LongHashSet.EMPTY);
        mask = n - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != LongHashSet.EMPTY && ov[i] >= bound) {
                insertFresh(ok[i], ov[i]);
            }
        }
        return before - size;
    }

    public void clear() {
        if (keys.length > 64) {
            keys = new long[4];
            vals = new long[4];
            mask = 3;
        }
        Arrays.fill(keys, LongHashSet.EMPTY);
        size = 0;
    }

    /** Slots in the table: 16 bytes each. */
    public int capacity() {
        return keys.length;
    }

    /** The keys in ascending order. */
    public long[] sortedKeys() {
        long[] a = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != LongHashSet.EMPTY) {
                a[n++] = k;
            }
        }
        Arrays.sort(a);
        return a;
    }

    private void rehash(int n) {
        long[] ok = keys;
        long[] ov = vals;
        keys = new long[n];
        vals = new long[n];
        Arrays.fill(keys, LongHashSet.EMPTY);
        mask = n - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != LongHashSet.EMPTY) {
                insertFresh(ok[i], ov[i]);
            }
        }
    }

    private void insertFresh(long k, long v) {
        int i = LongHashSet.hash(k, mask);
        while (keys[i] != LongHashSet.EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = k;
        vals[i] = v;
        size++;
    }
}
