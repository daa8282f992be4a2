package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.link.BlockRoundRobin;
import org.bitswarm.protocol.link.Downlink;
import org.bitswarm.protocol.link.WeightedFair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The receiver-side downlink bound (issue 11, item 2) from the trace: over any interval of at least one block
 * time, a client receives no more than its downlink times the interval plus one block. Checked on the invariant
 * suite's scenarios (churn, pauses, several torrents sharing one downlink, corrupt senders, a tracker outage) and
 * on the settings where the old request-time reservation overran the downlink most (7 slots; everyone unchoked
 * with a pipeline of 20). The old model stays available as {@code links.downlink: reserve_at_request}, and is shown
 * to overrun.
 */
class DownlinkTraceTest {
    static final long[] WINDOWS = {Ticks.SECOND, 10 * Ticks.SECOND};

    static List<DownlinkCheck.ClientResult> check(String what, SwarmConfig cfg, RunResult r) {
        List<DownlinkCheck.ClientResult> res = DownlinkCheck.checkRun(cfg, new Reports(cfg.trackers().count(), r), r.trace(), WINDOWS);
        System.out.println(what + ": " + DownlinkCheck.describe(res, WINDOWS));
        assertFalse(res.isEmpty());
        return res;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rarest_first", "random", "sequential"})
    void theDownlinkHoldsAtEveryTimeScale(String policy) {
        SwarmConfig cfg = InvariantSuiteTest.config(Enums.PayloadMode.DIGEST, policy, Enums.HashAlgo.SHA1, 1, false);
        RunResult r = Scenarios.run(cfg, 7, 1, 1200 * Scenarios.S, true);
        check(policy, cfg, r);
        assertEquals(List.of(), DownlinkCheck.violations(cfg, r), policy);
        // The trace reader sees every block a client received (less those still waiting for the downlink at the
        // end): its arrivals' payload equals the sessions' downloaded bytes (all torrents share one downlink).
        Reports reports = new Reports(cfg.trackers().count(), r);
        DownlinkCheck.Arrivals a = DownlinkCheck.fromRun(cfg, reports, r.trace());
        for (Reports.ClientReport c : reports.clients) {
            long downloaded = c.sessions().stream().mapToLong(Reports.SessionReport::downloaded).sum();
            long[] bytes = a.bytes().getOrDefault(c.id(), new long[0]);
            long payload = java.util.Arrays.stream(bytes).sum() - (long) bytes.length * org.bitswarm.protocol.wire.WireSize.PIECE_HEADER;
            assertEquals(downloaded, payload, "client " + c.id() + " payload in the trace");
        }
    }

    /** A downlink-bound swarm under the settings that overran the old model most. */
    static SwarmConfig bound(ProtocolSpec p) {
        return Scenarios.swarm(2L << 20, 256 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 10_000_000, 10_000_000),
                        Scenarios.group("p", 16, Enums.Role.PEER, 2_000_000, 2_000_000)), p, List.of());
    }

    static ProtocolSpec unchokedPipeline20(Downlink d) {
        return Scenarios.protocol().withChoker(TitForTatChoker.Config.defaults().withSlots(20))
                .withConnections(new ProtocolSpec.ConnectionSpec(80, 40, 20))
                .withLinks(BlockRoundRobin.Config.defaults().withDownlink(d));
    }

    @Test
    void sevenSlotsAndEveryoneUnchokedWithAPipelineOf20HoldTheBound() {
        SwarmConfig seven = bound(Scenarios.protocol().withChoker(TitForTatChoker.Config.defaults().withSlots(7)));
        RunResult r7 = Scenarios.run(seven, 3, 1, 1200 * Scenarios.S, true);
        check("7 slots", seven, r7);
        assertEquals(List.of(), DownlinkCheck.violations(seven, r7));
        SwarmConfig all = bound(unchokedPipeline20(Downlink.PACED));
        RunResult ra = Scenarios.run(all, 3, 1, 1200 * Scenarios.S, true);
        check("all unchoked, pipeline 20", all, ra);
        assertEquals(List.of(), DownlinkCheck.violations(all, ra));
        // Weighted fair queueing shares the same receiver model.
        SwarmConfig wfq = bound(Scenarios.protocol().withLinks(WeightedFair.Config.defaults()));
        RunResult rw = Scenarios.run(wfq, 3, 1, 1200 * Scenarios.S, true);
        assertEquals(List.of(), DownlinkCheck.violations(wfq, rw));
    }

    @Test
    void theOldRequestTimeReservationOverrunsAndIsNotHeldToTheBound() {
        SwarmConfig old = bound(unchokedPipeline20(Downlink.RESERVE_AT_REQUEST));
        RunResult r = Scenarios.run(old, 3, 1, 1200 * Scenarios.S, true);
        List<DownlinkCheck.ClientResult> res = check("reserve_at_request, all unchoked, pipeline 20", old, r);
        assertTrue(res.stream().anyMatch(c -> c.windowRatios()[0] > 1.2), "blocks bunch above the downlink over 1 s");
        // The invariant knows this model does not promise the bound.
        assertEquals(List.of(), DownlinkCheck.violations(old, r));
        SwarmInvariants.check(old, r);
    }

    @Test
    void messagesSentAfterAWaitingBlockAreReadAfterIt() {
        // Uplinks twice the downlinks, so blocks wait at the receivers; no endgame, so a block can arrive unasked only
        // if a choke overtook it or crossed requests in flight. A choke sent after a block must be read after it (TCP
        // order): before the fix, 5.9 % of the bytes a Qiu-Srikant download-bound swarm received were discarded so.
        ProtocolSpec p = Scenarios.protocol().withPieceSelection(
                ((org.bitswarm.protocol.pick.RarestFirstPicker.Config) Scenarios.protocol().pieceSelection()).withEndgame(false));
        SwarmConfig cfg = Scenarios.swarm(4L << 20, 256 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 10_000_000, 10_000_000),
                        Scenarios.group("p", 24, Enums.Role.PEER, 4_000_000, 2_000_000)), p, List.of());
        RunResult r = Scenarios.run(cfg, 5, 1, 1200 * Scenarios.S, true);
        SwarmInvariants.check(cfg, r);
        Reports reports = new Reports(cfg.trackers().count(), r);
        long waited = r.trace().stream().filter(l -> l.contains(" block_in t")).count();
        assertTrue(waited > 100, "blocks waited for the downlink: " + waited);
        long chokes = r.trace().stream().filter(l -> l.contains(" choke t")).count();
        assertTrue(chokes > 10, "peers were choked: " + chokes);
        long duplicate = reports.sessions.stream().mapToLong(Reports.SessionReport::duplicate).sum();
        long downloaded = reports.sessions.stream().mapToLong(Reports.SessionReport::downloaded).sum();
        // What is left is BEP 3's own race, not the model: requests in flight when a peer chokes and at once unchokes
        // us again (rechoke on leave) reach it unchoked and are served, though we dropped them on the choke (0.6 %).
        // With the choke overtaking the waiting blocks it was 4.7 %.
        assertTrue(duplicate < 0.01 * downloaded, "blocks discarded as unrequested: " + duplicate + " of " + downloaded);
    }
}
