package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TimelineEvent;
import org.junit.jupiter.api.Test;

/** About 200 clients give identical peers.csv, summary and event digest on 1, 2, 3 and 4 in-process ranks. */
class DeterminismTest {
    static final long SEED = 20261124L;

    static SwarmConfig config() {
        GroupSpec late = new GroupSpec("late", 40, List.of(new Membership("t0", Enums.Role.PEER, 0.25)),
                CapacitySpec.fixed(1_000_000), CapacitySpec.fixed(8_000_000),
                new ArrivalSpec(Enums.ArrivalKind.POISSON, 0, 2.0, List.of()),
                new SeedingSpec(Enums.SeedingKind.EXPONENTIAL, 20 * Scenarios.S), 0, 0);
        GroupSpec bad = new GroupSpec("bad", 4, List.of(new Membership("t0", Enums.Role.PEER, 0)),
                CapacitySpec.fixed(2_000_000), CapacitySpec.fixed(8_000_000), ArrivalSpec.defaults(),
                SeedingSpec.defaults(), 1.0, 0.3);
        GroupSpec riders = new GroupSpec("riders", 10, List.of(new Membership("t0", Enums.Role.LEECHER, 0)),
                CapacitySpec.fixed(1_000_000), CapacitySpec.fixed(8_000_000), ArrivalSpec.defaults(),
                new SeedingSpec(Enums.SeedingKind.NONE, 0), 0, 0);
        return Scenarios.swarm(1L << 20, 64 << 10, Enums.PayloadMode.BYTES,
                List.of(Scenarios.group("seed", 2, Enums.Role.SEED, 4_000_000, 10_000_000), Scenarios.mixedPeers("p", 140),
                        late, bad, riders),
                Scenarios.protocol(),
                List.of(new TimelineEvent(Enums.EventKind.PAUSE, 5 * Scenarios.S, 0, "p", -1),
                        new TimelineEvent(Enums.EventKind.RESUME, 9 * Scenarios.S, 0, "p", -1),
                        new TimelineEvent(Enums.EventKind.TRACKER_OUTAGE, 2 * Scenarios.S, 5 * Scenarios.S, "", -1)));
    }

    @Test
    void sameResultsOnOneToFourRanks() {
        SwarmConfig cfg = config();
        long end = 1200 * Scenarios.S;
        RunResult one = Scenarios.run(cfg, SEED, 1, end, true);
        SwarmInvariants.check(cfg, one);
        SwarmResults base = SwarmResults.from(cfg, one, end);
        System.out.println(base.summaryMetrics());
        assertTrue(Long.parseLong(base.summaryMetrics().get("completed")) > 150, "most clients finish");
        for (int np = 2; np <= 4; np++) {
            RunResult r = Scenarios.run(cfg, SEED, np, end, false);
            SwarmResults res = SwarmResults.from(cfg, r, end);
            assertEquals(one.eventDigest(), r.eventDigest(), "event digest on " + np + " ranks");
            assertEquals(base.peersRows(), res.peersRows(), "peers.csv on " + np + " ranks");
            assertEquals(base.summaryMetrics(), res.summaryMetrics(), "summary on " + np + " ranks");
            assertEquals(base.timeseriesRows(), res.timeseriesRows(), "time series on " + np + " ranks");
            // bytes mode: real 16 KiB blocks crossed ranks
            assertTrue(r.crossRankBytes() > res.reports().sessions.size() * 16384L,
                    "block bytes must cross ranks, got " + r.crossRankBytes());
        }
    }
}
