package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bitswarm.engine.phold.Phold;
import org.junit.jupiter.api.Test;

/** The rules the engine enforces on models, and how failures surface. */
class EngineContractTest {

    /** Entity 0 sends to entity 1 with the given delay at t=0. */
    private record OneShot(long delay) implements Model {
        @Override
        public long entityCount() {
            return 2;
        }

        @Override
        public long lookahead() {
            return Ticks.MS;
        }

        @Override
        public Entity createEntity(long id) {
            return new Entity() {
                @Override
                public void start(Context ctx) {
                    if (id == 0) {
                        ctx.send(1, delay, 1, null);
                    }
                }

                @Override
                public void handle(Context ctx, long source, int kind, Payload payload) {}
            };
        }
    }

    @Test
    void aMessageInsideTheLookaheadIsRejectedWhenSent() {
        LookaheadViolation e = assertThrows(LookaheadViolation.class,
                () -> LocalCluster.run(() -> new OneShot(Ticks.MS - 1), 2, RunConfig.of(1, Ticks.SECOND)));
        assertEquals("entity 0 at 0.000000000 s sent to entity 1 with delay 0.000999999 s, below the lookahead of "
                + "0.001000000 s", e.getMessage());
    }

    @Test
    void aMessageAtTheLookaheadIsDelivered() {
        RunResult r = LocalCluster.run(() -> new OneShot(Ticks.MS), 2, RunConfig.of(1, Ticks.SECOND));
        assertEquals(1, r.events());
        assertEquals(Ticks.MS, r.lastEventTime());
    }

    @Test
    void aFailingRankStopsEveryRankWithItsCause() {
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                IllegalStateException.class,
                () -> LocalCluster.run(() -> Phold.of(40, 2, 0.5, 0.001, 25), 4, RunConfig.of(1, Ticks.SECOND))));
        assertTrue(e.getMessage().contains("PHOLD entity 25 fails on purpose"), e.getMessage());
    }

    @Test
    void traceIsMergedInTotalOrderAcrossRanks() {
        RunConfig cfg = RunConfig.of(3, 20 * Ticks.MS).withTrace(true);
        List<String> one = LocalCluster.run(() -> Phold.of(10, 1, 0.9, 0.001, -1), 1, cfg).trace();
        List<String> three = LocalCluster.run(() -> Phold.of(10, 1, 0.9, 0.001, -1), 3, cfg).trace();
        assertTrue(one.size() > 50);
        assertEquals(one, three);
    }

    @Test
    void stopRequestEndsTheRunAfterTheWindowOnEveryRank() {
        Model m = new Model() {
            @Override
            public long entityCount() {
                return 3;
            }

            @Override
            public long lookahead() {
                return Ticks.MS;
            }

            @Override
            public Entity createEntity(long id) {
                return new Entity() {
                    @Override
                    public void start(Context ctx) {
                        ctx.schedule(0, 0, null);
                    }

                    @Override
                    public void handle(Context ctx, long source, int kind, Payload payload) {
                        if (ctx.self() == 2 && ctx.now() >= 10 * Ticks.MS) {
                            ctx.requestStop();
                        }
                        ctx.send((ctx.self() + 1) % 3, Ticks.MS, 0, null);
                    }
                };
            }
        };
        RunResult one = LocalCluster.run(() -> m, 1, RunConfig.of(1, Ticks.SECOND));
        RunResult three = LocalCluster.run(() -> m, 3, RunConfig.of(1, Ticks.SECOND));
        assertTrue(one.lastEventTime() < 20 * Ticks.MS);
        assertEquals(one.events(), three.events());
        assertEquals(one.eventDigest(), three.eventDigest());
    }
}
