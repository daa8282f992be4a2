package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;
import org.junit.jupiter.api.Test;

/** The receiver-side downlink checker on synthetic arrival traces, where the right answer is known. */
class DownlinkCheckTest {
    static final long B = DownlinkCheck.BLOCK_WIRE;
    static final long DOWN = 8_000_000; // 1 MB/s: one block every B microseconds
    static final long TAU = B * 1000; // ticks (ns) per block at 1 MB/s

    static long[] spaced(int n, long start, long gap) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * gap;
        }
        return t;
    }

    static long[] full(int n) {
        long[] b = new long[n];
        java.util.Arrays.fill(b, B);
        return b;
    }

    @Test
    void aFluidLinkMeetsTheBoundWithEquality() {
        DownlinkCheck.ClientResult r = DownlinkCheck.check(7, DOWN, spaced(500, 1000, TAU), full(500), Ticks.SECOND / 10);
        assertTrue(r.holds(), "back-to-back blocks at the link rate: excess " + r.excessBlocks());
        // 0.1 s holds 100000/16.397 = 6.1 block times: at most 7 blocks, ratio 7 B / (0.1 s x 1 MB/s).
        assertEquals(7.0 * B / 100_000, r.windowRatios()[0], 1e-9);
    }

    @Test
    void twoBlocksAtOnceAreTheSlackThreeAreOneBlockTooMany() {
        assertTrue(DownlinkCheck.check(1, DOWN, new long[] {0, 0}, full(2)).holds());
        DownlinkCheck.ClientResult three = DownlinkCheck.check(1, DOWN, new long[] {0, 0, 0}, full(3));
        assertFalse(three.holds());
        assertEquals(1.0, three.excessBlocks(), 1e-9);
        assertEquals(0, three.worstAt());
    }

    @Test
    void aBurstAtTwiceTheRateIsCaughtByItsSize() {
        // 20 blocks at twice the link rate, after a quiet second: the link falls 10 blocks behind, which is
        // 9 more than the one block of slack (measured from the first to the last arrival of the burst).
        long[] t = spaced(20, Ticks.SECOND, TAU / 2);
        DownlinkCheck.ClientResult r = DownlinkCheck.check(1, DOWN, t, full(20), Ticks.SECOND);
        assertEquals(20 - 19 * 0.5 - 1, r.excessBlocks(), 1e-6);
        assertEquals(t[19], r.worstAt());
        // ... but averaged over a whole second it is well below the link.
        assertTrue(r.windowRatios()[0] < 0.5, "1 s window ratio " + r.windowRatios()[0]);
    }

    @Test
    void aSustainedExcessShowsAtLongWindows() {
        // 10 % faster than the link for 5 s: over 1 s the ratio is about 1.1, and the excess grows without bound.
        int n = 5 * 61;
        long[] t = spaced(n, 0, TAU * 10 / 11);
        DownlinkCheck.ClientResult r = DownlinkCheck.check(1, DOWN, t, full(n), Ticks.SECOND);
        assertEquals(1.1, r.windowRatios()[0], 0.02);
        assertTrue(r.excessBlocks() > 20, "excess " + r.excessBlocks());
    }

    @Test
    void shortBlocksCountTheirOwnBytes() {
        // Many short last blocks at once stay within two full blocks of bytes.
        long[] b = new long[] {1000, 1000, 1000, 1000, 1000};
        assertTrue(DownlinkCheck.check(1, DOWN, new long[5], b).holds());
    }

    @Test
    void refusesArrivalsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> DownlinkCheck.check(1, DOWN, new long[] {5, 4}, full(2)));
    }

    @Test
    void asAnInvariantItNamesTheClientAndNeedsTheTrace() {
        SwarmConfig cfg = Scenarios.swarm(1L << 20, 64 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("s", 1, Enums.Role.SEED, 4_000_000, 10_000_000),
                        Scenarios.group("p", 1, Enums.Role.PEER, 1_000_000, 2_000_000)), Scenarios.protocol(), List.of());
        long end = 600 * Scenarios.S;
        org.bitswarm.engine.RunResult traced = Scenarios.run(cfg, 3, 1, end, true);
        // One uploader to one downlink-bound receiver: the reservation paces the requests and the bound holds.
        assertEquals(List.of(), DownlinkCheck.violations(cfg, traced));
        org.bitswarm.engine.RunResult plain = Scenarios.run(cfg, 3, 1, end, false);
        assertThrows(IllegalArgumentException.class, () -> DownlinkCheck.violations(cfg, plain));
    }

    @Test
    void readsPieceEventsFromTheTrace() {
        SwarmConfig cfg = Scenarios.swarm(40_000, 32 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("s", 1, Enums.Role.SEED, 1_000_000, 1_000_000)), Scenarios.protocol(), List.of());
        List<String> trace = List.of(
                "0.010000000 1 -> 2 handshake t0 0 0",
                "1.500000000 1 -> 2 piece t0 0 0 12345",
                "1.500000001 3 -> 2 piece t0 0 1 -99",
                "2.25 1 -> 4 piece t0 1 0 data[7232]",
                "3.000000000 2 -> 1 have t0 0 0");
        DownlinkCheck.Arrivals a = DownlinkCheck.fromTrace(cfg, trace);
        assertEquals(List.of(2L, 4L), List.copyOf(a.times().keySet()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {1_500_000_000L, 1_500_000_001L}, a.times().get(2L));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {B, 32768 - TorrentSpec.BLOCK + 13L}, a.bytes().get(2L));
        // Piece 1 is the last, 40000 - 32768 = 7232 bytes.
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {7232 + 13}, a.bytes().get(4L));
        assertEquals(2_250_000_000L, a.times().get(4L)[0]);
    }

    @Test
    void aBlockThatWaitedForTheDownlinkIsReceivedAtItsBlockInLine() {
        SwarmConfig cfg = Scenarios.swarm(1L << 20, 64 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("s", 1, Enums.Role.SEED, 1_000_000, 1_000_000)), Scenarios.protocol(), List.of());
        List<String> trace = List.of(
                "1.500000000 1 -> 2 piece t0 0 0 12345",
                "1.500000000 3 -> 2 piece t0 0 0 12345",
                "1.500000001 3 -> 2 piece t0 0 1 -99",
                "1.600000000 2 -> 2 block_in t0 0 0 [3, 1500000000]",
                "1.700000000 2 -> 2 block_in t0 0 1 [3, 1500000001]",
                "1.800000000 4 -> 2 piece t0 0 2 7");
        DownlinkCheck.Arrivals a = DownlinkCheck.fromTrace(cfg, trace);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new long[] {1_500_000_000L, 1_600_000_000L, 1_700_000_000L, 1_800_000_000L}, a.times().get(2L));
        // The run ended with the last block still waiting for the downlink: it was never received.
        DownlinkCheck.Arrivals ended = DownlinkCheck.fromTrace(cfg, trace, java.util.Map.of(2L, 1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new long[] {1_500_000_000L, 1_600_000_000L, 1_700_000_000L}, ended.times().get(2L));
        // A block_in must name a piece message that came before it.
        assertThrows(IllegalArgumentException.class, () -> DownlinkCheck.fromTrace(cfg,
                List.of("1.0 2 -> 2 block_in t0 0 0 [3, 900000000]")));
    }
}
