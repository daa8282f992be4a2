package org.bitswarm.cli.run;

import java.util.function.Consumer;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.SuppressForbidden;
import org.bitswarm.engine.Ticks;

/**
 * Progress of a run. Rank 0 prints machine lines {@code @@progress <sim ticks> <end ticks> <events> <windows>}
 * at most twice a second; the front end turns them into a progress bar on a terminal, or plain log lines.
 */
public final class Progress {
    public static final String MARKER = "@@progress ";

    private Progress() {}

    static RunConfig.WindowListener emitter(String mode, long endTime, Consumer<String> sink) {
        if ("off".equals(mode)) {
            return RunConfig.WindowListener.NONE;
        }
        return new RunConfig.WindowListener() {
            private long lastNanos;

            @Override
            @SuppressForbidden(reason = "rate-limits progress output by wall time")
            public void windowDone(long nextTime, long events, long windows) {
                long now = System.nanoTime();
                if (now - lastNanos >= 500_000_000L) {
                    lastNanos = now;
                    long t = nextTime == Ticks.NEVER ? endTime : Math.min(nextTime, endTime);
                    sink.accept(MARKER + t + " " + endTime + " " + events + " " + windows);
                }
            }
        };
    }
}
