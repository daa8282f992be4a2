package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TimelineEvent;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.config.TrackerSpec;
import org.bitswarm.protocol.net.UniformLatency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small scenarios over the configuration axes (payload, hash, piece policy, trackers, several torrents,
 * churn, corrupt senders, HAVE coalescing); the swarm invariants are checked after each, on 2 ranks.
 */
class InvariantSuiteTest {
    static Stream<Arguments> axes() {
        List<Arguments> out = new ArrayList<>();
        for (Enums.PayloadMode mode : Enums.PayloadMode.values()) {
            List<String> policies = List.of("rarest_first", "random", "sequential");
            for (int i = 0; i < policies.size(); i++) {
                String policy = policies.get(i);
                Enums.HashAlgo hash = policy.equals("random") ? Enums.HashAlgo.SHA256 : Enums.HashAlgo.SHA1;
                out.add(Arguments.of(mode, policy, hash, i + 1, policy.equals("sequential")));
            }
        }
        return out.stream();
    }

    static SwarmConfig config(Enums.PayloadMode mode, String policy, Enums.HashAlgo hash, int trackers,
            boolean batch) {
        ProtocolSpec p = ProtocolSpec.defaults().withPieceSelection(Scenarios.picker(policy))
                .withHave(new ProtocolSpec.HaveSpec(false, batch ? 500_000_000L : 0));
        GroupSpec seeds = new GroupSpec("seeds", 2, List.of(new Membership("a", Enums.Role.SEED, 0),
                new Membership("b", Enums.Role.SEED, 0)), CapacitySpec.fixed(3_000_000), CapacitySpec.fixed(10_000_000),
                ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        GroupSpec both = new GroupSpec("both", 12, List.of(new Membership("a", Enums.Role.PEER, 0),
                new Membership("b", Enums.Role.PEER, 0.3)),
                new CapacitySpec(Enums.CapacityKind.UNIFORM, 0, List.of(), 500_000, 2_000_000), CapacitySpec.fixed(6_000_000),
                new ArrivalSpec(Enums.ArrivalKind.LIST, 0, 0, List.of(0L, 1_000_000_000L, 3_000_000_000L)),
                new SeedingSpec(Enums.SeedingKind.FIXED, 5_000_000_000L), 0, 0);
        GroupSpec churn = new GroupSpec("churn", 10, List.of(new Membership("a", Enums.Role.PEER, 0)),
                CapacitySpec.fixed(1_000_000), CapacitySpec.fixed(4_000_000),
                new ArrivalSpec(Enums.ArrivalKind.POISSON, 0, 1.0, List.of()),
                new SeedingSpec(Enums.SeedingKind.EXPONENTIAL, 10_000_000_000L), 0.2, 0.5);
        GroupSpec riders = new GroupSpec("riders", 3, List.of(new Membership("a", Enums.Role.LEECHER, 0)),
                CapacitySpec.fixed(1_000_000), CapacitySpec.fixed(4_000_000), ArrivalSpec.defaults(),
                new SeedingSpec(Enums.SeedingKind.NONE, 0), 0, 0);
        GroupSpec quitters = new GroupSpec("quitters", 3, List.of(new Membership("b", Enums.Role.PEER, 0)),
                CapacitySpec.fixed(1_000_000), CapacitySpec.fixed(4_000_000), ArrivalSpec.defaults(),
                SeedingSpec.defaults(), 0, 0);
        long s = Scenarios.S;
        return new SwarmConfig(List.of(new TorrentSpec("a", 1L << 20, 64 << 10), new TorrentSpec("b", 600_000, 32 << 10)),
                List.of(seeds, both, churn, riders, quitters),
                new NetworkSpec(new UniformLatency.Config(5 * 1_000_000L, 80 * 1_000_000L)), p,
                new TrackerSpec(trackers, 1800 * s, 20 * s, 20, 10),
                List.of(new TimelineEvent(Enums.EventKind.TRACKER_OUTAGE, 2 * s, 20 * s, "", 0),
                        new TimelineEvent(Enums.EventKind.PAUSE, 2 * s, 0, "both", -1),
                        new TimelineEvent(Enums.EventKind.RESUME, 4 * s, 0, "both", -1),
                        new TimelineEvent(Enums.EventKind.ABORT, 3 * s, 0, "quitters", -1)),
                mode, hash, 2 * s, Enums.Until.ALL_COMPLETE);
    }

    @org.junit.jupiter.api.Test
    void payloadModesHaveTheSameTiming() {
        long end = 1200 * Scenarios.S;
        SwarmConfig bytes = config(Enums.PayloadMode.BYTES, "rarest_first", Enums.HashAlgo.SHA1, 1, false);
        SwarmConfig digest = config(Enums.PayloadMode.DIGEST, "rarest_first", Enums.HashAlgo.SHA1, 1, false);
        List<List<String>> a = SwarmResults.from(bytes, Scenarios.run(bytes, 5, 1, end, false), end).peersRows();
        List<List<String>> b = SwarmResults.from(digest, Scenarios.run(digest, 5, 1, end, false), end).peersRows();
        assertEquals(a, b, "bytes and digest payloads give the same peers.csv");
    }

    @ParameterizedTest
    @MethodSource("axes")
    void invariantsHold(Enums.PayloadMode mode, String policy, Enums.HashAlgo hash, int trackers, boolean batch) {
        SwarmConfig cfg = config(mode, policy, hash, trackers, batch);
        long end = 1200 * Scenarios.S;
        RunResult r = Scenarios.run(cfg, 99 + trackers, 2, end, true);
        SwarmInvariants.check(cfg, r);
        SwarmResults res = SwarmResults.from(cfg, r, end);
        System.out.println(mode + " " + policy + " " + hash + " trackers=" + trackers + " " + res.summaryMetrics());
        long downloaders = Long.parseLong(res.summaryMetrics().get("downloaders"));
        long aborted = 3;
        long completed = Long.parseLong(res.summaryMetrics().get("completed"));
        assertTrue(completed >= downloaders - aborted, "all but the quitters finish: " + completed + " of " + downloaders);
        assertEquals(res.peersRows().size() - 1, res.reports().sessions.size());
    }
}
