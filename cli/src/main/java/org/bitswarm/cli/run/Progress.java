package org.bitswarm.cli.run;

import java.util.function.Consumer;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.SuppressForbidden;
import org.bitswarm.engine.Ticks;

/**
 * Progress of a run. Rank 0 prints machine lines {@code @@progress <sim ticks> <end ticks> <events> <windows>}
 * at most twice a second, and one more ending in {@code final} when the run is over; the front end turns them
 * into a progress bar on a terminal, or plain log lines.
 */
public final class Progress {
    public static final String MARKER = "@@progress ";
    /** The last field of the line sent when the run is over. */
    public static final String FINAL = "final";

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
                    emit(nextTime, events, windows, "");
                }
            }

            /** Always: the display must end where the run ended, not at the last rate-limited line. */
            @Override
            public void runDone(long nextTime, long events, long windows) {
                emit(nextTime, events, windows, " " + FINAL);
            }

            private void emit(long nextTime, long events, long windows, String suffix) {
                long t = nextTime == Ticks.NEVER ? endTime : Math.min(nextTime, endTime);
                sink.accept(MARKER + t + " " + endTime + " " + events + " " + windows + suffix);
            }
        };
    }
}
