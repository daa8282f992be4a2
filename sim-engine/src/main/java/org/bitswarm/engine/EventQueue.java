package org.bitswarm.engine;

import java.util.Arrays;

/**
 * A rank's pending events, removed in the engine's total event order (time, key, source, sequence), where key is
 * a keyed hash of (source, sequence). Because the order uses only what the event itself carries, it is the same
 * whichever rank holds the event and in whatever order events arrived: this is what makes results independent
 * of the partition (ns-3's per-rank counters are not).
 *
 * <h2>Structure</h2>
 * A calendar queue (R. Brown, "Calendar queues: a fast O(1) priority queue implementation for the simulation
 * event set problem", CACM 31(10), 1988) with the sorted-bucket and overflow tiers of a ladder queue (Tang, Goh
 * and Thng, ACM TOMACS 15(3), 2005), specialised for windowed simulation:
 * <ul>
 *   <li>Time is cut into buckets of {@code 2^shift} ticks. A ring of {@value #RING} buckets covers the buckets
 *       after the one being consumed; an event is appended, unsorted, to its bucket in O(1).</li>
 *   <li>The earliest non-empty bucket is taken out whole and sorted once (a primitive sort of
 *       (offset in bucket, index) pairs, ties in time then ordered by key, source and sequence), then read in
 *       order. A window of the engine spans a few dozen buckets, so every event is sorted once in a small,
 *       cache-resident batch instead of sifting through a heap of every pending event.</li>
 *   <li>Events later than the ring's year go to an overflow {@link EventHeap} and move into the ring when it
 *       reaches them; events added in or before the bucket being read (a timer shorter than a bucket) go to a
 *       small side heap that is merged with the sorted bucket on removal.</li>
 *   <li>The width adapts: wider when many events land beyond the year, narrower when buckets grow huge.</li>
 * </ul>
 * It replaced a 4-ary heap, which spent most of its time in cache misses while sifting; the README's benchmark
 * table has {@code bench.HoldBench}'s figures for both.
 */
public final class EventQueue {
    /** Buckets in the ring; a power of two. */
    static final int RING = 4096;
    private static final int MASK = RING - 1;
    /** Longs per event in a bucket: time, key, source, sequence, target << 32 | kind. */
    private static final int STRIDE = 5;
    private static final int MIN_SHIFT = 1;
    private static final int MAX_SHIFT = 31;
    /** Events added between two looks at the width. */
    static final int RETUNE_EVERY = 8192;
    /** Mean events per bucket read above which buckets are narrowed. */
    static final int DENSE = 65536;

    private int shift;
    /** Index of the bucket being read; the ring holds buckets base+1 .. base+RING. */
    private long base;
    private int size;

    private final long[][] ringData = new long[RING][];
    private final Object[][] ringPayload = new Object[RING][];
    private final int[] ringCount = new int[RING];
    private final long[] occupied = new long[RING / 64];
    private int ringSize;
    /**
     * Bucket arrays come in size classes: class {@code c} holds {@code MIN_EVENTS << c} events. A bucket starts
     * with the smallest and moves up one class each time it fills, so an array is sized by what its bucket
     * holds now (at most twice that, or {@value #MIN_EVENTS}), whatever buckets held before. Arrays are
     * sized by the bucket's own count because most of the ring's buckets hold a few timers while the next few
     * hold hundreds of messages: one size for all (the running mean of buckets read, as before) gave every
     * sparse bucket a dense bucket's array, and after the flash crowd of the 4,000-client PeerSim setting the
     * ring and its spares held ~3,900 arrays of ~1,000 events each (40 KB per client) that kept circulating
     * for the rest of the run.
     */
    static final int MIN_EVENTS = 4;
    private static final int CLASSES = 27;
    /**
     * Arrays given back (a bucket read out, or left behind when its bucket moved up a class), kept per class
     * for reuse; payload arrays apart, since most buckets carry none. In steady state each class gives back
     * about as many arrays as it hands out, but a burst leaves many behind, so the pools are trimmed like an
     * allocator's free lists: every {@value #TRIM_EVERY} buckets read (a ring's year), half of each pool's
     * arrays that stayed unused the whole time (its low-water mark since the last trim) are released. A
     * shorter period released arrays that the next busy moment needed again: trimming every 128 buckets
     * tripled the bytes allocated for buckets.
     */
    static final int TRIM_EVERY = RING;
    private final Pools dataPools = new Pools();
    private final Pools payloadPools = new Pools();
    private int loadsSinceTrim;
    /**
     * Buckets after the one being read in which a bucket that starts is given an array for {@link #meanEvents}
     * events rather than the smallest: messages land there, a lookahead (32 buckets at the engine's width) or
     * two ahead, and fill their bucket, so starting small would only copy them up class by class (about 10 %
     * more time per event in {@code bench.HoldBench} at 200 events a bucket). Timers, beyond, start small. This
     * bounds what sparse buckets can waste to this many mean-sized arrays.
     */
    static final int NEAR = 128;
    /** The largest class a bucket starts with (4,096 events). */
    private static final int START_CLASS_MAX = 10;
    /** Running mean (weight 1/8) of the events in the buckets read. */
    private int meanEvents;

    // The bucket being read: its events, their order (offset << 32 | index) and the read position.
    private long[] runData = new long[0];
    private Object[] runPayload;
    private long[] order;
    private final RadixSort radix = new RadixSort();
    /** Merge buffer for runs of equal times, kept between buckets. */
    private long[] tieScratch = new long[16];
    private int runPos;
    private int runLen;

    // What retune() looks at: where recent events went, and how full the buckets read were.
    private long addsRing;
    private long addsFar;
    private long addsNear;
    /**
     * Of {@link #addsNear}, the events added at or before the queue's position (the last event removed, or the
     * first of the bucket being read, whichever is later): they go to the side heap at any width, so they say
     * nothing about the width.
     * The engine adds many: it peeks at the next event before running a window, and timers set on a common
     * period (every client's rechoke every 10 s) land exactly on the next event's time.
     */
    private long addsNow;
    /** Time of the first event of the bucket last loaded. */
    private long runHead = Long.MIN_VALUE;
    private long addsSinceRebucket;
    private long loads;
    private long loadedEvents;
    private int rebuckets;

    private final EventHeap near = new EventHeap(64);
    private final EventHeap far = new EventHeap(64);

    // The event last removed by poll().
    private long time;
    private long key;
    private long source;
    private long seq;
    private int target;
    private int kind;
    private Payload payload;

    /** A queue with buckets of about one millisecond. */
    public EventQueue() {
        this(Ticks.MS);
    }

    /**
     * A queue whose buckets are {@code bucketTicks} wide, rounded down to a power of two between 2 and 2^31
     * ticks, as a start: the queue widens or narrows its buckets as it sees where events fall. Any width gives
     * the same order; a width that puts some hundreds to a few thousand events in a bucket is fastest. The
     * engine starts from a 32nd of its lookahead.
     */
    public EventQueue(long bucketTicks) {
        long w = Math.max(1L << MIN_SHIFT, Math.min(1L << MAX_SHIFT, bucketTicks));
        this.shift = 63 - Long.numberOfLeadingZeros(w);
        this.base = (Long.MIN_VALUE >> shift) - 1;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Time of the earliest event, or {@link Ticks#NEVER} when empty. It changes nothing: when the bucket being
     * read is done, the next bucket is looked at, not loaded. Loading it would move the queue's position to
     * that bucket, and the engine peeks at the end of every window, before another rank's messages for the
     * next window arrive. A rank whose earliest event was a far timer then had its position moved to that
     * timer (when the ring was empty, the overflow heap's head), and every event added afterwards for an
     * earlier time, from then on nearly all of them, went to the side heap: at 30,000 clients on 2 ranks one
     * rank put 3.5 M events there and 15 k in the ring, and 2 ranks ran slower than 1.
     */
    public long peekTime() {
        if (size == 0) {
            return Ticks.NEVER;
        }
        if (runPos == runLen && near.size() == 0) {
            return ringSize > 0 ? earliestIn(nextOccupied((int) (base + 1) & MASK)) : far.headTime();
        }
        long t = runPos < runLen ? runData[STRIDE * (int) order[runPos]] : Ticks.NEVER;
        return near.size() > 0 ? Math.min(t, near.headTime()) : t;
    }

    /** The earliest time in ring bucket {@code pos}, which is not empty. */
    private long earliestIn(int pos) {
        long[] d = ringData[pos];
        long t = Long.MAX_VALUE;
        for (int i = 0, n = ringCount[pos]; i < n; i++) {
            t = Math.min(t, d[STRIDE * i]);
        }
        return t;
    }

    public void add(long time, long key, long source, long seq, int target, int kind, Payload payload) {
        long targetKind = (long) target << 32 | (kind & 0xffffffffL);
        size++;
        long b = time >> shift;
        if (b <= base) {
            addsNear++;
            if (time <= this.time || time <= runHead) {
                addsNow++;
            }
            near.add(time, key, source, seq, targetKind, payload);
        } else if (Long.compareUnsigned(b - base, RING) <= 0) {
            addsRing++;
            append((int) b & MASK, time, key, source, seq, targetKind, payload);
        } else {
            addsFar++;
            far.add(time, key, source, seq, targetKind, payload);
        }
        if (addsRing + addsFar + addsNear >= RETUNE_EVERY) {
            retune();
        }
    }

    /** Removes the earliest event; read it through the accessors below. Returns false when empty. */
    public boolean poll() {
        if (size == 0) {
            return false;
        }
        if (runPos == runLen && near.size() == 0) {
            advance();
        }
        size--;
        if (runPos < runLen) {
            int i = (int) order[runPos];
            int o = STRIDE * i;
            long[] d = runData;
            if (near.size() == 0 || !near.headBefore(d[o], d[o + 1], d[o + 2], d[o + 3])) {
                runPos++;
                time = d[o];
                key = d[o + 1];
                source = d[o + 2];
                seq = d[o + 3];
                setTargetKind(d[o + 4]);
                payload = null;
                if (runPayload != null && runPayload[i] != null) {
                    payload = (Payload) runPayload[i];
                    runPayload[i] = null;
                }
                return true;
            }
        }
        near.poll();
        time = near.time;
        key = near.key;
        source = near.source;
        seq = near.seq;
        setTargetKind(near.targetKind);
        payload = near.payload;
        near.payload = null;
        return true;
    }

    private void setTargetKind(long tk) {
        target = (int) (tk >>> 32);
        kind = (int) tk;
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

    private void append(int pos, long time, long key, long source, long seq, long targetKind, Payload payload) {
        int n = ringCount[pos];
        long[] d = ringData[pos];
        if (d == null || STRIDE * (n + 1) > d.length) {
            d = grow(pos, n);
        }
        int o = STRIDE * n;
        d[o] = time;
        d[o + 1] = key;
        d[o + 2] = source;
        d[o + 3] = seq;
        d[o + 4] = targetKind;
        if (payload != null) {
            Object[] p = ringPayload[pos];
            if (p == null) {
                p = takePayload(classOf(d.length / STRIDE));
                ringPayload[pos] = p;
            }
            p[n] = payload;
        }
        if (n == 0) {
            occupied[pos >>> 6] |= 1L << pos;
        }
        ringCount[pos] = n + 1;
        ringSize++;
    }

    /**
     * Moves bucket {@code pos}, holding {@code n} events, to an array of the next class up; a bucket that starts
     * gets the smallest class, or if it is among the next {@value #NEAR} buckets (where messages land, so it
     * will fill) the class of {@link #meanEvents}.
     */
    private long[] grow(int pos, int n) {
        long[] d = ringData[pos];
        int c;
        if (d != null) {
            c = classOf(d.length / STRIDE) + 1;
        } else if (((pos - (int) base - 1) & MASK) < NEAR && meanEvents > MIN_EVENTS) {
            c = Math.min(START_CLASS_MAX, 32 - Integer.numberOfLeadingZeros((meanEvents - 1) / MIN_EVENTS));
        } else {
            c = 0;
        }
        long[] g = takeData(c);
        if (d != null) {
            System.arraycopy(d, 0, g, 0, STRIDE * n);
            giveData(d);
        }
        Object[] p = ringPayload[pos];
        if (p != null) {
            Object[] q = takePayload(c);
            System.arraycopy(p, 0, q, 0, n);
            Arrays.fill(p, 0, n, null);
            givePayload(p);
            ringPayload[pos] = q;
        }
        ringData[pos] = g;
        return g;
    }

    /** The size class of an array of {@code events} events. */
    private static int classOf(int events) {
        return Integer.numberOfTrailingZeros(events / MIN_EVENTS);
    }

    private long[] takeData(int c) {
        if (c >= CLASSES) {
            throw new IllegalStateException("event queue bucket of more than " + (MIN_EVENTS << (CLASSES - 1))
                    + " events");
        }
        long[] d = (long[]) dataPools.take(c);
        return d != null ? d : new long[STRIDE * (MIN_EVENTS << c)];
    }

    private void giveData(long[] d) {
        dataPools.give(classOf(d.length / STRIDE), d);
    }

    /** A payload array of class {@code c}, all null. */
    private Object[] takePayload(int c) {
        Object[] p = (Object[]) payloadPools.take(c);
        return p != null ? p : new Object[MIN_EVENTS << c];
    }

    /** Gives back a payload array whose entries are all null. */
    private void givePayload(Object[] p) {
        payloadPools.give(classOf(p.length), p);
    }

    /** Arrays of one kind given back: a stack per size class, and its low-water mark since the last trim. */
    private static final class Pools {
        private final Object[][] stacks = new Object[CLASSES][];
        private final int[] count = new int[CLASSES];
        private final int[] low = new int[CLASSES];

        /** An array of class {@code c}, or null if none is pooled. */
        Object take(int c) {
            int k = count[c];
            if (k == 0) {
                return null;
            }
            Object a = stacks[c][--k];
            stacks[c][k] = null;
            count[c] = k;
            low[c] = Math.min(low[c], k);
            return a;
        }

        void give(int c, Object a) {
            Object[] st = stacks[c];
            int k = count[c];
            if (st == null || k == st.length) {
                st = stacks[c] = st == null ? new Object[8] : Arrays.copyOf(st, 2 * k);
            }
            st[k] = a;
            count[c] = k + 1;
        }

        /** Releases half of each class's arrays that no bucket needed since the last trim. */
        void trim() {
            for (int c = 0; c < CLASSES; c++) {
                int release = low[c] / 2;
                if (release > 0) {
                    Arrays.fill(stacks[c], count[c] - release, count[c], null);
                    count[c] -= release;
                }
                low[c] = count[c];
                if (stacks[c] != null && stacks[c].length > 8 && count[c] < stacks[c].length / 4) {
                    stacks[c] = Arrays.copyOf(stacks[c], stacks[c].length / 2);
                }
            }
        }

        int count(int c) {
            return count[c];
        }
    }

    /**
     * Makes the earliest non-empty bucket the one being read. Called when the bucket being read is exhausted and
     * the side heap is empty, so every remaining event is in the ring or the overflow heap.
     */
    private void advance() {
        if (ringSize == 0) {
            base = (far.headTime() >> shift) - 1;
            migrate();
        }
        int start = (int) (base + 1) & MASK;
        int pos = nextOccupied(start);
        base += 1 + ((pos - start) & MASK);
        load(pos);
        migrate();
    }

    /**
     * Adapts the bucket width to the events, as a calendar queue resizes (Brown 1988): four times wider when
     * more than a quarter of recent events fell beyond the ring's year (they pay the overflow heap's cost);
     * half as wide when more than half fell into the bucket being read after the queue's position (they pay the
     * side heap's cost, which a narrower bucket would spare them; events at the position itself, see
     * {@link #addsNow}, are not counted) or when buckets hold tens of thousands of events (sorting them stops
     * fitting in cache). A change moves every event, so it waits until at least twice as many events as are
     * pending have been added since the last one: that keeps its cost a constant per event even if the width
     * were to swing back and forth.
     */
    private void retune() {
        // Events at the queue's position are left out. Counted, they narrowed the buckets at any width, and
        // since widening needs fewer than a quarter of the adds in the side heap, nothing widened them again:
        // the PeerSim setting at 1k clients, once its swarm had finished, went from 2^22 to 2^9 ticks in its
        // last 1,000 s (one move of every event a minute) while every add landed on the next event's time.
        long later = addsNear - addsNow;
        long adds = addsRing + addsFar + later;
        int want = shift;
        if (addsFar * 4 > adds && later * 4 < adds) {
            want = Math.min(MAX_SHIFT, shift + 2);
        } else if ((later * 2 > adds || loadedEvents > DENSE * loads) && addsFar * 4 < adds) {
            want = Math.max(MIN_SHIFT, shift - 1);
        }
        addsSinceRebucket += adds + addsNow;
        addsNear = 0;
        addsRing = 0;
        addsFar = 0;
        addsNow = 0;
        loads = 0;
        loadedEvents = 0;
        if (want != shift && addsSinceRebucket >= 2L * size) {
            rebucket(want);
            addsSinceRebucket = 0;
        }
    }

    /**
     * Moves every event (the rest of the bucket being read, the side heap and the ring) to the overflow heap,
     * changes the width, and refills the ring from the overflow heap for the year that now starts at the
     * earliest event.
     */
    private void rebucket(int newShift) {
        for (int k = runPos; k < runLen; k++) {
            int i = (int) order[k];
            int o = STRIDE * i;
            Payload payload = runPayload == null ? null : (Payload) runPayload[i];
            far.add(runData[o], runData[o + 1], runData[o + 2], runData[o + 3], runData[o + 4], payload);
            if (runPayload != null) {
                runPayload[i] = null;
            }
        }
        runPos = 0;
        runLen = 0;
        while (near.size() > 0) {
            near.poll();
            far.add(near.time, near.key, near.source, near.seq, near.targetKind, near.payload);
            near.payload = null;
        }
        for (int pos = 0; pos < RING; pos++) {
            int n = ringCount[pos];
            long[] d = ringData[pos];
            Object[] p = ringPayload[pos];
            for (int i = 0; i < n; i++) {
                int o = STRIDE * i;
                Payload payload = p == null ? null : (Payload) p[i];
                far.add(d[o], d[o + 1], d[o + 2], d[o + 3], d[o + 4], payload);
                if (p != null) {
                    p[i] = null;
                }
            }
            ringCount[pos] = 0;
            if (d != null) {
                giveData(d);
                ringData[pos] = null;
            }
            if (p != null) {
                givePayload(p);
                ringPayload[pos] = null;
            }
        }
        Arrays.fill(occupied, 0);
        ringSize = 0;
        shift = newShift;
        base = (far.headTime() >> shift) - 1;
        // The overflow heap may hold only events beyond the ring's year: give the ring what it now covers.
        migrate();
        rebuckets++;
    }

    /** The current bucket width is {@code 2^bucketShift()} ticks. */
    int bucketShift() {
        return shift;
    }

    /** Bucket arrays (of events, not of payloads) kept for reuse. */
    int spareArrays() {
        int n = 0;
        for (int c = 0; c < CLASSES; c++) {
            n += dataPools.count(c);
        }
        return n;
    }

    /**
     * Events that all the bucket arrays the queue holds could take: the ring's, the one being read and the
     * pools'. What a bucket array costs is this times {@value #STRIDE} longs.
     */
    long bucketCapacity() {
        long n = runData.length / STRIDE;
        for (long[] d : ringData) {
            n += d == null ? 0 : d.length / STRIDE;
        }
        for (int c = 0; c < CLASSES; c++) {
            n += (long) dataPools.count(c) * (MIN_EVENTS << c);
        }
        return n;
    }

    /** Events in the ring (not counting the bucket being read). */
    int ringEvents() {
        return ringSize;
    }

    /** Events in the side heap (added in or before the bucket being read). */
    int sideEvents() {
        return near.size();
    }

    /** Events in the overflow heap (beyond the ring's year). */
    int overflowEvents() {
        return far.size();
    }

    /** How many times the width has changed. */
    int rebuckets() {
        return rebuckets;
    }

    /** Moves overflow events that the ring now covers (buckets up to base + RING) into the ring. */
    private void migrate() {
        while (far.size() > 0 && Long.compareUnsigned((far.headTime() >> shift) - base, RING) <= 0) {
            far.poll();
            append((int) (far.time >> shift) & MASK, far.time, far.key, far.source, far.seq, far.targetKind,
                    far.payload);
            far.payload = null;
        }
    }

    private int nextOccupied(int start) {
        int w = start >>> 6;
        long bits = occupied[w] & (-1L << start);
        for (int k = 0; k <= occupied.length; k++) {
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
            w = (w + 1) % occupied.length;
            bits = occupied[w];
        }
        throw new IllegalStateException("event queue ring is marked non-empty but has no bucket");
    }

    /** Takes bucket {@code pos} (index {@link #base}) out of the ring and sorts it into {@link #order}. */
    private void load(int pos) {
        if (runData.length > 0) {
            giveData(runData);
            if (runPayload != null) {
                givePayload(runPayload);
            }
        }
        if (++loadsSinceTrim >= TRIM_EVERY) {
            dataPools.trim();
            payloadPools.trim();
            loadsSinceTrim = 0;
        }
        runData = ringData[pos];
        runPayload = ringPayload[pos];
        runLen = ringCount[pos];
        runPos = 0;
        ringData[pos] = null;
        ringPayload[pos] = null;
        ringCount[pos] = 0;
        occupied[pos >>> 6] &= ~(1L << pos);
        ringSize -= runLen;
        loads++;
        loadedEvents += runLen;
        meanEvents += (runLen - meanEvents) >> 3;
        sortRun();
        runHead = runData[STRIDE * (int) order[0]];
    }

    private void sortRun() {
        long start = base << shift;
        long[] d = runData;
        long[] keys = radix.buffer(runLen);
        for (int i = 0; i < runLen; i++) {
            keys[i] = (d[STRIDE * i] - start) << 32 | i;
        }
        order = radix.sort(runLen, 32, shift);
        for (int i = 0; i < runLen; ) {
            long t = order[i] >>> 32;
            int j = i + 1;
            while (j < runLen && order[j] >>> 32 == t) {
                j++;
            }
            if (j - i > 1) {
                sortTies(i, j);
            }
            i = j;
        }
    }

    /** Orders {@code order[from, to)}, events with equal times, by (key, source, sequence): a merge sort. */
    private void sortTies(int from, int to) {
        if (tieScratch.length < to - from) {
            tieScratch = new long[Math.max(to - from, 2 * tieScratch.length)];
        }
        mergeSort(from, to, tieScratch);
    }

    private void mergeSort(int from, int to, long[] tmp) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(from, mid, tmp);
        mergeSort(mid, to, tmp);
        int a = from;
        int b = mid;
        int k = 0;
        while (a < mid && b < to) {
            tmp[k++] = tieBefore(order[b], order[a]) ? order[b++] : order[a++];
        }
        while (a < mid) {
            tmp[k++] = order[a++];
        }
        while (b < to) {
            tmp[k++] = order[b++];
        }
        System.arraycopy(tmp, 0, order, from, k);
    }

    /** For two entries of {@link #order} with the same time: true if x comes strictly before y. */
    private boolean tieBefore(long x, long y) {
        int a = STRIDE * (int) x;
        int b = STRIDE * (int) y;
        long[] d = runData;
        for (int f = 1; f < 4; f++) {
            if (d[a + f] != d[b + f]) {
                return d[a + f] < d[b + f];
            }
        }
        return false;
    }
}
