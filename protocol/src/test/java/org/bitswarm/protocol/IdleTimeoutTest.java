package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.ProtocolSpec.ConnectionSpec;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.config.TrackerSpec;
import org.bitswarm.protocol.net.FixedLatency;
import org.junit.jupiter.api.Test;

/**
 * {@code connections.idle_timeout} (Transmission's rule): peers that have nothing for each other must not hold
 * one another's connection slots for good. With 4 connections per client, the seed and 4 early peers fill each
 * other's limits; 5 peers that join later find them full and connect only among themselves, 4 each: their
 * limit, with nothing to trade. The early peers complete and leave, so the seed has room again, but nobody
 * tries it. Without the rule the late peers never receive a byte; with it their idle connections close after
 * the limit and they reach the seed through the tracker.
 */
class IdleTimeoutTest {
    static final long S = Ticks.SECOND;

    static SwarmConfig config(long idle) {
        CapacitySpec up = CapacitySpec.fixed(2_000_000);
        CapacitySpec down = CapacitySpec.fixed(20_000_000);
        GroupSpec seed = new GroupSpec("seed", 1, List.of(new Membership("t0", Enums.Role.SEED, 0)), up, down,
                ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        GroupSpec early = new GroupSpec("early", 4, List.of(new Membership("t0", Enums.Role.PEER, 0)), up, down,
                ArrivalSpec.defaults(), new SeedingSpec(Enums.SeedingKind.NONE, 0), 0, 0);
        GroupSpec late = new GroupSpec("late", 5, List.of(new Membership("t0", Enums.Role.PEER, 0)), up, down,
                new ArrivalSpec(Enums.ArrivalKind.LIST, 0, 0, List.of(2 * S)), SeedingSpec.defaults(), 0, 0);
        ProtocolSpec p = ProtocolSpec.defaults().withConnections(
                new ConnectionSpec(4, 4, 5, 0, 50, ConnectionSpec.PipelineRule.LEAST, 0, 0, idle, 0));
        return new SwarmConfig(List.of(new TorrentSpec("t0", 2L << 20, 256 << 10)), List.of(seed, early, late),
                new NetworkSpec(new FixedLatency.Config(10 * Ticks.MS)), p, TrackerSpec.defaults(), List.of(),
                Enums.PayloadMode.DIGEST, Enums.HashAlgo.SHA1, 10 * S, Enums.Until.END_TIME);
    }

    static List<SessionReport> late(SwarmConfig cfg, RunResult r) {
        return new Reports(cfg.trackers().count(), r).sessions.stream().filter(s -> s.group() == 2).toList();
    }

    @Test
    void idlePeersFreeTheirSlotsAndReachTheSeed() {
        SwarmConfig stuck = config(0);
        RunResult a = Scenarios.run(stuck, 1, 1, 900 * S, false);
        SwarmInvariants.check(stuck, a);
        List<SessionReport> before = late(stuck, a);
        assertEquals(5, before.size());
        for (SessionReport s : before) {
            System.out.printf("without idle_timeout: late peer %d downloaded %d bytes%n", s.peer(), s.downloaded());
            assertEquals(0, s.downloaded(), "the late peers hold each other's slots and never reach the seed");
        }
        SwarmConfig fixed = config(60 * S);
        RunResult b = Scenarios.run(fixed, 1, 1, 900 * S, false);
        SwarmInvariants.check(fixed, b);
        for (SessionReport s : late(fixed, b)) {
            System.out.printf("idle_timeout 60 s: late peer %d completed at %.1f s%n", s.peer(), Ticks.toSeconds(s.completedAt()));
            assertTrue(s.completedAt() > 0, "every late peer completes");
            // joined at 2 s, the idle connections close 60 s after they opened (checked at the 10 s rechokes)
            assertTrue(s.completedAt() >= 60 * S && s.completedAt() < 200 * S, "after the idle limit: " + s.completedAt());
        }
    }

    @Test
    void theLimitFallsFromTheMaximumToTheTimeoutAsTheConnectionsFill() {
        ConnectionSpec c = new ConnectionSpec(50, 50, 4, 0, 50, ConnectionSpec.PipelineRule.LEAST, 0, 0, 60 * S, 300 * S);
        // Transmission: full at (int) (50 * 0.9 + 0.5) = 45 connections
        assertEquals(300 * S, c.idleLimit(0));
        assertEquals(60 * S, c.idleLimit(45));
        assertEquals(60 * S, c.idleLimit(50));
        assertEquals(300 * S - (long) (240 * S * (20 / 45.0)), c.idleLimit(20));
        assertEquals(0, ProtocolSpec.defaults().connections().idleLimit(10), "off by default");
        assertEquals(60 * S, c.withIdleTimeout(60 * S, 0).idleLimit(0), "without a maximum: the timeout at any count");
    }
}
