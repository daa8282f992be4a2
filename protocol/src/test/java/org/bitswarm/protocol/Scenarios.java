package org.bitswarm.protocol;

import java.util.List;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.net.UniformLatency;
import org.bitswarm.protocol.pick.RandomPicker;
import org.bitswarm.protocol.pick.RarestFirstPicker;
import org.bitswarm.protocol.pick.SequentialPicker;
import org.bitswarm.protocol.strategy.PickerConfig;
import org.bitswarm.protocol.config.RateClass;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TimelineEvent;
import org.bitswarm.protocol.config.TorrentSpec;

/** Small scenario builders and a runner shared by the tests. */
final class Scenarios {
    private Scenarios() {}

    static final long S = Ticks.SECOND;

    static GroupSpec group(String name, int count, Enums.Role role, long upBps, long downBps) {
        return new GroupSpec(name, count, List.of(new Membership("t0", role, 0)), CapacitySpec.fixed(upBps),
                CapacitySpec.fixed(downBps), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
    }

    static GroupSpec mixedPeers(String name, int count) {
        CapacitySpec up = new CapacitySpec(Enums.CapacityKind.CLASSES, 0, List.of(new RateClass(640_000, 1),
                new RateClass(1_000_000, 1), new RateClass(2_000_000, 1), new RateClass(4_000_000, 1)), 0, 0);
        return new GroupSpec(name, count, List.of(new Membership("t0", Enums.Role.PEER, 0)), up,
                CapacitySpec.fixed(10_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
    }

    static SwarmConfig swarm(long fileSize, long pieceSize, Enums.PayloadMode mode, List<GroupSpec> groups,
            ProtocolSpec protocol, List<TimelineEvent> timeline) {
        return new SwarmConfig(List.of(new TorrentSpec("t0", fileSize, pieceSize)), groups,
                new NetworkSpec(new UniformLatency.Config(10 * Ticks.MS, 100 * Ticks.MS)), protocol,
                org.bitswarm.protocol.config.TrackerSpec.defaults(), timeline, mode, Enums.HashAlgo.SHA1, 10 * S,
                Enums.Until.ALL_COMPLETE);
    }

    static RunResult run(SwarmConfig cfg, long seed, int ranks, long endTime, boolean trace) {
        System.out.println("seed=" + seed + " ranks=" + ranks);
        return LocalCluster.run(() -> new BitTorrentModel(cfg, seed), ranks, RunConfig.of(seed, endTime).withTrace(trace));
    }

    /** The picker configuration of a registered kind, with mainline's defaults. */
    static PickerConfig picker(String kind) {
        return switch (kind) {
            case "rarest_first" -> RarestFirstPicker.Config.defaults();
            case "random" -> RandomPicker.Config.defaults();
            case "sequential" -> SequentialPicker.Config.defaults();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static ProtocolSpec protocol() {
        return ProtocolSpec.defaults();
    }
}
