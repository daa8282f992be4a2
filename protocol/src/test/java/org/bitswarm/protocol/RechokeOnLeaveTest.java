package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.choke.TitForTatChoker;
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
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 3: an upload slot freed between rechokes (the unchoked peer lost interest or disconnected) is
 * refilled at once, as in mainline 4.x, not at the next rechoke up to 10 s later. One uploader with a single slot
 * and two downloaders A and B: the first to show interest is unchoked at once; when it stops wanting the
 * uploader's data, the uploader must unchoke the other in the same instant (its UNCHOKE arrives one latency
 * later) and its first block follows within a request round trip.
 */
class RechokeOnLeaveTest {
    static final long L = 10 * Ticks.MS;

    static SwarmConfig config(Enums.Role uploaderRole, double uploaderContent, boolean rechokeOnLeave) {
        GroupSpec uploader = new GroupSpec("up", 1, List.of(new Membership("t0", uploaderRole, uploaderContent)),
                CapacitySpec.fixed(4_000_000), CapacitySpec.fixed(100_000_000), ArrivalSpec.defaults(),
                SeedingSpec.defaults(), 0, 0);
        // A and B barely upload to each other, so each depends on the uploader
        GroupSpec peers = new GroupSpec("peers", 2, List.of(new Membership("t0", Enums.Role.PEER, 0)),
                CapacitySpec.fixed(50_000), CapacitySpec.fixed(100_000_000), ArrivalSpec.defaults(),
                SeedingSpec.defaults(), 0, 0);
        ProtocolSpec p = ProtocolSpec.defaults().withChoker(
                TitForTatChoker.Config.defaults().withSlots(1).withRechokeOnLeave(rechokeOnLeave));
        return new SwarmConfig(List.of(new TorrentSpec("t0", 1 << 20, 64 << 10)), List.of(uploader, peers),
                new NetworkSpec(new FixedLatency.Config(L)), p, TrackerSpec.defaults(), List.of(),
                Enums.PayloadMode.DIGEST, Enums.HashAlgo.SHA1, Ticks.SECOND, Enums.Until.END_TIME);
    }

    /** What the trace says about the uploader's single slot. */
    record Handover(long leftAt, String how, long otherUnchokedAt, long otherFirstBlockAt) {}

    static Handover handover(SwarmConfig cfg) {
        RunResult r = Scenarios.run(cfg, 3, 1, 40 * Ticks.SECOND, true);
        Reports reports = new Reports(cfg.trackers().count(), r);
        long up = reports.clients.stream().filter(c -> c.group() == 0).findFirst().orElseThrow().id();
        long first = -1;
        long leftAt = -1;
        String how = "";
        long unchoked = -1;
        long block = -1;
        for (String line : r.trace()) {
            String[] f = line.split(" ");
            long t = DownlinkCheck.parseTicks(f[0]);
            long src = Long.parseLong(f[1]);
            long dest = Long.parseLong(f[3]);
            String kind = f[4];
            if (src == up && kind.equals("unchoke")) {
                if (first < 0) {
                    first = dest;
                } else if (dest != first && unchoked < 0) {
                    unchoked = t;
                }
            } else if (first >= 0 && leftAt < 0 && src == first && dest == up
                    && (kind.equals("not_interested") || kind.equals("close"))) {
                leftAt = t;
                how = kind;
            } else if (unchoked >= 0 && block < 0 && src == up && dest != first && kind.equals("piece")) {
                block = t;
            }
        }
        assertTrue(first >= 0 && leftAt > 0, "the first downloader never left the slot");
        return new Handover(leftAt, how, unchoked, block);
    }

    static void assertRefilledAtOnce(Handover h) {
        System.out.println(h);
        assertTrue(h.leftAt() < 9 * Ticks.SECOND, "the first downloader should leave before the first rechoke: " + h);
        assertTrue(h.otherUnchokedAt() >= h.leftAt(), "the other peer was unchoked only after the slot was freed: " + h);
        // UNCHOKE one latency after the slot was freed (plus its transmission); its first block after a request round trip
        long blockTime = Ticks.transmission(16 * 1024 + 13, 4_000_000);
        assertTrue(h.otherUnchokedAt() <= h.leftAt() + L + Ticks.MS, "slot refilled at once: " + h);
        assertTrue(h.otherFirstBlockAt() > 0 && h.otherFirstBlockAt() <= h.leftAt() + 3 * L + 2 * blockTime + Ticks.MS,
                "the uplink carries the other peer's blocks within a round trip: " + h);
    }

    @Test
    void aSeedRefillsTheSlotOfAPeerThatCompletedAndDisconnected() {
        Handover h = handover(config(Enums.Role.SEED, 0, true));
        assertRefilledAtOnce(h);
        Handover old = handover(config(Enums.Role.SEED, 0, false));
        assertTrue(old.otherUnchokedAt() >= 10 * Ticks.SECOND, "rechoke_on_leave: false waits for the rechoke: " + old);
    }

    @Test
    void anUploaderRefillsTheSlotOfAPeerThatLostInterest() {
        // the uploader holds half the pieces; the first downloader loses interest once it has them, still connected
        Handover h = handover(config(Enums.Role.PEER, 0.5, true));
        assertTrue(h.how().equals("not_interested"), "lost interest, not disconnected: " + h);
        assertRefilledAtOnce(h);
        Handover old = handover(config(Enums.Role.PEER, 0.5, false));
        assertTrue(old.otherUnchokedAt() >= 10 * Ticks.SECOND, "rechoke_on_leave: false waits for the rechoke: " + old);
    }
}
