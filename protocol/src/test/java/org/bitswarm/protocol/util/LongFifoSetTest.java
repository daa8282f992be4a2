package org.bitswarm.protocol.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LongFifoSetTest {

    /**
     * Random offers, evicting adds, polls and clears against an ArrayDeque plus a HashSet (what Session keeps
     * today as its pool and known set), with bounds from 1 to unbounded.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void behavesLikeDequeWithMembership(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int limit : new int[] {1, 3, 50, 300, Integer.MAX_VALUE}) {
            LongFifoSet f = new LongFifoSet(limit);
            ArrayDeque<Long> q = new ArrayDeque<>();
            HashSet<Long> in = new HashSet<>();
            for (int op = 0; op < 30_000; op++) {
                long v = rnd.nextInt(400);
                int what = rnd.nextInt(100);
                if (what < 40) {
                    boolean ok = q.size() < limit && !in.contains(v);
                    if (ok) {
                        q.add(v);
                        in.add(v);
                    }
                    assertEquals(ok, f.offer(v));
                } else if (what < 60) {
                    long expect = Long.MIN_VALUE;
                    if (!in.contains(v)) {
                        if (q.size() >= limit) {
                            expect = q.poll();
                            in.remove(expect);
                        }
                        q.add(v);
                        in.add(v);
                    }
                    assertEquals(expect, f.addEvictingOldest(v));
                } else if (what < 85) {
                    if (q.isEmpty()) {
                        assertThrows(NoSuchElementException.class, f::poll);
                    } else {
                        long h = q.poll();
                        in.remove(h);
                        assertEquals(h, f.poll());
                    }
                } else if (what < 99) {
                    assertEquals(in.contains(v), f.contains(v));
                } else {
                    q.clear();
                    in.clear();
                    f.clear();
                }
                assertEquals(q.size(), f.size());
                assertEquals(q.size() >= limit, f.isFull());
            }
            int i = 0;
            for (long v : q) {
                assertEquals(v, f.get(i++));
            }
        }
    }

    @Test
    void neverHoldsMoreThanItsLimit() {
        LongFifoSet f = new LongFifoSet(200);
        for (long v = 0; v < 100_000; v++) {
            f.addEvictingOldest(v);
        }
        assertEquals(200, f.size());
        assertEquals(100_000 - 200, f.peek());
        assertEquals(false, f.contains(0));
        assertEquals(true, f.contains(99_999));
    }

    @Test
    void rejectsABadLimit() {
        assertThrows(IllegalArgumentException.class, () -> new LongFifoSet(0));
    }
}
