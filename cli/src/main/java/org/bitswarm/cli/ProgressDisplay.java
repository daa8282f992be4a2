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
        Line p = Line.parse(line);
        long now = System.nanoTime();
        double elapsed = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = p.events() / elapsed;
        if ("bar".equals(mode)) {
            if (bar == null) {
                if (p.total() > 0) {
                    // the run ends when the downloads do: the bar (and its ETA) counts them
                    bar = new ProgressBarBuilder().setTaskName("downloads done").setInitialMax(p.total())
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
                } else {
                    boolean seconds = p.end() >= 10 * Ticks.SECOND;
                    bar = new ProgressBarBuilder().setTaskName("simulated").setInitialMax(Math.max(1, p.end() / Ticks.MS))
                            .setUnit(seconds ? " s" : " ms", seconds ? 1000 : 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                            .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS).showSpeed().build();
                }
            }
            bar.stepTo(p.total() > 0 ? p.done() : p.time() / Ticks.MS);
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, " %s s simulated, %.2fM events/s",
                    String.format(java.util.Locale.ROOT, "%.1f", p.time() / 1e9), rate / 1e6));
        } else if ("plain".equals(mode) && (now - lastPlain >= Duration.ofSeconds(5).toNanos() || p.last())) {
            lastPlain = now;
            System.out.println(plain(p, elapsed, rate));
        }
    }

    /** One progress line for a log: downloads done and an ETA from them when counted, else simulated time. */
    static String plain(Line p, double elapsedSeconds, double eventsPerSecond) {
        String sim = String.format(java.util.Locale.ROOT, "%.1f", p.time() / 1e9);
        if (p.total() > 0) {
            String eta = p.done() > 0 && p.done() < p.total() && !p.last()
                    ? String.format(java.util.Locale.ROOT, ", ETA %.0f s", elapsedSeconds * (p.total() - p.done()) / p.done()) : "";
            return String.format(java.util.Locale.ROOT, "progress: %d/%d downloads done (%.0f%%)%s; %s s simulated, %d events, %.2fM events/s",
                    p.done(), p.total(), 100.0 * p.done() / p.total(), eta, sim, p.events(), eventsPerSecond / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "progress: %s of %s simulated s (%.0f%%), %d events, %.2fM events/s",
                Ticks.format(p.time()), Ticks.format(p.end()), 100.0 * p.time() / p.end(), p.events(), eventsPerSecond / 1e6);
    }

    /** A progress line: simulated time, end, events, and done/total downloads (0/0 when not counted). */
    record Line(long time, long end, long events, long done, long total, boolean last) {
        static Line parse(String line) {
            String[] f = line.substring(Progress.MARKER.length()).trim().split(" ");
            long done = 0;
            long total = 0;
            boolean last = false;
            for (int i = 4; i < f.length; i++) {
                if (Progress.FINAL.equals(f[i])) {
                    last = true;
                } else if (f[i].startsWith(Progress.DONE)) {
                    String[] dn = f[i].substring(Progress.DONE.length()).split("/");
                    done = Long.parseLong(dn[0]);
                    total = Long.parseLong(dn[1]);
                }
            }
            return new Line(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), done, total, last);
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
