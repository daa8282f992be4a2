package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The event queue against a trivial reference model: a list sorted by the total order. */
class EventQueueTest {
    private record Ev(long time, long key, long source, long seq, int target) {}

    private static final Comparator<Ev> ORDER = Comparator.comparingLong(Ev::time).thenComparingLong(Ev::key)
            .thenComparingLong(Ev::source).thenComparingLong(Ev::seq);

    @Test
    void matchesSortedReferenceUnderRandomOperations() {
        long seed = 0x5EEDL ^ Long.getLong("test.seed", 20261124L);
        System.out.println("EventQueueTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            EventQueue q = new EventQueue(16);
            List<Ev> ref = new ArrayList<>();
            long seq = 0;
            // Few distinct times and keys force ties at every level of the order.
            long times = 1 + rnd.nextInt(5);
            long keys = 1 + rnd.nextInt(3);
            for (int op = 0; op < 2000; op++) {
                if (ref.isEmpty() || rnd.nextInt(3) > 0) {
                    long time = pick(rnd, times);
                    Ev e = new Ev(time, pick(rnd, keys), rnd.nextInt(4), seq++, rnd.nextInt(100));
                    q.add(e.time, e.key, e.source, e.seq, e.target, 7, null);
                    ref.add(e);
                } else {
                    ref.sort(ORDER);
                    Ev want = ref.remove(0);
                    assertTrue(q.poll());
                    assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()), "seed " + seed);
                }
                assertEquals(ref.size(), q.size());
            }
            ref.sort(ORDER);
            for (Ev want : ref) {
                assertEquals(want.time, q.peekTime());
                assertTrue(q.poll());
                assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()), "seed " + seed);
            }
            assertFalse(q.poll());
            assertEquals(Ticks.NEVER, q.peekTime());
        }
    }

    /** Small values, and the extremes of the time and key ranges. */
    private static long pick(SplittableRandom rnd, long distinct) {
        switch (rnd.nextInt(8)) {
            case 0: return 0;
            case 1: return Long.MAX_VALUE - 1;
            case 2: return Long.MIN_VALUE;
            default: return rnd.nextLong(distinct);
        }
    }

    @Test
    void payloadsComeBackWithTheirEvent() {
        EventQueue q = new EventQueue();
        Payload a = out -> out.putInt(1);
        Payload b = out -> out.putInt(2);
        q.add(5, 0, 0, 0, 0, 1, a);
        q.add(3, 0, 0, 1, 0, 2, b);
        q.poll();
        assertEquals(b, q.payload());
        assertEquals(2, q.kind());
        q.poll();
        assertEquals(a, q.payload());
    }

    @Test
    void timeArithmeticRefusesOverflow() {
        assertThrows(ArithmeticException.class, () -> Ticks.add(Long.MAX_VALUE - 5, 10));
        assertThrows(ArithmeticException.class, () -> Ticks.add(5, -1));
        assertEquals(Ticks.NEVER, Ticks.addSaturating(Long.MAX_VALUE - 5, 10));
        assertEquals(Long.MAX_VALUE - 1, Ticks.add(Long.MAX_VALUE - 5, 4));
        assertThrows(IllegalArgumentException.class, () -> Ticks.ofSeconds(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Ticks.ofSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> Ticks.ofSeconds(1e12));
        assertEquals("1.500000000", Ticks.format(1_500_000_000L));
        // 16 KiB at 1 Mbit/s is 131.072 ms exactly; rounding goes up.
        assertEquals(131_072_000L, Ticks.transmission(16384, 1_000_000));
        assertEquals(3L, Ticks.transmission(1, 3_000_000_000L));
    }
}
