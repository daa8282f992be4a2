package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The overflow and side heap of {@link EventQueue} on its own. */
class EventHeapTest {
    private record Ev(long time, long key, long source, long seq, Payload payload) {}

    private static final Comparator<Ev> ORDER = Comparator.comparingLong(Ev::time).thenComparingLong(Ev::key)
            .thenComparingLong(Ev::source).thenComparingLong(Ev::seq);

    /**
     * A heap that held 100,000 events (a flash crowd's timers) and then holds a few hundred must give its
     * arrays back (before, it kept the peak's 100,000 slots: 2.4 MB) and keep the order and the payloads
     * through every shrink, while events keep coming and going.
     */
    @Test
    void arraysShrinkAfterAPeakAndTheOrderHolds() {
        EventHeap h = new EventHeap(16);
        PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
        SplittableRandom rnd = new SplittableRandom(7);
        long seq = 0;
        for (int i = 0; i < 100_000; i++, seq++) {
            add(h, ref, new Ev(rnd.nextLong(1_000_000), rnd.nextLong(4), rnd.nextLong(3), seq,
                    seq % 5 == 0 ? tagged(seq) : null));
        }
        int peak = h.capacity();
        assertTrue(peak >= 100_000);
        // Drain to a few hundred, each removal sometimes adding one later event.
        while (ref.size() > 300) {
            pollAndCheck(h, ref);
            if (rnd.nextInt(4) == 0) {
                add(h, ref, new Ev(h.time + rnd.nextLong(1_000), rnd.nextLong(4), 1, seq,
                        seq % 5 == 0 ? tagged(seq) : null));
                seq++;
            }
        }
        assertTrue(h.capacity() <= 4 * 512, "capacity " + h.capacity() + " for " + h.size() + " events");
        // Grow and shrink again: the renumbered slots must keep working.
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5_000; i++, seq++) {
                add(h, ref, new Ev(rnd.nextLong(2_000_000), rnd.nextLong(4), rnd.nextLong(3), seq,
                        seq % 3 == 0 ? tagged(seq) : null));
            }
            while (ref.size() > 10) {
                pollAndCheck(h, ref);
            }
        }
        while (!ref.isEmpty()) {
            pollAndCheck(h, ref);
        }
        assertEquals(0, h.size());
        assertTrue(h.capacity() <= 64);
    }

    private static void add(EventHeap h, PriorityQueue<Ev> ref, Ev e) {
        h.add(e.time(), e.key(), e.source(), e.seq(), e.seq() << 8, e.payload());
        ref.add(e);
    }

    private static void pollAndCheck(EventHeap h, PriorityQueue<Ev> ref) {
        Ev want = ref.poll();
        h.poll();
        assertEquals(want.time(), h.time);
        assertEquals(want.key(), h.key);
        assertEquals(want.source(), h.source);
        assertEquals(want.seq(), h.seq);
        assertEquals(want.seq() << 8, h.targetKind);
        assertSame(want.payload(), h.payload);
    }

    private static Payload tagged(long tag) {
        return out -> out.putLong(tag);
    }
}
