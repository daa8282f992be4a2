package org.bitswarm.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.bitswarm.cli.run.Progress;
import org.bitswarm.engine.SuppressForbidden;
import org.bitswarm.engine.Ticks;

/**
 * Shows rank 0's progress lines: a progress bar (simulated time, events/s, ETA) on a terminal, plain log lines
 * every 5 s otherwise, so that logs carry no escape codes. Every other line passes through unchanged.
 */
final class ProgressDisplay implements AutoCloseable {
    private final String mode;
    private ProgressBar bar;
    private long lastPlain;
    private long startNanos;

    @SuppressForbidden(reason = "wall-clock rates for the display")
    private ProgressDisplay(String mode) {
        this.mode = mode;
        this.startNanos = System.nanoTime();
    }

    static ProgressDisplay create(String requested) {
        String mode = "auto".equals(requested) ? (System.console() != null ? "bar" : "plain") : requested;
        return new ProgressDisplay(mode);
    }

    /** What rank 0 should emit. */
    String rankMode() {
        return "off".equals(mode) ? "off" : "on";
    }

    @SuppressForbidden(reason = "wall-clock rates for the display")
    synchronized void accept(String line) {
        if (!line.startsWith(Progress.MARKER)) {
            System.out.println(line);
            return;
        }
        String[] f = line.substring(Progress.MARKER.length()).trim().split(" ");
        long t = Long.parseLong(f[0]);
        long end = Long.parseLong(f[1]);
        long events = Long.parseLong(f[2]);
        boolean last = f.length > 4 && Progress.FINAL.equals(f[4]);
        long now = System.nanoTime();
        double rate = events / Math.max(1e-9, (now - startNanos) / 1e9);
        if ("bar".equals(mode)) {
            if (bar == null) {
                boolean seconds = end >= 10 * Ticks.SECOND;
                bar = new ProgressBarBuilder().setTaskName("simulated").setInitialMax(Math.max(1, end / Ticks.MS))
                        .setUnit(seconds ? " s" : " ms", seconds ? 1000 : 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS).showSpeed().build();
            }
            bar.stepTo(t / Ticks.MS);
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, " %.2fM events/s", rate / 1e6));
        } else if ("plain".equals(mode) && (now - lastPlain >= Duration.ofSeconds(5).toNanos() || last)) {
            lastPlain = now;
            System.out.printf(java.util.Locale.ROOT, "progress: %s of %s simulated s (%.0f%%), %d events, %.2fM events/s%n",
                    Ticks.format(t), Ticks.format(end), 100.0 * t / end, events, rate / 1e6);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
