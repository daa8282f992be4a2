package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.RateClass;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.link.BlockRoundRobin;
import org.bitswarm.protocol.link.WeightedFair;
import org.bitswarm.protocol.strategy.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code links.send_ahead} (issue 14, goal 5: fewer events per unit of work) in whole swarms: the same results on
 * any number of ranks, the swarm invariants (downlink bound included) hold, and the uplink_done events, one per
 * block without it, drop to about one per decision.
 */
class SendAheadSwarmTest {
    static final long HALF_SECOND = 500_000_000L;

    static SwarmConfig withLinks(SwarmConfig c, LinkConfig links) {
        ProtocolSpec p = c.protocol().withLinks(links);
        return new SwarmConfig(c.torrents(), c.groups(), c.network(), p, c.trackers(), c.timeline(), c.payload(), c.hash(),
                c.timeseriesInterval(), c.until());
    }

    static LinkConfig ahead(long t) {
        return BlockRoundRobin.Config.defaults().withSendAhead(t);
    }

    @Test
    void sameResultsOnOneToThreeRanksWithSendAhead() {
        // DeterminismTest's swarm: churn, a pause and resume, corrupt senders, free riders, a tracker outage, bytes mode
        SwarmConfig cfg = withLinks(DeterminismTest.config(), ahead(HALF_SECOND));
        long end = 1200 * Scenarios.S;
        RunResult one = Scenarios.run(cfg, DeterminismTest.SEED, 1, end, true);
        SwarmInvariants.check(cfg, one);
        SwarmResults base = SwarmResults.from(cfg, one, end);
        assertTrue(Long.parseLong(base.summaryMetrics().get("completed")) > 150, "most clients finish");
        for (int np = 2; np <= 3; np++) {
            RunResult r = Scenarios.run(cfg, DeterminismTest.SEED, np, end, false);
            SwarmResults res = SwarmResults.from(cfg, r, end);
            assertEquals(one.eventDigest(), r.eventDigest(), "event digest on " + np + " ranks");
            assertEquals(base.peersRows(), res.peersRows(), "peers.csv on " + np + " ranks");
            assertEquals(base.summaryMetrics(), res.summaryMetrics(), "summary on " + np + " ranks");
            assertEquals(base.timeseriesRows(), res.timeseriesRows(), "time series on " + np + " ranks");
        }
        RunResult off = Scenarios.run(DeterminismTest.config(), DeterminismTest.SEED, 1, end, false);
        assertNotEquals(off.eventDigest(), one.eventDigest(), "send_ahead is a different model run");
    }

    @Test
    void invariantsHoldWithSendAhead() {
        long end = 1200 * Scenarios.S;
        // the invariant suite's scenarios (two torrents, churn, pauses, an abort, corrupt senders, HAVE batching)
        for (Object[] axis : new Object[][] {{Enums.PayloadMode.BYTES, "rarest_first", 1, false},
                {Enums.PayloadMode.DIGEST, "sequential", 3, true}, {Enums.PayloadMode.DIGEST, "random", 2, false}}) {
            SwarmConfig cfg = withLinks(InvariantSuiteTest.config((Enums.PayloadMode) axis[0], (String) axis[1],
                    Enums.HashAlgo.SHA1, (int) axis[2], (boolean) axis[3]), ahead(HALF_SECOND));
            RunResult r = Scenarios.run(cfg, 99 + (int) axis[2], 2, end, true);
            SwarmInvariants.check(cfg, r);
            SwarmResults res = SwarmResults.from(cfg, r, end);
            long downloaders = Long.parseLong(res.summaryMetrics().get("downloaders"));
            long completed = Long.parseLong(res.summaryMetrics().get("completed"));
            assertTrue(completed >= downloaders - 3, "all but the quitters finish: " + completed + " of " + downloaders);
        }
        // a downlink-bound swarm with everyone unchoked, and weighted fair queueing: the receiver's bound holds
        SwarmConfig rr = DownlinkTraceTest.bound(DownlinkTraceTest.unchokedPipeline20(org.bitswarm.protocol.link.Downlink.PACED)
                .withLinks(ahead(2 * HALF_SECOND)));
        RunResult a = Scenarios.run(rr, 3, 1, end, true);
        SwarmInvariants.check(rr, a);
        assertEquals(List.of(), DownlinkCheck.violations(rr, a));
        SwarmConfig wfq = DownlinkTraceTest.bound(Scenarios.protocol().withLinks(WeightedFair.Config.defaults().withSendAhead(HALF_SECOND)));
        RunResult w = Scenarios.run(wfq, 3, 1, end, true);
        SwarmInvariants.check(wfq, w);
        assertEquals(List.of(), DownlinkCheck.violations(wfq, w));
    }

    /** The quickstart's swarm: one 4 Mbit/s seed, 30 peers at 1 and 2 Mbit/s, 4 MiB. */
    static SwarmConfig quickstart(LinkConfig links) {
        GroupSpec crowd = Scenarios.group("crowd", 30, Enums.Role.PEER, 1_000_000, 10_000_000);
        crowd = new GroupSpec(crowd.name(), crowd.count(), crowd.torrents(),
                new CapacitySpec(Enums.CapacityKind.CLASSES, 0, List.of(new RateClass(1_000_000, 3),
                        new RateClass(2_000_000, 1)), 0, 0),
                crowd.download(), crowd.arrival(), crowd.seeding(), 0, 0);
        return Scenarios.swarm(4L << 20, 256 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 4_000_000, 10_000_000), crowd),
                Scenarios.protocol().withLinks(links), List.of());
    }

    @Test
    void theUplinkDoneEventsDropAndTheResultsStayClose() {
        long end = 1200 * Scenarios.S;
        SwarmConfig offCfg = quickstart(BlockRoundRobin.Config.defaults());
        SwarmConfig onCfg = quickstart(ahead(HALF_SECOND));
        RunResult off = Scenarios.run(offCfg, 1, 1, end, true);
        RunResult on = Scenarios.run(onCfg, 1, 1, end, true);
        SwarmInvariants.check(onCfg, on);
        long doneOff = off.trace().stream().filter(l -> l.contains(" uplink_done")).count();
        long doneOn = on.trace().stream().filter(l -> l.contains(" uplink_done")).count();
        long piecesOff = off.trace().stream().filter(l -> l.contains(" piece t")).count();
        long piecesOn = on.trace().stream().filter(l -> l.contains(" piece t")).count();
        System.out.println("send_ahead 0: " + off.events() + " events, " + doneOff + " uplink_done, " + piecesOff
                + " blocks; 500 ms: " + on.events() + " events, " + doneOn + " uplink_done, " + piecesOn + " blocks");
        assertTrue(piecesOff > 1000 && piecesOn > 1000, "blocks were sent");
        // without it: one uplink_done per block (the last ones may end after the run)
        assertTrue(doneOff >= piecesOff - 31 && doneOff <= piecesOff + 31, doneOff + " uplink_done for " + piecesOff + " blocks");
        // with 500 ms at 1-4 Mbit/s, 4-16 blocks fill a decision when enough are waiting; at most half as many timers
        assertTrue(doneOn * 2 < piecesOn, doneOn + " uplink_done for " + piecesOn + " blocks");
        assertTrue(on.events() < 0.92 * off.events(), "events: " + on.events() + " with, " + off.events() + " without");
        // same work, close results: every download completes and the mean completion is within 10 %
        SwarmResults a = SwarmResults.from(offCfg, off, end);
        SwarmResults b = SwarmResults.from(onCfg, on, end);
        assertEquals("30", a.summaryMetrics().get("completed"));
        assertEquals("30", b.summaryMetrics().get("completed"));
        double meanOff = Double.parseDouble(a.summaryMetrics().get("mean_completion_s"));
        double meanOn = Double.parseDouble(b.summaryMetrics().get("mean_completion_s"));
        assertTrue(Math.abs(meanOn - meanOff) < 0.1 * meanOff, "mean completion " + meanOn + " s against " + meanOff + " s");
    }
}
