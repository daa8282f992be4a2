package org.bitswarm.protocol.bench;

import java.util.List;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.net.UniformLatency;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.RateClass;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.config.TrackerSpec;

/** scenarios/bench-peersim-1000.yaml built in code, scaled to any number of clients. */
public final class BenchScenario {
    private BenchScenario() {}

    /**
     * The setting as in the scenario file, which leaves {@code connections.known} at its default (300);
     * -Dbench.known=K sets it (0: no limit).
     */
    public static SwarmConfig peersim(int clients) {
        return peersim(clients, Integer.getInteger("bench.known", ProtocolSpec.ConnectionSpec.defaults().known()),
                60 * Ticks.SECOND);
    }

    /** With {@code known} learned addresses at most (0: no limit) and peer exchange every {@code pexInterval}. */
    public static SwarmConfig peersim(int clients, int known, long pexInterval) {
        CapacitySpec up = new CapacitySpec(Enums.CapacityKind.CLASSES, 0, List.of(new RateClass(640_000, 1),
                new RateClass(1_000_000, 1), new RateClass(2_000_000, 1), new RateClass(4_000_000, 1)), 0, 0);
        CapacitySpec down = CapacitySpec.fixed(10_000_000);
        int seeds = (int) Math.round(clients * 0.15);
        int rest = clients - seeds;
        int empty = (int) Math.round(rest * 0.8);
        int partial = rest - empty;
        SeedingSpec forever = SeedingSpec.defaults();
        ProtocolSpec d = ProtocolSpec.defaults();
        ProtocolSpec p = d.withConnections(d.connections().withInitiate(50).withKnown(known))
                .withPex(new ProtocolSpec.PexSpec(true, pexInterval))
                .withHave(new ProtocolSpec.HaveSpec(false, Long.getLong("bench.have_batch_ms", 0) * 1_000_000L));
        return new SwarmConfig(List.of(new TorrentSpec("file", 100L << 20, 256 << 10)),
                List.of(new GroupSpec("seeds", seeds, List.of(new Membership("file", Enums.Role.SEED, 0)), up, down,
                                ArrivalSpec.defaults(), forever, 0, 0),
                        new GroupSpec("empty", empty, List.of(new Membership("file", Enums.Role.PEER, 0)), up, down,
                                ArrivalSpec.defaults(), forever, 0, 0),
                        new GroupSpec("partial", partial, List.of(new Membership("file", Enums.Role.PEER, 0.5)), up, down,
                                ArrivalSpec.defaults(), forever, 0, 0)),
                new NetworkSpec(new UniformLatency.Config(10 * Ticks.MS, 400 * Ticks.MS)), p, TrackerSpec.defaults(),
                List.of(), Enums.PayloadMode.DIGEST, Enums.HashAlgo.SHA1, 10 * Ticks.SECOND, Enums.Until.END_TIME);
    }
}
