package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.RateClass;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TimelineEvent;
import org.bitswarm.protocol.config.TrackerSpec;
import org.bitswarm.protocol.choke.RandomChoker;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.pick.RarestFirstPicker;
import org.bitswarm.protocol.strategy.ChokerConfig;
import org.junit.jupiter.api.Test;

/**
 * One test per mechanism; each runs the scenario with the mechanism on and off and shows the outcome changes,
 * so it would fail if the mechanism were switched off or broken. Invariants are checked after every run.
 */
class MechanismTest {
    static final long SEED = 424242L;
    static final long END = 1800 * Scenarios.S;

    static final ChokerConfig TIT_FOR_TAT = TitForTatChoker.Config.defaults();
    static final ChokerConfig RANDOM = RandomChoker.Config.defaults();

    static ProtocolSpec with(ProtocolSpec p, int banThreshold, boolean endgame, ChokerConfig choker) {
        return p.withBanThreshold(banThreshold).withChoker(choker)
                .withPieceSelection(((RarestFirstPicker.Config) p.pieceSelection()).withEndgame(endgame));
    }

    static SwarmResults run(SwarmConfig cfg, long end) {
        RunResult r = Scenarios.run(cfg, SEED, 2, end, true);
        SwarmInvariants.check(cfg, r);
        SwarmResults res = SwarmResults.from(cfg, r, end);
        System.out.println(res.summaryMetrics());
        return res;
    }

    static long metric(SwarmResults r, String key) {
        return Long.parseLong(r.summaryMetrics().get(key));
    }

    static double meanDownload(SwarmResults r, int group) {
        double sum = 0;
        int n = 0;
        for (SessionReport s : r.reports().sessions) {
            if (s.group() == group && s.completedAt() >= 0) {
                sum += (s.completedAt() - s.joinedAt()) / 1e9;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    // ---- integrity ----

    static SwarmConfig corrupt(int banThreshold) {
        return corrupt(banThreshold, false);
    }

    static SwarmConfig corrupt(int banThreshold, boolean smartBan) {
        return corrupt(banThreshold, smartBan, Enums.PayloadMode.DIGEST);
    }

    static SwarmConfig corrupt(int banThreshold, boolean smartBan, Enums.PayloadMode mode) {
        GroupSpec bad = new GroupSpec("bad", 2, List.of(new Membership("t0", Enums.Role.PEER, 0.5)),
                CapacitySpec.fixed(4_000_000), CapacitySpec.fixed(10_000_000), ArrivalSpec.defaults(),
                SeedingSpec.defaults(), 1.0, 0.5);
        return Scenarios.swarm(2L << 20, 64 << 10, mode,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 2_000_000, 10_000_000),
                        Scenarios.group("p", 15, Enums.Role.PEER, 1_000_000, 10_000_000), bad),
                with(ProtocolSpec.defaults(), banThreshold, true, TIT_FOR_TAT).withSmartBan(smartBan), List.of());
    }

    @Test
    void smartBanBansTheSendersOfBadBlocksOnly() {
        smartBan(Enums.PayloadMode.DIGEST);
    }

    @Test
    void smartBanComparesRealBlockBytes() {
        smartBan(Enums.PayloadMode.BYTES);
    }

    private static void smartBan(Enums.PayloadMode mode) {
        SwarmResults on = run(corrupt(0, true, mode), END);
        SwarmResults off = run(corrupt(0, false, mode), END);
        assertTrue(metric(on, "bans") > 0, "smart ban bans without any strike threshold");
        assertTrue(metric(on, "hash_failures") < metric(off, "hash_failures"), "and so stops the waste");
        int honest = 0;
        for (SessionReport s : on.reports().sessions) {
            if (s.group() == 1) {
                assertTrue(s.bannedPeers() <= 2, "an honest peer bans only the 2 corrupt senders, got " + s.bannedPeers());
                honest += s.bannedPeers();
            }
        }
        assertTrue(honest > 0, "honest peers banned corrupt ones");
    }

    @Test
    void corruptPeerIsBanned() {
        SwarmResults on = run(corrupt(3), END);
        SwarmResults off = run(corrupt(0), END);
        assertTrue(metric(on, "hash_failures") > 0, "corrupt blocks are caught by the piece hash");
        assertTrue(metric(on, "bans") > 0, "senders of 3 bad pieces are banned");
        assertEquals(0, metric(off, "bans"), "no bans with ban_threshold 0");
        assertTrue(metric(off, "hash_failures") > metric(on, "hash_failures"), "banning stops the waste");
        assertEquals(metric(on, "downloaders"), metric(on, "completed"));
    }

    // ---- tracker outage ----

    static SwarmConfig outage(long retry, long from, long length) {
        SwarmConfig base = Scenarios.swarm(2L << 20, 64 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 2_000_000, 10_000_000),
                        Scenarios.group("p", 20, Enums.Role.PEER, 1_000_000, 10_000_000)),
                ProtocolSpec.defaults(), List.of(new TimelineEvent(Enums.EventKind.TRACKER_OUTAGE, from, length, "", -1)));
        TrackerSpec t = base.trackers();
        return new SwarmConfig(base.torrents(), base.groups(), base.network(), base.protocol(),
                new TrackerSpec(t.count(), t.announceInterval(), retry, t.minPeers(), t.numwant()), base.timeline(),
                base.payload(), base.hash(), base.timeseriesInterval(), base.until());
    }

    @Test
    void swarmFinishesAfterTrackerOutage() {
        long s = Scenarios.S;
        // Down from the start for 100 s: clients re-announce every 60 s while they have < 20 peers.
        SwarmResults retry = run(outage(60 * s, 0, 100 * s), 900 * s);
        assertEquals(20, metric(retry, "completed"));
        // Times are exact decimals ("123.456000000"): compare them as numbers, exactly.
        java.math.BigDecimal first = new java.math.BigDecimal(retry.summaryMetrics().get("first_completion_s"));
        assertTrue(first.compareTo(java.math.BigDecimal.valueOf(100)) > 0, "nobody before the tracker is back: " + first);
        assertTrue(new java.math.BigDecimal(retry.summaryMetrics().get("last_completion_s"))
                .compareTo(java.math.BigDecimal.valueOf(900)) < 0, "everybody within the run");
        // Without early re-announces the next try is 30 min away: nobody finishes within 900 s.
        SwarmResults noRetry = run(outage(1800 * s, 0, 100 * s), 900 * s);
        assertEquals(0, metric(noRetry, "completed"));
        // Down after 3 s until the end: downloads in progress continue without the tracker.
        SwarmResults mid = run(outage(60 * s, 3 * s, 10_000 * s), END);
        assertEquals(20, metric(mid, "completed"));
        assertTrue(metric(mid, "announces_dropped") > 0);
    }

    // ---- tit-for-tat ----

    static SwarmConfig riders(ChokerConfig choker) {
        GroupSpec riders = new GroupSpec("riders", 10, List.of(new Membership("t0", Enums.Role.LEECHER, 0.5)),
                CapacitySpec.fixed(1_000_000), CapacitySpec.fixed(10_000_000), ArrivalSpec.defaults(),
                new SeedingSpec(Enums.SeedingKind.NONE, 0), 0, 0);
        GroupSpec peers = new GroupSpec("p", 30, List.of(new Membership("t0", Enums.Role.PEER, 0.5)),
                CapacitySpec.fixed(1_000_000), CapacitySpec.fixed(10_000_000), ArrivalSpec.defaults(),
                new SeedingSpec(Enums.SeedingKind.NONE, 0), 0, 0);
        return Scenarios.swarm(16L << 20, 256 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 1_000_000, 10_000_000), peers, riders),
                with(ProtocolSpec.defaults(), 3, true, choker), List.of());
    }

    /** Group 2's mean download time over group 1's, under tit-for-tat and under the random choker. */
    private record Chokers(SwarmResults tft, double tftRatio, double rndRatio) {
        static Chokers compare(Function<ChokerConfig, SwarmConfig> swarm, String what) {
            SwarmResults tft = run(swarm.apply(TIT_FOR_TAT), END);
            SwarmResults rnd = run(swarm.apply(RANDOM), END);
            Chokers c = new Chokers(tft, meanDownload(tft, 2) / meanDownload(tft, 1),
                    meanDownload(rnd, 2) / meanDownload(rnd, 1));
            System.out.printf("%s download time: tit-for-tat %.3f (%.1f s / %.1f s), random %.3f%n", what,
                    c.tftRatio, meanDownload(tft, 2), meanDownload(tft, 1), c.rndRatio);
            return c;
        }
    }

    @Test
    void freeRidersGetLessUnderTitForTat() {
        Chokers c = Chokers.compare(MechanismTest::riders, "free rider / uploader");
        assertTrue(c.tftRatio > 1.15, "free riders are slower under tit-for-tat: " + c.tftRatio);
        assertTrue(c.tftRatio > c.rndRatio + 0.1, "and the gap comes from tit-for-tat: " + c.tftRatio + " vs "
                + c.rndRatio);
    }

    /**
     * Legout et al. 2007: fast peers (4 Mbit/s up) and slow ones (512 kbit/s) sharing a 2 Mbit/s seed. Every
     * leecher starts with a random half of the file, so neighbours have pieces to trade from the start; in a
     * flash crowd from empty the peers hold nearly the same pieces (about 2 of 64 interesting per neighbour in
     * the 40-peer version of heterogeneous-tft), nobody can keep reciprocating, and both classes finish together
     * under either choker.
     */
    static SwarmConfig mixed(ChokerConfig choker) {
        SeedingSpec none = new SeedingSpec(Enums.SeedingKind.NONE, 0);
        List<Membership> half = List.of(new Membership("t0", Enums.Role.PEER, 0.5));
        GroupSpec fast = new GroupSpec("fast", 8, half, CapacitySpec.fixed(4_000_000), CapacitySpec.fixed(10_000_000),
                ArrivalSpec.defaults(), none, 0, 0);
        GroupSpec slow = new GroupSpec("slow", 24, half, CapacitySpec.fixed(512_000), CapacitySpec.fixed(10_000_000),
                ArrivalSpec.defaults(), none, 0, 0);
        return Scenarios.swarm(24L << 20, 256 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 2_000_000, 10_000_000), fast, slow),
                with(ProtocolSpec.defaults(), 3, true, choker), List.of());
    }

    @Test
    void fastPeersFinishFirstUnderTitForTat() {
        Chokers c = Chokers.compare(MechanismTest::mixed, "slow / fast");
        assertEquals(32, metric(c.tft, "completed"));
        assertTrue(c.tftRatio > 1.2, "fast peers finish clearly first under tit-for-tat: " + c.tftRatio);
        assertTrue(c.tftRatio > c.rndRatio + 0.2, "and the gap comes from tit-for-tat: " + c.tftRatio + " vs "
                + c.rndRatio);
    }

    // ---- endgame ----

    static SwarmConfig tail(boolean endgame) {
        CapacitySpec up = new CapacitySpec(Enums.CapacityKind.CLASSES, 0, List.of(new RateClass(100_000, 1),
                new RateClass(2_000_000, 2)), 0, 0);
        GroupSpec peers = new GroupSpec("p", 24, List.of(new Membership("t0", Enums.Role.PEER, 0)), up,
                CapacitySpec.fixed(10_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        return Scenarios.swarm(4L << 20, 256 << 10, Enums.PayloadMode.DIGEST,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 2_000_000, 10_000_000), peers),
                with(ProtocolSpec.defaults(), 3, endgame, TIT_FOR_TAT), List.of());
    }

    @Test
    void endgameCutsTheTail() {
        SwarmResults on = run(tail(true), END);
        SwarmResults off = run(tail(false), END);
        double a = meanDownload(on, 1);
        double b = meanDownload(off, 1);
        System.out.printf("mean download time: endgame %.3f s, without %.3f s%n", a, b);
        assertTrue(a < b * 0.95, "endgame shortens downloads: " + a + " vs " + b);
    }
}
