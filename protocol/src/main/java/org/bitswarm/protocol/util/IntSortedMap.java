package org.bitswarm.protocol.util;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A map from int keys to objects in two sorted parallel arrays: lookups by binary search, insertions and
 * removals by moving the tail. For small maps iterated in key order, such as a client's pieces in progress
 * (a few to a few dozen), where a {@code TreeMap<Integer, V>} spends ~56 bytes per entry on its node and box.
 * Iterate with {@code for (int i = 0; i < m.size(); i++) m.valueAt(i)} or over {@link #values()}; do not modify
 * it while doing so.
 */
public final class IntSortedMap<V> {
    private int[] keys = new int[4];
    private Object[] vals = new Object[4];
    private int size;
    private final Collection<V> values = new AbstractCollection<>() {
        @Override
        public Iterator<V> iterator() {
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < size;
                }

                @Override
                @SuppressWarnings("unchecked")
                public V next() {
                    if (i >= size) {
                        throw new NoSuchElementException();
                    }
                    return (V) vals[i++];
                }
            };
        }

        @Override
        public int size() {
            return size;
        }
    };

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private int search(int k) {
        return Arrays.binarySearch(keys, 0, size, k);
    }

    public boolean containsKey(int k) {
        return search(k) >= 0;
    }

    /** The value of k, or null. */
    @SuppressWarnings("unchecked")
    public V get(int k) {
        int i = search(k);
        return i >= 0 ? (V) vals[i] : null;
    }

    /** Sets k to v (not null); returns the previous value or null. */
    @SuppressWarnings("unchecked")
    public V put(int k, V v) {
        if (v == null) {
            throw new IllegalArgumentException("null value");
        }
        int i = search(k);
        if (i >= 0) {
            V old = (V) vals[i];
            vals[i] = v;
            return old;
        }
        i = -i - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            vals = Arrays.copyOf(vals, size * 2);
        }
        System.arraycopy(keys, i, keys, i + 1, size - i);
        System.arraycopy(vals, i, vals, i + 1, size - i);
        keys[i] = k;
        vals[i] = v;
        size++;
        return null;
    }

    /** Removes k; returns its value or null. */
    @SuppressWarnings("unchecked")
    public V remove(int k) {
        int i = search(k);
        if (i < 0) {
            return null;
        }
        V old = (V) vals[i];
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(vals, i + 1, vals, i, size - i - 1);
        size--;
        vals[size] = null;
        return old;
    }

    /** The i-th smallest key. */
    public int keyAt(int i) {
        check(i);
        return keys[i];
    }

    /** The value of the i-th smallest key. */
    @SuppressWarnings("unchecked")
    public V valueAt(int i) {
        check(i);
        return (V) vals[i];
    }

    /**
     * The values in ascending key order, as a read-only live view (the order of a {@code TreeMap}'s values()).
     * Do not modify the map while iterating the view.
     */
    public Collection<V> values() {
        return values;
    }

    /** The smallest key. */
    public int firstKey() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return keys[0];
    }

    public void clear() {
        Arrays.fill(vals, 0, size, null);
        size = 0;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
    }
}
