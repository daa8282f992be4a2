package org.bitswarm.protocol;

import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.SwarmConfig;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smallSwarmCompletes() {
        SwarmConfig cfg = Scenarios.swarm(2L << 20, 256 << 10, Enums.PayloadMode.BYTES,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 4_000_000, 10_000_000), Scenarios.mixedPeers("p", 20)),
                Scenarios.protocol(), List.of());
        RunResult r = Scenarios.run(cfg, 7, 1, 3600 * Scenarios.S, false);
        SwarmResults res = SwarmResults.from(cfg, r, 3600 * Scenarios.S);
        res.summaryMetrics().forEach((k, v) -> System.out.println(k + "," + v));
        res.peersRows().stream().limit(5).forEach(System.out::println);
        res.timeseriesRows().stream().limit(5).forEach(System.out::println);
        SwarmInvariants.check(cfg, r);
    }
}
