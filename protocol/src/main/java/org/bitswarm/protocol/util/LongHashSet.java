package org.bitswarm.protocol.util;

import java.util.Arrays;

/**
 * A set of longs in one open-addressing table (linear probing, backward-shift deletion, load at most 1/2):
 * 8 to 16 bytes per element instead of the ~56 of a {@code HashSet<Long>} entry and its boxed key, and no
 * allocation except when the table doubles. {@code Long.MIN_VALUE} cannot be stored.
 *
 * <p>{@link #get(int)} walks the slots, so iteration order depends on the hash and on the history of
 * insertions and removals; it is deterministic, but callers whose results depend on order should sort.
 */
public final class LongHashSet {
    static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private int size;
    private int mask;

    public LongHashSet() {
        this(4);
    }

    /** A set that holds {@code expected} elements without growing. */
    public LongHashSet(int expected) {
        int n = tableSize(expected);
        keys = new long[n];
        Arrays.fill(keys, EMPTY);
        mask = n - 1;
    }

    static int tableSize(int expected) {
        if (expected < 0 || expected > 1 << 29) {
            throw new IllegalArgumentException("expected size out of range: " + expected);
        }
        return Integer.highestOneBit(Math.max(2, expected) * 2 - 1) * 2;
    }

    static int hash(long k, int mask) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean contains(long k) {
        for (int i = hash(k, mask);; i = (i + 1) & mask) {
            long x = keys[i];
            if (x == k) {
                return k != EMPTY;
            }
            if (x == EMPTY) {
                return false;
            }
        }
    }

    /** Adds k; returns false if it was already there. */
    public boolean add(long k) {
        if (k == EMPTY) {
            throw new IllegalArgumentException("Long.MIN_VALUE is reserved");
        }
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        for (int i = hash(k, mask);; i = (i + 1) & mask) {
            if (keys[i] == k) {
                return false;
            }
            if (keys[i] == EMPTY) {
                keys[i] = k;
                size++;
                return true;
            }
        }
    }

    /** Removes k; returns false if it was not there. The table shrinks once it is less than 1/8 full. */
    public boolean remove(long k) {
        if (k == EMPTY) {
            return false;
        }
        int i = hash(k, mask);
        while (keys[i] != k) {
            if (keys[i] == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
        size--;
        // Backward-shift deletion: move later members of the probe chain into the hole, so no tombstones.
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = hash(keys[j], mask);
            if (((j - home) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                i = j;
            }
        }
        keys[i] = EMPTY;
        if (size * 8 < keys.length && keys.length > 16) {
            // Mostly empty after a busy moment (a session's connection attempts in flight: up to 50 at the
            // flash crowd, none once it has its connections): a table for what is left.
            rehash(tableSize(size));
        }
        return true;
    }

    /** Empties the set; the table shrinks back to its smallest size if it had grown beyond 64 slots. */
    public void clear() {
        if (keys.length > 64) {
            keys = new long[4];
            mask = 3;
        }
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    /** Slots in the table (for tests and memory estimates): 8 bytes each. */
    public int capacity() {
        return keys.length;
    }

    /** Calls {@code f} with every element, in slot order. Do not modify the set from {@code f}. */
    public void forEach(java.util.function.LongConsumer f) {
        for (long k : keys) {
            if (k != EMPTY) {
                f.accept(k);
            }
        }
    }

    /** The elements in ascending order: a deterministic order independent of the table's history. */
    public long[] toSortedArray() {
        long[] a = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                a[n++] = k;
            }
        }
        Arrays.sort(a);
        return a;
    }

    private void rehash(int n) {
        long[] old = keys;
        keys = new long[n];
        Arrays.fill(keys, EMPTY);
        mask = n - 1;
        for (long k : old) {
            if (k != EMPTY) {
                int i = hash(k, mask);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
            }
        }
    }
}
