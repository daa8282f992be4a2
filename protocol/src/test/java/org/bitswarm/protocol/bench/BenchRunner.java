package org.bitswarm.protocol.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.SwarmInvariants;
import org.bitswarm.protocol.SwarmResults;
import org.bitswarm.protocol.config.SwarmConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: runs only with -Dbench=CLIENTS. Reports wall time, events/s and peak heap. Recipe:
 * {@code mvn -B -q -o -pl protocol test -Dtest=BenchRunner -Dbench=999 -Dbench.ranks=1 -Dbench.minutes=30 -Dtest.heap=6g}
 */
public class BenchRunner {
    /** The same as the test, for a direct {@code java -cp ... BenchRunner} run with -Dbench=N etc. */
    public static void main(String[] args) {
        new BenchRunner().run();
    }

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "\\d+")
    void run() {
        int clients = Integer.getInteger("bench");
        int ranks = Integer.getInteger("bench.ranks", 1);
        long end = Long.getLong("bench.seconds", Integer.getInteger("bench.minutes", 30) * 60L) * Ticks.SECOND;
        long seed = Long.getLong("bench.seed", 1);
        SwarmConfig cfg = BenchScenario.peersim(clients);
        AtomicLong lastPrint = new AtomicLong();
        long t0 = System.nanoTime();
        RunConfig rc = RunConfig.of(seed, end).withListener((next, events, windows) -> {
            long now = System.nanoTime();
            if (now - lastPrint.get() > 5_000_000_000L) {
                lastPrint.set(now);
                System.out.printf("  sim %.0f s, %d events, wall %.1f s%n", next / 1e9, events, (now - t0) / 1e9);
            }
        });
        RunResult r = LocalCluster.run(() -> new BitTorrentModel(cfg, seed), ranks, rc);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        SwarmResults res = SwarmResults.from(cfg, r, end);
        System.out.printf("BENCH clients=%d ranks=%d wall=%.2f s events=%d events/s=%.0f windows=%d sync=%.2f peak_heap=%d MiB%n",
                clients, ranks, r.wallSeconds(), r.events(), r.eventsPerSecond(), r.windows(), r.syncSeconds(), peak >> 20);
        res.summaryMetrics().forEach((k, v) -> System.out.println("  " + k + " = " + v));
        SwarmInvariants.check(cfg, r);
    }
}
