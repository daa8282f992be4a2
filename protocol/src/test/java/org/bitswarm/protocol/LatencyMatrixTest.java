package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.net.Latency;
import org.bitswarm.protocol.net.MatrixLatency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Latencies read from a matrix file: symmetric lookups, the minimum is the lookahead, a swarm runs on it. */
class LatencyMatrixTest {
    @Test
    void matrixLatencies(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("lat.txt");
        Files.writeString(f, "0 20 35\n20 0 12.5\n35 12.5 0\n");
        NetworkSpec net = new NetworkSpec(new MatrixLatency.Config(f.toString()));
        Latency lat = net.latency().create(1, 4);
        assertEquals(12_500_000L, lat.lowest());
        assertEquals(20 * Ticks.MS, lat.between(0, 1));
        assertEquals(lat.between(2, 1), lat.between(1, 2));
        assertEquals(12_500_000L, lat.between(0, 3), "same cell modulo the size: the matrix minimum");

        SwarmConfig base = Scenarios.swarm(512 << 10, 64 << 10, Enums.PayloadMode.BYTES,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 2_000_000, 10_000_000), Scenarios.mixedPeers("p", 8)),
                Scenarios.protocol(), List.of());
        SwarmConfig cfg = new SwarmConfig(base.torrents(), base.groups(), net, base.protocol(), base.trackers(),
                base.timeline(), base.payload(), base.hash(), base.timeseriesInterval(), base.until());
        long end = 600 * Scenarios.S;
        RunResult one = Scenarios.run(cfg, 3, 1, end, true);
        RunResult two = Scenarios.run(cfg, 3, 2, end, false);
        SwarmInvariants.check(cfg, one);
        assertEquals(one.eventDigest(), two.eventDigest());
        assertEquals("8", SwarmResults.from(cfg, one, end).summaryMetrics().get("completed"));
    }
}
