package org.bitswarm.cli.run;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.SuppressForbidden;
import org.bitswarm.engine.Ticks;

/**
 * Progress of a run. Rank 0 prints machine lines {@code @@progress <sim ticks> <end ticks> <events> <windows>},
 * then {@code done=<D>/<N>} when the run stops on finished work (downloads) and rank 0 can count it, and
 * {@code final} on the line sent when the run is over; at most two lines a second. The front end turns them into
 * a progress bar on a terminal, or plain log lines.
 */
public final class Progress {
    public static final String MARKER = "@@progress ";
    /** The last field of the line sent when the run is over. */
    public static final String FINAL = "final";
    /** Prefix of the finished-work field. */
    public static final String DONE = "done=";

    private Progress() {}

    /** Wall time in nanoseconds, only to rate-limit the lines (never in results). */
    @SuppressForbidden(reason = "rate-limits progress output by wall time")
    static long wallNanos() {
        return System.nanoTime();
    }

    static RunConfig.WindowListener emitter(String mode, long endTime, Consumer<String> sink) {
        return emitter(mode, endTime, sink, null);
    }

    /** With {@code work}: {done, total} (or null when unknown) appended as {@code done=D/N}. */
    static RunConfig.WindowListener emitter(String mode, long endTime, Consumer<String> sink, Supplier<long[]> work) {
        return emitter(mode, endTime, sink, work, Progress::wallNanos);
    }

    /** As above, with the clock that rate-limits the lines given (tests step it by hand). */
    static RunConfig.WindowListener emitter(String mode, long endTime, Consumer<String> sink, Supplier<long[]> work,
            LongSupplier clock) {
        if ("off".equals(mode)) {
            return RunConfig.WindowListener.NONE;
        }
        return new RunConfig.WindowListener() {
            private long lastNanos = Long.MIN_VALUE;

            @Override
            public void windowDone(long nextTime, long events, long windows) {
                long now = clock.getAsLong();
                if (lastNanos == Long.MIN_VALUE || now - lastNanos >= 500_000_000L) {
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
                long[] w = work == null ? null : work.get();
                String done = w == null || w[1] <= 0 ? "" : " " + DONE + w[0] + "/" + w[1];
                sink.accept(MARKER + t + " " + endTime + " " + events + " " + windows + done + suffix);
            }
        };
    }
}
