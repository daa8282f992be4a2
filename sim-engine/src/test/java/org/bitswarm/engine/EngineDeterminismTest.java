package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bitswarm.engine.phold.Phold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same PHOLD scenario gives the same digest and event count on any number of in-process ranks. */
class EngineDeterminismTest {
    private static final long END = 200 * Ticks.MS;

    private static RunResult phold(int ranks, long seed) {
        return LocalCluster.run(() -> Phold.of(60, 3, 0.5, 0.001, -1), ranks, RunConfig.of(seed, END));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7})
    void digestDoesNotDependOnRankCount(int ranks) {
        RunResult one = phold(1, 42);
        RunResult many = phold(ranks, 42);
        assertTrue(one.events() > 10_000, "enough events to matter: " + one.events());
        assertEquals(one.events(), many.events());
        assertEquals(one.windows(), many.windows());
        assertEquals(one.eventDigest(), many.eventDigest());
        assertEquals(one.lastEventTime(), many.lastEventTime());
        assertTrue(many.crossRankBytes() > 0, "hops really crossed ranks");
    }

    @Test
    void differentSeedsGiveDifferentDigests() {
        assertNotEquals(phold(1, 1).eventDigest(), phold(1, 2).eventDigest());
    }

    @Test
    void replicationsUseDifferentSubstreams() {
        RunConfig base = RunConfig.of(7, END);
        RunResult r0 = LocalCluster.run(() -> Phold.of(20, 2, 0.5, 0.001, -1), 2, base);
        RunResult r1 = LocalCluster.run(() -> Phold.of(20, 2, 0.5, 0.001, -1), 2, base.withReplication(1));
        assertNotEquals(r0.eventDigest(), r1.eventDigest());
    }

    @Test
    void endTimeIsHalfOpen() {
        RunResult r = phold(3, 5);
        assertTrue(r.lastEventTime() < END);
    }
}
