package org.bitswarm.protocol.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LongLongHashMapTest {
    private static final long ABSENT = -1;

    /** Random puts, increments, removes, lookups, prunes and clears against java.util.TreeMap. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void behavesLikeTreeMap(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int range : new int[] {8, 100, 5000}) {
            LongLongHashMap m = new LongLongHashMap();
            TreeMap<Long, Long> ref = new TreeMap<>();
            for (int op = 0; op < 40_000; op++) {
                long k = rnd.nextInt(range) * (rnd.nextBoolean() ? 1L : 1L << 36);
                long v = rnd.nextInt(1000);
                int what = rnd.nextInt(100);
                if (what < 30) {
                    Long old = ref.put(k, v);
                    assertEquals(old == null ? ABSENT : old, m.put(k, v, ABSENT));
                } else if (what < 50) {
                    assertEquals((long) ref.merge(k, v, Long::sum), m.addTo(k, v));
                } else if (what < 75) {
                    Long old = ref.remove(k);
                    assertEquals(old == null ? ABSENT : old, m.remove(k, ABSENT));
                } else if (what < 98) {
                    assertEquals(ref.getOrDefault(k, ABSENT), m.get(k, ABSENT));
                    assertEquals(ref.containsKey(k), m.containsKey(k));
                } else if (what < 99) {
                    int before = ref.size();
                    ref.values().removeIf(x -> x < v);
                    assertEquals(before - ref.size(), m.removeValuesBelow(v));
                } else if (rnd.nextInt(20) == 0) {
                    ref.clear();
                    m.clear();
                }
                assertEquals(ref.size(), m.size());
            }
            assertArrayEquals(ref.keySet().stream().mapToLong(Long::longValue).toArray(), m.sortedKeys());
            for (long k : ref.keySet()) {
                assertEquals((long) ref.get(k), m.get(k, ABSENT));
            }
        }
    }

    @Test
    void refusesTheReservedKey() {
        LongLongHashMap m = new LongLongHashMap();
        assertThrows(IllegalArgumentException.class, () -> m.put(Long.MIN_VALUE, 1, ABSENT));
        assertEquals(ABSENT, m.get(Long.MIN_VALUE, ABSENT));
    }

    /** Pruning after a busy moment leaves a table sized for what is left, and every survivor findable. */
    @Test
    void pruningShrinksTheTable() {
        LongLongHashMap m = new LongLongHashMap();
        for (long k = 0; k < 1000; k++) {
            m.put(k * 7919, k, ABSENT);
        }
        assertTrue(m.capacity() >= 2048);
        assertEquals(990, m.removeValuesBelow(990));
        assertTrue(m.capacity() <= 32, "capacity " + m.capacity() + " for 10 entries");
        for (long k = 0; k < 1000; k++) {
            assertEquals(k >= 990 ? k : ABSENT, m.get(k * 7919, ABSENT));
        }
    }
}
