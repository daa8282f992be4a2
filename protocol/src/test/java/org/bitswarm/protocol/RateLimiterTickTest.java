package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.config.TrackerSpec;
import org.bitswarm.protocol.net.FixedLatency;
import org.bitswarm.protocol.wire.WireSize;
import org.junit.jupiter.api.Test;

/**
 * libtorrent's rate limiter, as the libtorrent profile models it: control messages wait for the next quota tick
 * ({@code connections.quota_tick}), and each received segment's ACK header is charged to the receiver's uplink
 * ({@code ip_overhead.acks}).
 */
class RateLimiterTickTest {
    static final long UP = 1_000_000;
    static final long FILE = 4L << 20;

    static SwarmConfig config(int leechers, ProtocolSpec p) {
        GroupSpec seed = new GroupSpec("seed", 1, List.of(new Membership("t0", Enums.Role.SEED, 0)),
                CapacitySpec.fixed(UP), CapacitySpec.fixed(100_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        GroupSpec peer = new GroupSpec("peer", leechers, List.of(new Membership("t0", Enums.Role.PEER, 0)),
                CapacitySpec.fixed(UP), CapacitySpec.fixed(100_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        return new SwarmConfig(List.of(new TorrentSpec("t0", FILE, 256 << 10)), List.of(seed, peer),
                new NetworkSpec(new FixedLatency.Config(10 * Ticks.MS)), p, TrackerSpec.defaults(), List.of(),
                Enums.PayloadMode.DIGEST, Enums.HashAlgo.SHA1, 10 * Ticks.SECOND, Enums.Until.ALL_COMPLETE);
    }

    static SwarmResults run(SwarmConfig cfg) {
        RunResult r = Scenarios.run(cfg, 1, 1, 3600 * Ticks.SECOND, false);
        SwarmInvariants.check(cfg, r);
        return SwarmResults.from(cfg, r, 3600 * Ticks.SECOND);
    }

    static double metric(SwarmResults r, String key) {
        return Double.parseDouble(r.summaryMetrics().get(key));
    }

    @Test
    void controlMessagesWaitForTheNextTickAndADeepPipelineHidesIt() {
        ProtocolSpec none = ProtocolSpec.defaults();
        ProtocolSpec.ConnectionSpec c = none.connections();
        ProtocolSpec ticked = none.withConnections(new ProtocolSpec.ConnectionSpec(c.max(), c.initiate(), c.pipeline(),
                c.pipelineTime(), c.pipelineMax(), c.known(), 500 * Ticks.MS));
        double t0 = metric(run(config(1, none)), "last_completion_s");
        double t1 = metric(run(config(1, ticked)), "last_completion_s");
        System.out.printf("one seed to one leecher: %.3f s without ticks, %.3f s with 500 ms ticks%n", t0, t1);
        // the set-up's messages (handshakes, bitfield, interested, unchoke, the first requests) each wait for a
        // tick; afterwards 5 requests in flight (5 x 131 ms of uplink) outlast a tick and the uplink stays busy
        assertTrue(t1 - t0 >= 0.5, "the set-up waits for ticks: " + (t1 - t0) + " s");
        assertTrue(t1 - t0 <= 3, "but not the transfer: " + (t1 - t0) + " s");
        ProtocolSpec shallow = ticked.withConnections(ticked.connections().withPipeline(1));
        ProtocolSpec shallowNone = none.withConnections(none.connections().withPipeline(1));
        double s0 = metric(run(config(1, shallowNone)), "last_completion_s");
        double s1 = metric(run(config(1, shallow)), "last_completion_s");
        System.out.printf("pipeline 1: %.3f s without ticks, %.3f s with%n", s0, s1);
        assertTrue(s1 > s0 * 1.5, "with one request in flight every block waits for a tick: " + s0 + " -> " + s1);
    }

    @Test
    void acksOfReceivedSegmentsAreChargedToTheReceiversUplink() {
        ProtocolSpec.IpOverhead sent = new ProtocolSpec.IpOverhead(40, 1460, false);
        ProtocolSpec.IpOverhead acks = new ProtocolSpec.IpOverhead(40, 1460, true);
        SwarmResults a = run(config(1, ProtocolSpec.defaults().withIpOverhead(sent)));
        SwarmResults b = run(config(1, ProtocolSpec.defaults().withIpOverhead(acks)));
        assertEquals(metric(a, "last_completion_s"), metric(b, "last_completion_s"),
                "a seed receives nothing: its uplink owes no ACKs, the download is as fast");
        SwarmResults c = run(config(3, ProtocolSpec.defaults().withIpOverhead(sent)));
        SwarmResults d = run(config(3, ProtocolSpec.defaults().withIpOverhead(acks)));
        long perBlock = acks.headers(WireSize.PIECE_HEADER + TorrentSpec.BLOCK);
        double owed = metric(d, "downloaded_bytes") / TorrentSpec.BLOCK * perBlock;
        double more = metric(d, "overhead_bytes") - metric(c, "overhead_bytes");
        System.out.printf("3 leechers: %.0f more overhead bytes with ACKs, %.0f owed%n", more, owed);
        assertTrue(more > 0.5 * owed && more <= owed * 1.05, "leechers pay the ACKs of what they receive: " + more + " of " + owed);
        assertTrue(metric(d, "mean_completion_s") > metric(c, "mean_completion_s"), "and upload less meanwhile");
    }
}
