package org.bitswarm.engine.bench;

import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.engine.phold.Phold;

/**
 * PHOLD benchmark on in-process ranks (no MPJ). Not a test: it reports, never asserts.
 * Run: mvn -q -pl sim-engine test-compile && java -cp sim-engine/target/classes:sim-engine/target/test-classes:$HOME/.m2/repository/ca/umontreal/iro/simul/ssj/3.3.2/ssj-3.3.2.jar \
 *      org.bitswarm.engine.bench.PholdBench ENTITIES JOBS REMOTE END_SECONDS RANKS...
 */
public final class PholdBench {
    public static void main(String[] args) {
        long entities = Long.parseLong(args[0]);
        int jobs = Integer.parseInt(args[1]);
        double remote = Double.parseDouble(args[2]);
        long end = Ticks.ofSeconds(Double.parseDouble(args[3]));
        for (int i = 4; i < args.length; i++) {
            int ranks = Integer.parseInt(args[i]);
            for (int rep = 0; rep < 2; rep++) {
                RunResult r = LocalCluster.run(() -> Phold.of(entities, jobs, remote, 0.001, -1), ranks, RunConfig.of(1, end));
                System.out.printf("ranks=%d events=%d windows=%d events/window=%.0f wall=%.2fs events/s=%.2fM sync=%.1f%% digest=%s%n",
                        ranks, r.events(), r.windows(), (double) r.events() / r.windows(), r.wallSeconds(),
                        r.eventsPerSecond() / 1e6, 100 * r.syncShare(), r.eventDigest().substring(0, 12));
            }
        }
    }
}
