package org.bitswarm.protocol.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongHashSetTest {

    /** Random adds, removes, lookups and clears against java.util.TreeSet; small key ranges force long chains. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void behavesLikeTreeSet(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int range : new int[] {8, 100, 5000}) {
            LongHashSet s = new LongHashSet();
            TreeSet<Long> ref = new TreeSet<>();
            for (int op = 0; op < 40_000; op++) {
                long k = key(rnd, range);
                int what = rnd.nextInt(100);
                if (what < 45) {
                    assertEquals(ref.add(k), s.add(k));
                } else if (what < 85) {
                    assertEquals(ref.remove(k), s.remove(k));
                } else if (what < 99) {
                    assertEquals(ref.contains(k), s.contains(k));
                } else if (rnd.nextInt(20) == 0) {
                    ref.clear();
                    s.clear();
                }
                assertEquals(ref.size(), s.size());
            }
            assertArrayEquals(ref.stream().mapToLong(Long::longValue).toArray(), s.toSortedArray());
            HashSet<Long> seen = new HashSet<>();
            s.forEach(seen::add);
            assertEquals(ref, new TreeSet<>(seen));
            for (long k = -range; k < range; k++) {
                assertEquals(ref.contains(k), s.contains(k), "key " + k);
            }
        }
    }

    /** Keys that collide in the low bits (multiples of a large power of two) and negative keys. */
    private static long key(SplittableRandom rnd, int range) {
        long k = rnd.nextInt(range) - range / 4;
        return rnd.nextInt(4) == 0 ? k << 40 : k;
    }

    @Test
    void tableStaysWithinTwiceTheExpectedSizeAndShrinksOnClear() {
        LongHashSet s = new LongHashSet(100);
        int cap = s.capacity();
        for (long k = 0; k < 100; k++) {
            s.add(k * 7919);
        }
        assertEquals(cap, s.capacity(), "holds the expected size without growing");
        assertTrue(cap <= 512);
        for (long k = 0; k < 10_000; k++) {
            s.add(k);
        }
        assertTrue(s.capacity() >= 20_000 && s.capacity() <= 32_768);
        s.clear();
        assertTrue(s.capacity() <= 64);
        assertEquals(0, s.size());
    }

    /** Removing all but a few after a busy moment leaves a small table, with every member still found. */
    @Test
    void tableShrinksAsMembersAreRemoved() {
        LongHashSet s = new LongHashSet();
        for (long k = 0; k < 1000; k++) {
            s.add(k * 7919);
        }
        assertTrue(s.capacity() >= 2048);
        for (long k = 0; k < 995; k++) {
            assertTrue(s.remove(k * 7919));
        }
        assertTrue(s.capacity() <= 64, "capacity " + s.capacity() + " for " + s.size() + " members");
        for (long k = 0; k < 1000; k++) {
            assertEquals(k >= 995, s.contains(k * 7919));
        }
        for (long k = 995; k < 1000; k++) {
            assertTrue(s.remove(k * 7919));
        }
        assertTrue(s.isEmpty());
        assertTrue(s.capacity() <= 16);
    }

    @Test
    void refusesTheReservedKey() {
        LongHashSet s = new LongHashSet();
        assertThrows(IllegalArgumentException.class, () -> s.add(Long.MIN_VALUE));
        assertEquals(false, s.contains(Long.MIN_VALUE));
        assertEquals(false, s.remove(Long.MIN_VALUE));
    }
}
