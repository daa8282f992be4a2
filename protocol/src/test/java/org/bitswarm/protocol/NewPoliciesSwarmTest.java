package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.choke.BitTyrantChoker;
import org.bitswarm.protocol.choke.PropShareChoker;
import org.bitswarm.protocol.choke.SuperSeedChoker;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.ProtocolOverride;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.link.WeightedFair;
import org.bitswarm.protocol.net.CoordinateLatency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each new policy in a real (small) swarm, set per group: everyone completes, the swarm invariants hold
 * (bytes conserved, no link overrun, every piece verified), and the digest is the same on 1 and 3 ranks.
 */
class NewPoliciesSwarmTest {
    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("bit_tyrant group", ProtocolOverride.defaults(),
                        ProtocolOverride.choker(BitTyrantChoker.Config.defaults(), WeightedFair.Config.defaults()), false),
                Arguments.of("prop_share group", ProtocolOverride.defaults(),
                        ProtocolOverride.choker(PropShareChoker.Config.defaults(), WeightedFair.Config.defaults()), false),
                Arguments.of("super_seed seed, coordinate latency", ProtocolOverride.choker(SuperSeedChoker.Config.defaults()),
                        ProtocolOverride.defaults(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void completesWithInvariantsOnAnyRankCount(String name, ProtocolOverride seedProtocol, ProtocolOverride groupProtocol,
            boolean coordinates) {
        GroupSpec seed = Scenarios.group("seed", 1, Enums.Role.SEED, 2_000_000, 10_000_000).withProtocol(seedProtocol);
        GroupSpec plain = Scenarios.mixedPeers("plain", 10);
        GroupSpec other = Scenarios.mixedPeers("other", 6).withProtocol(groupProtocol);
        SwarmConfig base = Scenarios.swarm(2L << 20, 128 << 10, Enums.PayloadMode.DIGEST, List.of(seed, plain, other),
                Scenarios.protocol(), List.of());
        NetworkSpec net = coordinates ? new NetworkSpec(new CoordinateLatency.Config(5_000_000, 100_000_000, 3, 0.05))
                : base.network();
        SwarmConfig cfg = new SwarmConfig(base.torrents(), base.groups(), net, base.protocol(), base.trackers(),
                base.timeline(), base.payload(), base.hash(), base.timeseriesInterval(), base.until());
        long end = 3600 * Scenarios.S;
        RunResult one = Scenarios.run(cfg, 11, 1, end, true);
        SwarmInvariants.check(cfg, one);
        assertEquals("16", SwarmResults.from(cfg, one, end).summaryMetrics().get("completed"), name);
        assertEquals(one.eventDigest(), Scenarios.run(cfg, 11, 3, end, false).eventDigest(), name + ": same digest on 3 ranks");
    }
}
