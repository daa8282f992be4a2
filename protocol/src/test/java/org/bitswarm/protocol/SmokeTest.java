package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        RunResult r = Scenarios.run(cfg, 7, 1, 3600 * Scenarios.S, true);
        SwarmResults res = SwarmResults.from(cfg, r, 3600 * Scenarios.S);
        res.summaryMetrics().forEach((k, v) -> System.out.println(k + "," + v));
        res.peersRows().stream().limit(5).forEach(System.out::println);
        res.timeseriesRows().stream().limit(5).forEach(System.out::println);
        SwarmInvariants.check(cfg, r);
        // Every one of the 20 peers finished, from intact pieces, and peers.csv says so for each of them.
        var m = res.summaryMetrics();
        assertEquals("20", m.get("downloaders"));
        assertEquals("20", m.get("completed"));
        assertEquals("0", m.get("hash_failures"));
        assertEquals("0", m.get("corrupt_pieces_accepted"));
        assertTrue(Long.parseLong(m.get("downloaded_bytes")) >= 20L * (2L << 20), "each peer got the whole file");
        List<List<String>> peers = res.peersRows();
        int completion = peers.get(0).indexOf("download_time_s");
        assertTrue(completion >= 0, "peers.csv has download_time_s: " + peers.get(0));
        long done = peers.stream().skip(1).filter(f -> !f.get(completion).isEmpty()).count();
        assertEquals(20, done, "peers.csv rows with a download time (the seed has none)");
    }
}
