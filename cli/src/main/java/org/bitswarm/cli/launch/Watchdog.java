package org.bitswarm.cli.launch;

import java.time.Duration;

/**
 * Fails a run that has stopped moving, from the heartbeats ranks leave in the status directory
 * ({@link RankGuard#HEARTBEAT_PROPERTY}): a rank whose heartbeat stops for the watchdog's time is stopped
 * (SIGSTOP), frozen (a GC death spiral), dead without a word, or on a host that is gone; a run whose rank 0
 * finishes no window for that long is stuck (a livelock, or every rank waiting on one that is). Either way the
 * run can only hang, so the launcher ends it, naming the rank and its host.
 *
 * <p>Times are the front end's own clock: a heartbeat counts as new when its counter changed since the last
 * look, so the clocks of other hosts, and file times on a shared file system, play no part.
 */
final class Watchdog {

    private static final long CHECK_NANOS = 500_000_000L;
    /** A rank that was beating and falls silent this long is gone, whatever the watchdog's time. */
    private static final long SILENCE_NANOS = 30_000_000_000L;

    private final int np;
    private final StatusDir status;
    private final long limitNanos;
    private final Duration limit;
    private final long started;
    private final long[] lastSeq;
    private final long[] lastChange;
    private final StatusDir.Beat[] last;
    private long lastWindows;
    private long lastWindowChange;
    private long lastCheck;
    private long frontEndSeq;

    Watchdog(LaunchSpec spec, StatusDir status) {
        this(spec, status, System.nanoTime());
    }

    /** With the time the run started, on the clock of {@link #check}'s {@code now} (tests give their own). */
    Watchdog(LaunchSpec spec, StatusDir status, long startedNanos) {
        this.np = spec.np();
        this.status = status;
        this.limit = spec.watchdog();
        this.limitNanos = limit.toNanos();
        this.started = startedNanos;
        this.lastSeq = new long[np];
        this.lastChange = new long[np];
        this.last = new StatusDir.Beat[np];
        java.util.Arrays.fill(lastChange, started);
        this.lastWindowChange = started;
        this.lastCheck = started - CHECK_NANOS;
    }

    /** Null while the run moves; otherwise what is wrong, in a few words naming the rank(s). */
    String check(long now) {
        if (now - lastCheck < Math.min(CHECK_NANOS, limitNanos / 10)) {
            return null;
        }
        lastCheck = now;
        try {
            status.frontEndBeat(++frontEndSeq); // ranks on other hosts watch it
        } catch (java.io.IOException | RuntimeException e) {
            // A full disk: the ranks' own checks decide.
        }
        StatusDir.Beat[] beats = status.beats(np);
        long windows = 0;
        for (int r = 0; r < np; r++) {
            StatusDir.Beat b = beats[r];
            if (b != null && b.seq() != lastSeq[r]) {
                lastSeq[r] = b.seq();
                lastChange[r] = now;
                last[r] = b;
            }
            if (b != null) {
                windows = Math.max(windows, b.windows());
            }
        }
        if (windows != lastWindows) {
            lastWindows = windows;
            lastWindowChange = now;
        }
        boolean anySilent = false;
        for (int r = 0; r < np; r++) {
            anySilent |= now - lastChange[r] > allowed(r) && !status.hasReported(r);
        }
        StringBuilder silent = new StringBuilder();
        int count = 0;
        for (int r = 0; r < np; r++) {
            // Once one rank is past the limit, name every rank silent for half of it: ranks that stopped together
            // (threads of one stopped JVM) beat last at slightly different moments.
            if (anySilent && now - lastChange[r] > allowed(r) / 2 && !status.hasReported(r)) {
                count++;
                if (count <= 8) {
                    silent.append(silent.length() == 0 ? "" : ", ").append(describe(r));
                }
            }
        }
        if (count > 0) {
            return (count == 1 ? "rank " : "ranks ") + silent + (count > 8 ? " and " + (count - 8) + " more" : "")
                    + " stopped responding: no heartbeat for "
                    + format(limit.compareTo(java.time.Duration.ofNanos(SILENCE_NANOS)) > 0 && anyBeat(beats)
                            ? java.time.Duration.ofNanos(SILENCE_NANOS) : limit) + (anyBeat(beats) ? " (stopped, frozen, killed, or its host is gone)"
                            : " since the run started (the ranks never came up)")
                    + "; raise BITSWARM_WATCHDOG if a rank needs longer";
        }
        if (lastWindows > 0 && now - lastWindowChange > limitNanos && !status.hasReported(0)) {
            StatusDir.Beat b0 = last[0];
            return "watchdog: no window finished for " + format(limit) + " (every rank alive; stuck after window "
                    + lastWindows + (b0 == null ? "" : " at simulated " + b0.simTicks() / 1e9 + " s")
                    + ": a livelock?); raise BITSWARM_WATCHDOG if a window needs longer";
        }
        return null;
    }

    /** How long rank r may be silent: the watchdog's time, at most 30 s once it has beaten. */
    private long allowed(int r) {
        return last[r] == null ? limitNanos : Math.min(limitNanos, SILENCE_NANOS);
    }

    private String describe(int r) {
        StatusDir.Beat b = last[r];
        return r + (b == null ? " (no heartbeat ever)" : " (host " + b.host() + ", pid " + b.pid() + ")");
    }

    private static boolean anyBeat(StatusDir.Beat[] beats) {
        for (StatusDir.Beat b : beats) {
            if (b != null) {
                return true;
            }
        }
        return false;
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
