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
 * Issue 11, item 6: TCP/IP headers on the wire. One seed at u, one leecher with a fast downlink: the download takes
 * the file's blocks back to back on the seed's uplink, each {@code 13 + 16,384} bytes of BitTorrent message plus one
 * {@code header_bytes} header per started {@code segment_bytes} segment, so T = blocks x (m + ceil(m / s) h) x 8 / u
 * (plus a few latencies of set-up).
 */
class IpOverheadTest {
    static final long UP = 1_000_000;
    static final long FILE = 4L << 20;

    static SwarmConfig config(ProtocolSpec.IpOverhead ip) {
        GroupSpec seed = new GroupSpec("seed", 1, List.of(new Membership("t0", Enums.Role.SEED, 0)),
                CapacitySpec.fixed(UP), CapacitySpec.fixed(100_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        GroupSpec peer = new GroupSpec("peer", 1, List.of(new Membership("t0", Enums.Role.PEER, 0)),
                CapacitySpec.fixed(UP), CapacitySpec.fixed(100_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        return new SwarmConfig(List.of(new TorrentSpec("t0", FILE, 256 << 10)), List.of(seed, peer),
                new NetworkSpec(new FixedLatency.Config(10 * Ticks.MS)), ProtocolSpec.defaults().withIpOverhead(ip),
                TrackerSpec.defaults(), List.of(), Enums.PayloadMode.DIGEST, Enums.HashAlgo.SHA1, 10 * Ticks.SECOND,
                Enums.Until.ALL_COMPLETE);
    }

    static double downloadSeconds(SwarmConfig cfg) {
        RunResult r = Scenarios.run(cfg, 1, 1, 3600 * Ticks.SECOND, false);
        Reports.SessionReport s = new Reports(cfg.trackers().count(), r).sessions.stream()
                .filter(x -> x.role() == Enums.Role.PEER).findFirst().orElseThrow();
        assertTrue(s.completedAt() > 0, "the download completes");
        return Ticks.toSeconds(s.completedAt() - s.joinedAt());
    }

    /** The closed form: every block message on the uplink with its headers. */
    static double closedForm(ProtocolSpec.IpOverhead ip) {
        long m = WireSize.PIECE_HEADER + TorrentSpec.BLOCK;
        long blocks = FILE / TorrentSpec.BLOCK;
        return blocks * (m + ip.headers(m)) * 8.0 / UP;
    }

    @Test
    void headersPerSegment() {
        ProtocolSpec.IpOverhead ip = new ProtocolSpec.IpOverhead(40, 1460);
        assertEquals(12 * 40, ip.headers(16_397), "a block message spans 12 segments");
        assertEquals(40, ip.headers(17), "a control message one");
        assertEquals(40, ip.headers(1460));
        assertEquals(80, ip.headers(1461));
        assertEquals(0, ip.headers(0), "a message with no bytes (close) none");
        assertEquals(0, ProtocolSpec.IpOverhead.defaults().headers(16_397), "the default charges nothing");
    }

    @Test
    void aSingleLinkTakesTheClosedFormWithHeaders() {
        ProtocolSpec.IpOverhead none = ProtocolSpec.IpOverhead.defaults();
        ProtocolSpec.IpOverhead tcp = new ProtocolSpec.IpOverhead(40, 1460);
        double t0 = downloadSeconds(config(none));
        double t1 = downloadSeconds(config(tcp));
        System.out.printf("no headers: %.4f s (closed form %.4f s); 40 per 1460: %.4f s (closed form %.4f s)%n", t0,
                closedForm(none), t1, closedForm(tcp));
        // set-up (announce, handshake, interest, unchoke, the first request): a few 10 ms latencies, under 0.5 %
        assertEquals(closedForm(none), t0, 0.005 * closedForm(none), "without headers: F x (1 + 13 / 16,384) / u");
        assertEquals(closedForm(tcp), t1, 0.005 * closedForm(tcp), "with 40 bytes per 1,460-byte segment");
        assertEquals(closedForm(tcp) / closedForm(none), t1 / t0, 0.002, "2.9 % slower: 480 header bytes per block");
    }
}
