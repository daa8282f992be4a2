package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The event queue against a trivial reference model: a list sorted by the total order. */
class EventQueueTest {
    private record Ev(long time, long key, long source, long seq, int target) {}

    private static final Comparator<Ev> ORDER = Comparator.comparingLong(Ev::time).thenComparingLong(Ev::key)
            .thenComparingLong(Ev::source).thenComparingLong(Ev::seq);

    /**
     * Random adds and polls against a priority queue in the total order, for bucket widths from the smallest to
     * the largest and for four shapes of time: few distinct times (ties at every level of the order), times
     * spread over several calendar years (overflow heap and its migration), a hold pattern that never goes back
     * and often lands in the bucket being read (side heap), and the extremes of the time range.
     */
    @Test
    void matchesReferenceUnderRandomOperations() {
        long seed = 0x5EEDL ^ Long.getLong("test.seed", 20261124L);
        System.out.println("EventQueueTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] widths = {2, 16, 1 << 10, 1 << 20, 1L << 31};
        for (int round = 0; round < 400; round++) {
            long width = widths[round % widths.length];
            int shape = (round / widths.length) % 4;
            EventQueue q = new EventQueue(width);
            PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
            long seq = 0;
            long last = 0;
            long distinctTimes = 1 + rnd.nextInt(5);
            long keys = 1 + rnd.nextInt(3);
            String where = "seed " + seed + " round " + round + " width " + width + " shape " + shape;
            for (int op = 0; op < 2000; op++) {
                if (ref.isEmpty() || rnd.nextInt(3) > 0) {
                    long time = switch (shape) {
                        case 0 -> pick(rnd, distinctTimes);
                        case 1 -> rnd.nextLong(width * EventQueue.RING * 3);
                        case 2 -> last + (rnd.nextBoolean() ? rnd.nextLong(width) : rnd.nextLong(width * 64));
                        default -> extreme(rnd);
                    };
                    Ev e = new Ev(time, pick(rnd, keys), rnd.nextInt(4), seq++, rnd.nextInt(100));
                    q.add(e.time, e.key, e.source, e.seq, e.target, 7, null);
                    ref.add(e);
                } else {
                    Ev want = ref.poll();
                    assertEquals(want.time, q.peekTime(), where);
                    assertTrue(q.poll());
                    assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()), where);
                    last = want.time;
                }
                assertEquals(ref.size(), q.size());
            }
            while (!ref.isEmpty()) {
                Ev want = ref.poll();
                assertEquals(want.time, q.peekTime(), where);
                assertTrue(q.poll());
                assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()), where);
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

    /** Anywhere in the time range, with weight on both ends. */
    private static long extreme(SplittableRandom rnd) {
        switch (rnd.nextInt(4)) {
            case 0: return Long.MIN_VALUE + rnd.nextLong(1000);
            case 1: return Long.MAX_VALUE - 1 - rnd.nextLong(1000);
            default: return rnd.nextLong();
        }
    }

    /**
     * Whole buckets of many events, as a window of the engine fills them: offsets drawn from a few or many
     * values, sometimes with a single event whose high digits differ from all the others (the radix sort may
     * skip a digit only when every event shares it).
     */
    @Test
    void fullBucketsComeOutSorted() {
        long seed = 0xB0CCL ^ Long.getLong("test.seed", 20261124L);
        System.out.println("EventQueueTest bucket seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] shifts = {1, 7, 8, 9, 16, 24, 31};
        for (int round = 0; round < 300; round++) {
            int shift = shifts[round % shifts.length];
            long width = 1L << shift;
            EventQueue q = new EventQueue(width);
            PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
            long bucketStart = width * rnd.nextLong(1000);
            long spread = Math.max(1, width >> rnd.nextInt(shift + 1));
            int n = 1 + rnd.nextInt(3000);
            for (int i = 0; i < n; i++) {
                long offset = rnd.nextLong(spread);
                if (i == n - 1 && rnd.nextBoolean()) {
                    offset = rnd.nextBoolean() ? 0 : ((width - 1) & ~0xffL) | rnd.nextLong(Math.min(256, width));
                }
                Ev e = new Ev(bucketStart + offset, rnd.nextLong(4), rnd.nextInt(3), i, i);
                q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
                ref.add(e);
            }
            String where = "seed " + seed + " round " + round + " shift " + shift + " n " + n;
            while (!ref.isEmpty()) {
                Ev want = ref.poll();
                assertTrue(q.poll(), where);
                assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()), where);
            }
            assertFalse(q.poll());
        }
    }

    /**
     * The bucket width adapts both ways without changing the order: a hold pattern whose delays reach far beyond
     * the ring's year must widen the buckets, then a burst of events crowded into a few ticks must narrow them.
     */
    @Test
    void bucketWidthAdaptsAndKeepsTheOrder() {
        long seed = 0xADA7L ^ Long.getLong("test.seed", 20261124L);
        SplittableRandom rnd = new SplittableRandom(seed);
        EventQueue q = new EventQueue(2);
        PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
        long seq = 0;
        for (int i = 0; i < 2000; i++) {
            Ev e = new Ev(rnd.nextLong(1_000_000), rnd.nextLong(), i, seq++, 0);
            q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
            ref.add(e);
        }
        int startShift = q.bucketShift();
        for (int i = 0; i < 100_000; i++) {
            holdOnce(q, ref, rnd.nextLong(1_000_000), rnd, seq++, "seed " + seed + " widening, step " + i);
        }
        int wide = q.bucketShift();
        assertTrue(wide > startShift + 4, "buckets should have widened from 2^" + startShift + ": 2^" + wide);
        // Everything pending now lands within a few ticks of the head: buckets fill up and must narrow.
        long now = ref.peek().time;
        for (int i = 0; i < 3 * EventQueue.DENSE; i++) {
            Ev e = new Ev(now + 1 + rnd.nextLong(3), rnd.nextLong(), i, seq++, 0);
            q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
            ref.add(e);
        }
        for (int i = 0; i < 200_000; i++) {
            holdOnce(q, ref, 1 + rnd.nextLong(3), rnd, seq++, "seed " + seed + " narrowing, step " + i);
        }
        assertTrue(q.bucketShift() < wide, "buckets should have narrowed from 2^" + wide + ": 2^" + q.bucketShift());
        while (!ref.isEmpty()) {
            Ev want = ref.poll();
            assertTrue(q.poll());
            assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()), "seed " + seed);
        }
        assertFalse(q.poll());
    }

    /**
     * The engine's pattern: take out a whole window [T, T+L), then add the window's new events, all at or after
     * T+L, in a burst. Starting widths far too narrow and far too wide force the width to change between a
     * window's adds, while events earlier than the new ones wait in the overflow heap.
     */
    @Test
    void windowedUseMatchesReferenceWhileTheWidthChanges() {
        long seed = 0x3D0L ^ Long.getLong("test.seed", 20261124L);
        SplittableRandom rnd = new SplittableRandom(seed);
        long[][] cases = {{2, 1_000_000}, {1 << 8, 1_000_000}, {1L << 30, 2_000}, {1L << 24, 1_000_000}};
        for (long[] c : cases) {
            long width = c[0];
            long mean = c[1];
            long lookahead = Math.max(1, mean / 8);
            EventQueue q = new EventQueue(width);
            PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
            long seq = 0;
            for (int i = 0; i < 20_000; i++) {
                Ev e = new Ev(exp(rnd, mean), rnd.nextLong(), i, seq++, 0);
                q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
                ref.add(e);
            }
            String where = "seed " + seed + " width " + width + " mean " + mean;
            for (int w = 0; w < 150; w++) {
                long end = ref.peek().time + lookahead;
                List<Ev> window = new ArrayList<>();
                while (!ref.isEmpty() && ref.peek().time < end) {
                    Ev want = ref.poll();
                    assertEquals(want.time, q.peekTime(), where + " window " + w);
                    assertTrue(q.poll());
                    assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()), where);
                    window.add(want);
                }
                assertTrue(q.peekTime() >= end, where);
                for (Ev done : window) {
                    Ev e = new Ev(end + exp(rnd, mean), rnd.nextLong(), done.source, seq++, 0);
                    q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
                    ref.add(e);
                }
            }
            assertTrue(q.rebuckets() > 0, where + ": the width never changed, so this case tests nothing");
        }
    }

    private static long exp(SplittableRandom rnd, long mean) {
        return Math.round(-mean * Math.log(1 - rnd.nextDouble()));
    }

    /** Removes the earliest event from both and adds one {@code delay} later, keeping them in step. */
    private static void holdOnce(EventQueue q, PriorityQueue<Ev> ref, long delay, SplittableRandom rnd, long seq,
            String where) {
        Ev want = ref.poll();
        assertTrue(q.poll(), where);
        assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()), where);
        Ev e = new Ev(want.time + delay, rnd.nextLong(), want.source, seq, 0);
        q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
        ref.add(e);
    }

    /**
     * The engine's pattern after a flash crowd: every client's rechoke timer fires at the same instants (every
     * 10 s), and each client also keeps a long timer, due 20 to 120 s later on the same grid. The engine peeks
     * at the next event before it runs a window. When peeking loaded the next bucket, each rechoke set after it
     * landed exactly on the queue's head, in the side heap, and the rule that counted those adds narrowed the
     * buckets round after round, to 2^1 ticks here, leaving the ring empty. Now the buckets widen and never
     * narrow, and the rechokes wait in the ring, not the side heap. The order is checked against the
     * reference model throughout.
     */
    @Test
    void sameTimeEventsDoNotNarrowTheBuckets() {
        SplittableRandom rnd = new SplittableRandom(0x71E5L);
        int clients = 1000;
        long period = 10 * Ticks.SECOND;
        long window = 10 * Ticks.MS;
        EventQueue q = new EventQueue(window / 32);
        int startShift = q.bucketShift();
        int widest = startShift;
        PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
        long seq = 0;
        for (int c = 0; c < clients; c++) {
            Ev rechoke = new Ev(period, rnd.nextLong(), c, seq++, 0);
            Ev slow = new Ev(period * (2 + rnd.nextInt(11)), rnd.nextLong(), c, seq++, 1);
            for (Ev e : List.of(rechoke, slow)) {
                q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
                ref.add(e);
            }
        }
        List<Ev> fired = new ArrayList<>();
        while (q.peekTime() < 180 * period) {
            long end = q.peekTime() + window;
            fired.clear();
            while (q.peekTime() < end) {
                Ev want = ref.poll();
                assertTrue(q.poll());
                Ev got = new Ev(q.time(), q.key(), q.source(), q.seq(), q.target());
                assertEquals(want, got);
                fired.add(got);
            }
            q.peekTime();
            assertTrue(q.bucketShift() >= widest, "buckets narrowed from 2^" + widest + " to 2^" + q.bucketShift()
                    + " at " + Ticks.format(end) + " s");
            widest = q.bucketShift();
            for (Ev f : fired) {
                long delay = f.target == 0 ? period : period * (2 + rnd.nextInt(11));
                Ev e = new Ev(f.time + delay, rnd.nextLong(), f.source, seq++, f.target);
                q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
                ref.add(e);
            }
        }
        int shift = q.bucketShift();
        assertTrue(shift > startShift, "buckets should have widened from 2^" + startShift + ": 2^" + shift);
        assertTrue(q.ringEvents() >= clients, "the ring should hold the rechokes: " + q.ringEvents()
                + " in the ring, " + q.sideEvents() + " in the side heap, " + q.overflowEvents() + " overflow");
        assertEquals(0, q.sideEvents(), "events in the side heap");
        assertTrue(q.overflowEvents() <= clients, "only long timers may wait in the overflow heap: "
                + q.overflowEvents());
        while (!ref.isEmpty()) {
            Ev want = ref.poll();
            assertTrue(q.poll());
            assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()));
        }
        assertFalse(q.poll());
    }

    /**
     * An overflow event whose bucket the ring reaches exactly at its far end must move into the ring then, or an
     * event added later to the same bucket overtakes it.
     */
    @Test
    void overflowEventsJoinTheRingAtTheYearBoundary() {
        long width = 16;
        long farBucketStart = width * (EventQueue.RING + 1);
        EventQueue q = new EventQueue(width);
        q.add(0, 0, 0, 0, 0, 1, null);
        q.add(farBucketStart, 0, 0, 1, 0, 1, null);
        assertTrue(q.poll());
        assertEquals(0, q.time());
        q.add(width, 0, 0, 2, 0, 1, null);
        assertTrue(q.poll());
        assertEquals(width, q.time());
        q.add(farBucketStart + 5, 0, 0, 3, 0, 1, null);
        assertTrue(q.poll());
        assertEquals(farBucketStart, q.time());
        assertTrue(q.poll());
        assertEquals(farBucketStart + 5, q.time());
        assertFalse(q.poll());
    }

    /** Payloads travel with their event through the ring (also when a bucket grows), the side and overflow heaps. */
    @Test
    void payloadsSurviveEveryTier() {
        EventQueue q = new EventQueue(16);
        List<Payload> want = new ArrayList<>();
        long seq = 0;
        // One bucket: a payload first, then enough events without one to make the bucket grow, then another.
        for (int i = 0; i < 100; i++) {
            Payload p = i == 0 || i == 99 ? tagged(i) : null;
            q.add(100 + i % 8, seq, 0, seq++, 0, 1, p);
            want.add(p);
        }
        q.poll();
        assertEquals(want.get(0), q.payload());
        Payload side = tagged(-1);
        q.add(101, Long.MAX_VALUE, 9, seq++, 0, 1, side);
        Payload overflow = tagged(-2);
        q.add(16L * EventQueue.RING * 10, 0, 0, seq++, 0, 1, overflow);
        int seen = 0;
        Payload last = null;
        while (q.poll()) {
            if (q.payload() != null) {
                seen++;
                last = q.payload();
            }
        }
        assertEquals(3, seen);
        assertEquals(overflow, last);
    }

    private static Payload tagged(int tag) {
        return out -> out.putInt(tag);
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

    /**
     * A burst that occupies every bucket of the ring at once, then a steady trickle for ten years of the ring:
     * the queue must not keep the burst's thousands of bucket arrays for the rest of the run, and the order
     * must not change.
     */
    @Test
    void readOutBucketArraysAreNotHoardedAfterABurst() {
        EventQueue q = new EventQueue(1 << 10);
        PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
        long seq = 0;
        for (int b = 0; b < EventQueue.RING; b++) {
            for (int k = 0; k < 20; k++) {
                long t = ((long) b << 10) + k * 37;
                q.add(t, seq * 31, 1, seq, 0, 0, null);
                ref.add(new Ev(t, seq * 31, 1, seq, 0));
                seq++;
            }
        }
        while (!ref.isEmpty()) {
            assertTrue(q.poll());
            assertEquals(ref.poll(), new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()));
        }
        // The trickle: 200 events pending, each removal adding one up to 50 buckets ahead, for ten ring years.
        long start = (long) EventQueue.RING << 10;
        for (int i = 0; i < 200; i++, seq++) {
            long t = start + (seq * 7919) % (50 << 10);
            q.add(t, seq * 31, 1, seq, 0, 0, null);
            ref.add(new Ev(t, seq * 31, 1, seq, 0));
        }
        long end = start + (10L * EventQueue.RING << 10);
        while (!ref.isEmpty()) {
            assertTrue(q.poll());
            assertEquals(ref.poll(), new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()));
            long t = q.time() + 1 + (seq * 7919) % (50 << 10);
            if (t < end) {
                q.add(t, seq * 31, 1, seq, 0, 0, null);
                ref.add(new Ev(t, seq * 31, 1, seq, 0));
            }
            seq++;
        }
        assertTrue(q.spareArrays() <= EventQueue.RING / 8, "spare bucket arrays kept: " + q.spareArrays());
        assertTrue(q.spareArrays() > 0, "some arrays are kept for reuse");
    }

    /**
     * The shape of a flash crowd and what follows (the 4,000-client PeerSim setting): 256 buckets of 1,000
     * events each, then for ten ring years a steady state of 2,000 timers spread over the whole year (one or
     * two per bucket) and 50 messages a few buckets ahead (a few dozen per bucket read), some with payloads.
     * The bucket arrays the queue holds (ring, pools, the bucket being read) must be sized by the events now
     * pending, not by the burst's or by the mean bucket: before, a sparse bucket was given an array sized for
     * the mean of the buckets read or, more often, a burst-sized spare, and arrays for 1.8 million events
     * (about 900 per pending event) were still held in the last three years; now about 11,000 (half of them
     * the smallest arrays of occupied buckets, the rest what the burst left, halved every ring year). The
     * order must not change.
     */
    @Test
    void bucketArraysAreSizedByWhatTheyHoldAfterABurst() {
        int shift = 10;
        EventQueue q = new EventQueue(1L << shift);
        PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
        SplittableRandom rnd = new SplittableRandom(14);
        long seq = 0;
        for (int b = 0; b < 256; b++) {
            for (int k = 0; k < 1000; k++, seq++) {
                long t = ((long) b << shift) + rnd.nextLong(1L << shift);
                q.add(t, rnd.nextLong(), 1, seq, 0, 0, null);
            }
        }
        while (q.poll()) {
            assertTrue(q.time() < 256L << shift);
        }
        long start = 256L << shift;
        long year = (long) EventQueue.RING << shift;
        int timers = 2000;
        int messages = 50;
        for (int i = 0; i < timers + messages; i++, seq++) {
            long t = start + (i < timers ? rnd.nextLong(year - (1L << shift)) : rnd.nextLong(3L << shift));
            int target = i < timers ? 0 : 1;
            q.add(t, seq * 31, 1, seq, target, 0, target == 1 && seq % 3 == 0 ? tagged((int) seq) : null);
            ref.add(new Ev(t, seq * 31, 1, seq, target));
        }
        long end = start + 10 * year;
        long maxCapacity = 0;
        long polled = 0;
        while (!ref.isEmpty()) {
            assertTrue(q.poll());
            Ev e = ref.poll();
            assertEquals(e, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()));
            assertEquals(e.seq() % 3 == 0 && e.target() == 1, q.payload() != null, "payload of event " + e.seq());
            // A timer comes back within the year; a message a few buckets ahead.
            long t = q.time() + 1 + (q.target() == 0 ? rnd.nextLong(year - (2L << shift)) : rnd.nextLong(3L << shift));
            if (t < end) {
                q.add(t, seq * 31, 1, seq, q.target(), 0, q.target() == 1 && seq % 3 == 0 ? tagged((int) seq) : null);
                ref.add(new Ev(t, seq * 31, 1, seq, q.target()));
            }
            seq++;
            if (++polled % 4096 == 0 && q.time() > start + 7 * year) {
                maxCapacity = Math.max(maxCapacity, q.bucketCapacity());
            }
        }
        int pending = timers + messages;
        assertTrue(maxCapacity <= 4L * pending + (long) EventQueue.MIN_EVENTS * EventQueue.RING,
                "bucket arrays could take " + maxCapacity + " events with " + pending + " pending");
        assertTrue(q.spareArrays() > 0, "some arrays are kept for reuse");
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

    /**
     * The engine peeks at the end of every window, before another rank's messages for the next window arrive.
     * A rank whose only pending event is a far timer must still put those messages in the ring: peeking used to
     * load the timer's bucket, moving the queue's position there, and every later event for an earlier time went
     * to the side heap (on 2 ranks at 30,000 clients, 3.5 M events against 15 k in the ring, and 2 ranks ran
     * slower than 1). The order stays the total order either way.
     */
    @Test
    void peekingAtAFarTimerLeavesLaterMessagesInTheRing() {
        long window = 10 * Ticks.MS;
        EventQueue q = new EventQueue(window / 32);
        SplittableRandom rnd = new SplittableRandom(0x9EE4L);
        PriorityQueue<Ev> ref = new PriorityQueue<>(ORDER);
        Ev timer = new Ev(1800 * Ticks.SECOND, rnd.nextLong(), 1, 0, 0);
        q.add(timer.time, timer.key, timer.source, timer.seq, timer.target, 1, null);
        ref.add(timer);
        assertEquals(timer.time, q.peekTime());
        long seq = 1;
        for (long start = window; start < 200 * window; start += window) {
            for (int k = 0; k < 50; k++) {
                Ev e = new Ev(start + window + rnd.nextLong(40 * window), rnd.nextLong(), 2 + k, seq++, k);
                q.add(e.time, e.key, e.source, e.seq, e.target, 1, null);
                ref.add(e);
            }
            assertEquals(0, q.sideEvents(), "messages in the side heap after the window at " + Ticks.format(start));
            long end = start + window;
            while (q.peekTime() < end) {
                Ev want = ref.poll();
                assertTrue(q.poll());
                assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()));
            }
        }
        while (!ref.isEmpty()) {
            Ev want = ref.poll();
            assertTrue(q.poll());
            assertEquals(want, new Ev(q.time(), q.key(), q.source(), q.seq(), q.target()));
        }
        assertFalse(q.poll());
    }
}
