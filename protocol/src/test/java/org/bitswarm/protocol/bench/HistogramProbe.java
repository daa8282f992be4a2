package org.bitswarm.protocol.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.config.SwarmConfig;

/**
 * Diagnosis, not a test: runs {@link BenchScenario#peersim} with CLIENTS clients for SECONDS simulated seconds
 * and, once the last window is done (every entity still live), writes the live-object class histogram (what
 * {@code jcmd PID GC.class_histogram} prints, after a full GC) to OUT. See docs/scaling.md.
 * <pre>java -cp CP org.bitswarm.protocol.bench.HistogramProbe CLIENTS SECONDS OUT [RANKS]</pre>
 */
public final class HistogramProbe {
    private HistogramProbe() {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        long end = Long.parseLong(args[1]) * Ticks.SECOND;
        Path out = Path.of(args[2]);
        int ranks = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        SwarmConfig cfg = BenchScenario.peersim(clients);
        RunConfig rc = RunConfig.of(1, end).withListener(new RunConfig.WindowListener() {
            @Override
            public void windowDone(long nextTime, long eventsSoFar, long windows) {}

            @Override
            public void runDone(long nextTime, long events, long windows) {
                try {
                    String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                            new Object[] {new String[0]}, new String[] {String[].class.getName()});
                    Files.writeString(out, h);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        RunResult r = LocalCluster.run(() -> new BitTorrentModel(cfg, 1), ranks, rc);
        System.out.printf("clients=%d seconds=%s events=%d wall=%.1f%n", clients, args[1], r.events(), r.wallSeconds());
    }
}
