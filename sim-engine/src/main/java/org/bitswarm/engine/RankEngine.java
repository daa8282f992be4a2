package org.bitswarm.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import umontreal.ssj.rng.RandomStream;

/**
 * Runs one rank of a conservative, window-synchronous parallel simulation.
 *
 * <h2>The window protocol</h2>
 * All ranks run the events in the half-open window [T, T+L), where L is the model's lookahead and T the
 * smallest pending event time over all ranks, then swap the window's messages and agree on the next T. This
 * is YAWNS (Nicol, "The cost of conservative synchronization in parallel discrete event simulations",
 * JACM 40(2), 1993) and the granted-time window of ns-3's {@code DistributedSimulatorImpl}, with two changes:
 * <ul>
 *   <li>The window is half-open, and every message to another entity carries a delay of at least L, checked
 *       when it is sent. A message sent inside [T, T+L) is therefore stamped at or after T+L and never belongs
 *       to the window being run, whatever rank its destination is on. A cross-rank message stamped inside the
 *       window is rejected at once ({@link LookaheadViolation}), as ROSS does.</li>
 *   <li>One window costs one {@link Transport#allToAll} of fixed blocks per rank pair (a header with the
 *       rank's lower bound on its next event, a stop flag and counts, and the messages when they fit) and,
 *       only if some rank's messages do not fit, one {@link Transport#allToAllBytes} for the rest
 *       ({@link WindowExchange}). The lower bound is min(head of the local queue, earliest message sent this
 *       window), so the next T is known before the messages are delivered: no separate reduction is needed
 *       and nothing can be in flight unaccounted. Idle stretches are skipped
 *       because T jumps to the next event, not to T+L.</li>
 * </ul>
 * The run ends when the next T is {@link Ticks#NEVER} (every rank idle, nothing in flight), when it reaches
 * the end time, or after a window in which an entity requested a stop. T, and so every window, depends only
 * on the global set of events, never on the number of ranks.
 *
 * <h2>Event order</h2>
 * See {@link EventQueue}: (time, keyed hash of (source, sequence), source, sequence). Sequence numbers count
 * the events each entity creates, so they too are independent of the partition.
 *
 * <h2>Running a window</h2>
 * The window's events are taken out of the queue and run entity by entity, each entity's in the total order,
 * merged with the timers it sets inside the window. Nothing sent inside [T, T+L) can reach another entity
 * before T+L, so this executes exactly what a sequential simulator would (SequentialReferenceTest checks
 * it against one) while fetching an entity's state once per window instead of once per event.
 */
public final class RankEngine {
    private final Model model;
    private final Transport transport;
    private final RunConfig cfg;
    private final int rank;
    private final int ranks;
    private final long count;
    private final long lookahead;
    private final long orderKey;
    private final PayloadCodec codec;
    private final RandomStreams streamFactory;

    private final int[] ownerRank;
    private final int[] localIndex;
    private final long[] localIds;
    private final Entity[] entities;
    /** Per local entity, packed into one cache line's worth: sequence, chain A, chain B, events executed. */
    private final long[] state;
    private static final int SEQ = 0;
    private static final int CHAIN_A = 1;
    private static final int CHAIN_B = 2;
    private static final int EXECUTED = 3;
    /** Streams by local entity * PURPOSES + purpose, created on first use; flat to save a cache miss. */
    private final RandomStream[] streams;

    private final EventQueue queue;
    private final WindowBatch batch = new WindowBatch();
    /** Timers that entities set inside the window being run; they belong to the entity being run. */
    private final EventHeap timers = new EventHeap(64);
    /** Bits that hold any local entity index. */
    private final int entityBits;
    private final WindowExchange exchange;
    private final ByteWriter payloadScratch = new ByteWriter(256);
    private final List<TraceRecord> trace = new ArrayList<>();
    private final ContextImpl ctx = new ContextImpl();

    private long outMin = Ticks.NEVER;
    private long now;
    private int current;
    private long windowEnd;
    private boolean stopRequested;
    private boolean stopAll;
    private long events;
    private long windows;
    private long globalEvents;
    private long lastEventTime;
    private long syncNanos;

    public RankEngine(Model model, Transport transport, RunConfig cfg) {
        this.model = model;
        this.transport = transport;
        this.cfg = cfg;
        this.rank = transport.rank();
        this.ranks = transport.size();
        this.count = model.entityCount();
        this.lookahead = model.lookahead();
        if (count < 1 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("entity count out of range: " + count);
        }
        if (lookahead < 1) {
            throw new IllegalArgumentException("lookahead must be at least 1 tick: " + lookahead);
        }
        this.orderKey = orderKey(cfg.seed(), cfg.replication());
        // A 32nd of the lookahead per bucket: a window spans about 32 buckets, each sorted once in cache.
        this.queue = new EventQueue(lookahead / 32);
        this.codec = model.codec();
        this.streamFactory = new RandomStreams(cfg.seed(), cfg.replication());

        int n = (int) count;
        ownerRank = new int[n];
        localIndex = new int[n];
        int local = 0;
        Partitioner p = model.partitioner();
        for (int id = 0; id < n; id++) {
            int r = p.rankOf(id, count, ranks);
            if (r < 0 || r >= ranks) {
                throw new IllegalStateException("partitioner put entity " + id + " on rank " + r + " of " + ranks);
            }
            ownerRank[id] = r;
            localIndex[id] = r == rank ? local++ : -1;
        }
        entityBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, local - 1));
        localIds = new long[local];
        entities = new Entity[local];
        state = new long[4 * local];
        streams = new RandomStream[Math.multiplyExact(local, RandomStreams.PURPOSES)];
        for (int id = 0; id < n; id++) {
            if (localIndex[id] >= 0) {
                localIds[localIndex[id]] = id;
            }
        }
        exchange = new WindowExchange(transport);
    }

    /** The key of the keyed hash that orders events with equal times: a function of the seed and replication. */
    static long orderKey(long seed, int replication) {
        return Mix.splitmix(seed ^ Mix.splitmix(replication + 0x5851F42D4C957F2DL));
    }

    /** Runs the model to its end; the returned result is complete on rank 0 only. */
    @SuppressForbidden(reason = "wall-clock figures for the manifest; they never reach the model")
    public RunResult run() {
        long wallStart = System.nanoTime();
        for (int i = 0; i < entities.length; i++) {
            current = i;
            entities[i] = model.createEntity(localIds[i]);
        }
        for (int i = 0; i < entities.length; i++) {
            current = i;
            entities[i].start(ctx);
        }
        long next = exchange();
        while (next != Ticks.NEVER && next < cfg.endTime() && !stopAll) {
            windowEnd = Math.min(Ticks.addSaturating(next, lookahead), cfg.endTime());
            runWindow(next);
            windows++;
            next = exchange();
            if (rank == 0) {
                cfg.listener().windowDone(next, globalEvents, windows);
            }
        }
        if (rank == 0) {
            cfg.listener().runDone(next, globalEvents, windows);
        }
        long crossBytes = exchange.messageBytes();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return finish(crossBytes, wall);
    }

    /**
     * Runs the window's events entity by entity. This gives the same result as running them in the total
     * order: within [T, T+L) no event can reach another entity (every cross-entity delay is at least L), so an
     * entity's events in the window depend only on its own earlier events, and entities share no state
     * ({@link Entity}). Each entity still sees its own events in the total order, merged with the timers it
     * sets inside the window. Grouping fetches an entity's state, stream and object once per window rather
     * than once per event; in PHOLD with 10^4 entities that took the time per event from 189 to 161 ns.
     */
    private void runWindow(long windowStart) {
        int n = batch.fill(queue, windowEnd);
        batch.group(entityBits);
        long latest = lastEventTime;
        for (int k = 0; k < n; ) {
            int end = batch.groupEnd(k);
            runEntity(batch.target(k), k, end, windowStart);
            latest = Math.max(latest, now);
            k = end;
        }
        lastEventTime = latest;
    }

    /** Runs events [from, to) of the batch, all for local entity {@code target}, and the timers they set. */
    private void runEntity(int target, int from, int to, long windowStart) {
        current = target;
        now = windowStart;
        int k = from;
        while (k < to || timers.size() > 0) {
            if (k < to && (timers.size() == 0
                    || !timers.headBefore(batch.time(k), batch.key(k), batch.source(k), batch.seq(k)))) {
                execute(batch.time(k), batch.key(k), batch.source(k), batch.seq(k), batch.kind(k),
                        batch.takePayload(k));
                k++;
            } else {
                timers.poll();
                Payload p = timers.payload;
                timers.payload = null;
                execute(timers.time, timers.key, timers.source, timers.seq, (int) timers.targetKind, p);
            }
        }
    }

    private void execute(long t, long key, long source, long seq, int kind, Payload payload) {
        int target = current;
        if (t < now) {
            throw new IllegalStateException("virtual time went back from " + now + " to " + t);
        }
        now = t;
        long pd = payloadDigest(payload);
        int b = 4 * target;
        long h = TraceDigest.event(t, source, kind, pd);
        state[b + CHAIN_A] = TraceDigest.chainA(state[b + CHAIN_A], h);
        state[b + CHAIN_B] = TraceDigest.chainB(state[b + CHAIN_B], h);
        state[b + EXECUTED]++;
        events++;
        if (cfg.trace()) {
            trace.add(new TraceRecord(t, key, source, seq, localIds[target], model.describe(kind, payload)));
        }
        entities[target].handle(ctx, source, kind, payload);
    }

    private long payloadDigest(Payload p) {
        if (p == null) {
            return 0;
        }
        payloadScratch.reset();
        p.encode(payloadScratch);
        return Mix.bytes(payloadScratch.array(), payloadScratch.size());
    }

    private void deliver(long dest, long time, int kind, Payload payload) {
        int me = current;
        long src = localIds[me];
        long seq = state[4 * me + SEQ]++;
        int r = ownerRank[(int) dest];
        if (r == rank) {
            int li = localIndex[(int) dest];
            long key = Mix.hash(orderKey, src, seq);
            if (time < windowEnd) {
                // Only a timer of the entity being run can land inside the window (send() enforces L).
                if (li != me) {
                    throw new IllegalStateException("entity " + src + " reached entity " + dest + " inside the window");
                }
                timers.add(time, key, src, seq, (long) li << 32 | (kind & 0xffffffffL), payload);
            } else {
                queue.add(time, key, src, seq, li, kind, payload);
            }
            return;
        }
        if (time < windowEnd) {
            throw new LookaheadViolation("cross-rank message from entity " + src + " to " + dest + " stamped "
                    + Ticks.format(time) + " s, inside the current window ending " + Ticks.format(windowEnd) + " s");
        }
        ByteWriter w = exchange.outbox[r];
        w.putLong(time).putLong(src).putLong(seq).putLong(dest).putInt(kind);
        if (payload == null) {
            w.putInt(-1);
        } else {
            payloadScratch.reset();
            payload.encode(payloadScratch);
            w.putBytes(payloadScratch.array(), 0, payloadScratch.size());
        }
        outMin = Math.min(outMin, time);
    }

    /** The end of a window: swap messages, agree on the next window start and on stopping. */
    @SuppressForbidden(reason = "measures the synchronisation share")
    private long exchange() {
        // Before the clock starts: peekTime may scan the next bucket, which is the model's work, not sync.
        long localMin = Math.min(queue.peekTime(), outMin);
        long t0 = System.nanoTime();
        exchange.exchange(localMin, stopRequested, events);
        stopAll |= exchange.stop();
        globalEvents = exchange.events();
        for (int r = 0; r < ranks; r++) {
            receive(exchange.from(r), r);
        }
        outMin = Ticks.NEVER;
        syncNanos += System.nanoTime() - t0;
        return exchange.next();
    }

    private void receive(ByteReader in, int from) {
        while (in.hasMore()) {
            long time = in.getLong();
            long src = in.getLong();
            long seq = in.getLong();
            long dest = in.getLong();
            int kind = in.getInt();
            int len = in.getInt();
            Payload payload = null;
            if (len >= 0) {
                payload = codec.decode(kind, in.slice(len));
                if (payload == null) {
                    throw new IllegalStateException("the model's codec cannot decode event kind " + kind);
                }
            }
            int li = dest >= 0 && dest < count ? localIndex[(int) dest] : -1;
            if (li < 0) {
                throw new IllegalStateException("rank " + rank + " got a message from rank " + from
                        + " for entity " + dest + ", which it does not own");
            }
            queue.add(time, Mix.hash(orderKey, src, seq), src, seq, li, kind, payload);
        }
    }

    private RunResult finish(long crossBytes, double wall) {
        ByteWriter w = new ByteWriter(64 + entities.length * 48);
        w.putLong(events).putLong(lastEventTime).putLong(crossBytes).putInt(entities.length);
        ByteWriter rep = new ByteWriter(256);
        for (int i = 0; i < entities.length; i++) {
            rep.reset();
            entities[i].report(rep);
            int b = 4 * i;
            w.putLong(localIds[i]).putLong(state[b + EXECUTED]).putLong(state[b + CHAIN_A]).putLong(state[b + CHAIN_B]);
            w.putBytes(rep.array(), 0, rep.size());
        }
        w.putInt(trace.size());
        for (TraceRecord t : trace) {
            w.putLong(t.time).putLong(t.key).putLong(t.source).putLong(t.seq).putLong(t.dest).putString(t.text);
        }
        byte[][] all = transport.gather(w.toByteArray());
        double sync = syncNanos / 1e9;
        if (rank != 0) {
            return new RunResult(events, windows, lastEventTime, null, List.of(), List.of(), new long[] {events},
                    crossBytes, wall, sync);
        }
        return merge(all, wall, sync);
    }

    private RunResult merge(byte[][] all, double wall, double sync) {
        long totalEvents = 0;
        long last = 0;
        long cross = 0;
        long[] perRank = new long[all.length];
        long[][] digests = new long[(int) count][];
        RunResult.EntityReport[] reports = new RunResult.EntityReport[(int) count];
        List<TraceRecord> merged = new ArrayList<>();
        for (int r = 0; r < all.length; r++) {
            ByteReader in = new ByteReader(all[r]);
            perRank[r] = in.getLong();
            totalEvents += perRank[r];
            last = Math.max(last, in.getLong());
            cross += in.getLong();
            int n = in.getInt();
            for (int i = 0; i < n; i++) {
                long id = in.getLong();
                digests[(int) id] = new long[] {in.getLong(), in.getLong(), in.getLong()};
                reports[(int) id] = new RunResult.EntityReport(id, in.getBytes());
            }
            int traced = in.getInt();
            for (int i = 0; i < traced; i++) {
                merged.add(new TraceRecord(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                        in.getString()));
            }
        }
        TraceDigest.Sha sha = new TraceDigest.Sha();
        for (int id = 0; id < count; id++) {
            long[] d = digests[id];
            sha.add(id, d[0], d[1], d[2]);
        }
        merged.sort(TraceRecord.ORDER);
        List<String> lines = new ArrayList<>(merged.size());
        for (TraceRecord t : merged) {
            lines.add(Ticks.format(t.time) + " " + t.source + " -> " + t.dest + " " + t.text);
        }
        return new RunResult(totalEvents, windows, last, sha.hex(), List.of(reports), lines, perRank, cross, wall,
                sync);
    }

    private record TraceRecord(long time, long key, long source, long seq, long dest, String text) {
        static final Comparator<TraceRecord> ORDER = Comparator.comparingLong(TraceRecord::time)
                .thenComparingLong(TraceRecord::key).thenComparingLong(TraceRecord::source)
                .thenComparingLong(TraceRecord::seq);
    }

    private final class ContextImpl implements Context {
        @Override
        public long now() {
            return now;
        }

        @Override
        public long self() {
            return localIds[current];
        }

        @Override
        public long entityCount() {
            return count;
        }

        @Override
        public long lookahead() {
            return lookahead;
        }

        @Override
        public void send(long dest, long delay, int kind, Payload payload) {
            if (dest < 0 || dest >= count) {
                throw new IllegalArgumentException("entity " + self() + " sent to unknown entity " + dest);
            }
            if (dest == self()) {
                schedule(delay, kind, payload);
                return;
            }
            if (delay < lookahead) {
                throw new LookaheadViolation("entity " + self() + " at " + Ticks.format(now) + " s sent to entity "
                        + dest + " with delay " + Ticks.format(delay) + " s, below the lookahead of "
                        + Ticks.format(lookahead) + " s");
            }
            deliver(dest, Ticks.add(now, delay), kind, payload);
        }

        @Override
        public void schedule(long delay, int kind, Payload payload) {
            if (delay < 0) {
                throw new IllegalArgumentException("entity " + self() + " scheduled a timer " + delay + " ticks in the past");
            }
            deliver(self(), Ticks.add(now, delay), kind, payload);
        }

        @Override
        public RandomStream random(int purpose) {
            if (purpose < 0 || purpose >= RandomStreams.PURPOSES) {
                throw new IllegalArgumentException("random purpose out of range: " + purpose);
            }
            int i = current * RandomStreams.PURPOSES + purpose;
            RandomStream s = streams[i];
            if (s == null) {
                s = streamFactory.stream(localIds[current], purpose);
                streams[i] = s;
            }
            return s;
        }

        @Override
        public void requestStop() {
            stopRequested = true;
        }
    }
}
