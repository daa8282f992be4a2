package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;
import umontreal.ssj.rng.RandomStream;

/**
 * The engine against a plain sequential simulator: one priority queue in the total order (time, key, source,
 * sequence), one event at a time. The engine runs each window entity by entity, with timers set inside the
 * window merged in; this test shows that it executes exactly what the sequential simulator executes, on any
 * number of ranks. The model makes every entity's future depend on the exact order of everything it has
 * seen: it folds each event into a hash that then picks its next delays and destinations, with timers of zero
 * and sub-lookahead delay and many ties in time.
 */
class SequentialReferenceTest {
    private static final long L = 1000;
    private static final int N = 40;
    private static final long END = 300 * L;

    /** Entities whose choices hash everything they have seen, in the order they saw it. */
    private record Chatter() implements Model {
        @Override
        public long entityCount() {
            return N;
        }

        @Override
        public long lookahead() {
            return L;
        }

        @Override
        public Entity createEntity(long id) {
            return new Entity() {
                private long h = id;
                private long handled;

                @Override
                public void start(Context ctx) {
                    ctx.schedule(0, 0, null);
                    ctx.schedule((id * 37) % L, 1, null);
                    ctx.send((id + 1) % N, L, 2, null);
                }

                @Override
                public void handle(Context ctx, long source, int kind, Payload payload) {
                    h = Mix.hash(h ^ kind, ctx.now(), source);
                    handled++;
                    long r = h >>> 1;
                    if (handled > 2000) {
                        return;
                    }
                    // One event out per event in, on average: two in case 2, none in case 3.
                    switch ((int) (r % 6)) {
                        case 0 -> ctx.schedule(((r >>> 8) % 5) * 100, 1, null);
                        case 1 -> ctx.schedule(0, 3, null);
                        case 2 -> {
                            ctx.send(other(r >>> 16), L, 2, null);
                            ctx.schedule(((r >>> 40) % 3) * 300, 4, null);
                        }
                        case 3 -> { }
                        default -> ctx.send(other(r >>> 16), L + ((r >>> 24) % 20) * 100, 2, null);
                    }
                }

                private long other(long r) {
                    long d = r % (N - 1);
                    return d >= id ? d + 1 : d;
                }

                @Override
                public void report(ByteWriter out) {
                    out.putLong(h).putLong(handled);
                }
            };
        }
    }

    private record Ev(long time, long key, long source, long seq, int dest, int kind) {}

    /** The sequential simulator: every event in the total order, one queue, no windows. */
    private static long[][] runSequential(Model model, long seed) {
        long orderKey = RankEngine.orderKey(seed, 0);
        PriorityQueue<Ev> queue = new PriorityQueue<>(Comparator.comparingLong(Ev::time).thenComparingLong(Ev::key)
                .thenComparingLong(Ev::source).thenComparingLong(Ev::seq));
        long[] seqs = new long[N];
        List<Entity> entities = new ArrayList<>();
        long[] now = {0};
        int[] self = {0};
        Context ctx = new Context() {
            public long now() {
                return now[0];
            }

            public long self() {
                return self[0];
            }

            public long entityCount() {
                return N;
            }

            public long lookahead() {
                return L;
            }

            public void send(long dest, long delay, int kind, Payload payload) {
                assertTrue(delay >= L);
                add(dest, delay, kind);
            }

            public void schedule(long delay, int kind, Payload payload) {
                add(self[0], delay, kind);
            }

            private void add(long dest, long delay, int kind) {
                long seq = seqs[self[0]]++;
                queue.add(new Ev(now[0] + delay, Mix.hash(orderKey, self[0], seq), self[0], seq, (int) dest, kind));
            }

            public RandomStream random(int purpose) {
                throw new UnsupportedOperationException();
            }

            public void requestStop() {
                throw new UnsupportedOperationException();
            }
        };
        for (int id = 0; id < N; id++) {
            entities.add(model.createEntity(id));
        }
        for (int id = 0; id < N; id++) {
            self[0] = id;
            entities.get(id).start(ctx);
        }
        while (!queue.isEmpty() && queue.peek().time() < END) {
            Ev e = queue.poll();
            assertTrue(e.time() >= now[0]);
            now[0] = e.time();
            self[0] = e.dest();
            entities.get(e.dest()).handle(ctx, e.source(), e.kind(), null);
        }
        long[][] out = new long[N][];
        for (int id = 0; id < N; id++) {
            ByteWriter w = new ByteWriter(16);
            entities.get(id).report(w);
            ByteReader r = new ByteReader(w.toByteArray());
            out[id] = new long[] {r.getLong(), r.getLong()};
        }
        return out;
    }

    @Test
    void everyEntitySeesWhatTheSequentialSimulatorShowsIt() {
        for (long seed : new long[] {1, 2, 3}) {
            long[][] want = runSequential(new Chatter(), seed);
            long wantEvents = 0;
            for (long[] w : want) {
                wantEvents += w[1];
            }
            assertTrue(wantEvents > 20_000, "the model should be busy: " + wantEvents);
            for (int ranks = 1; ranks <= 3; ranks++) {
                RunResult r = LocalCluster.run(Chatter::new, ranks, RunConfig.of(seed, END));
                assertEquals(wantEvents, r.events(), "seed " + seed + ", " + ranks + " ranks");
                for (RunResult.EntityReport rep : r.reports()) {
                    ByteReader in = rep.reader();
                    long[] got = {in.getLong(), in.getLong()};
                    assertEquals(want[(int) rep.id()][0], got[0], "entity " + rep.id() + ", seed " + seed
                            + ", " + ranks + " ranks");
                    assertEquals(want[(int) rep.id()][1], got[1]);
                }
            }
        }
    }
}
