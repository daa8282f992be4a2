package org.bitswarm.cli.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * Wraps the body of a rank's {@code main} so that its failure reaches the user.
 *
 * <p>Why: MPJ Express hides failures. Under multicore an exception in a rank is printed and the JVM exits 0;
 * under niodev the failed rank's JVM ends while every other rank waits forever in its next collective. The
 * guard catches every {@link Throwable} (OutOfMemoryError included), writes {@code rank-R.failed} with the cause
 * into the status directory that {@link MpjLauncher} passes in the {@value #STATUS_DIR_PROPERTY} system
 * property, prints {@code bitswarm: rank R failed: <cause>} to stderr and halts the JVM with status
 * {@value #FAILURE_EXIT}. It halts rather than exits: under multicore the other ranks are threads stuck in
 * collectives and shutdown hooks could wait on them. On success it writes {@code rank-R.done}.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     RankGuard.run(args, mpjArgs -> {
 *         String[] appArgs = MpjRuntime.init(mpjArgs);
 *         ...
 *         MpjRuntime.finish();
 *     });
 * }
 * }</pre>
 */
public final class RankGuard {

    /** The system property naming the status directory; the launcher sets it on every rank's JVM. */
    public static final String STATUS_DIR_PROPERTY = "bitswarm.statusDir";

    /**
     * The system property asking every rank for a heartbeat every that many milliseconds: {@code rank-R.beat}
     * in the status directory, with a counter, the windows done and the simulated time reached, the host and
     * the pid. The launcher's watchdog reads them: a rank whose heartbeat stops is stopped, frozen or gone; a
     * run whose windows stop advancing is stuck. Set by the launcher.
     */
    public static final String HEARTBEAT_PROPERTY = "bitswarm.heartbeatMillis";

    /**
     * The system property asking the guard to halt the rank's JVM when its parent process (the front end under
     * multicore, the MPJ daemon under niodev) is gone: a rank never runs on after the run it belongs to.
     */
    public static final String DIE_WITH_PARENT_PROPERTY = "bitswarm.dieWithParent";

    /**
     * The system property giving how long (ms) a rank goes on without a change of the front end's heartbeat
     * before it halts; 0: it does not watch. Set by the launcher.
     */
    public static final String FRONT_END_SILENCE_PROPERTY = "bitswarm.frontEndSilenceMillis";

    /** Exit status of a JVM halted because its parent process died. */
    public static final int ORPHAN_EXIT = 137;

    /** Windows done and simulated time reached by this rank (per rank: statics are per rank class loader). */
    private static volatile long windowsDone;
    private static volatile long simTicks;

    /** Called by the rank's engine after every window: what the heartbeat reports. */
    public static void progress(long windows, long simTime) {
        windowsDone = windows;
        simTicks = simTime;
    }

    /** Exit status of a JVM halted by the guard (also the JVM's own status for -XX:+ExitOnOutOfMemoryError). */
    public static final int FAILURE_EXIT = 3;

    /** A rank's main body; gets MPJ's raw arguments (rank, size or config, device, then the app's). */
    @FunctionalInterface
    public interface RankMain {
        void run(String[] mpjArgs) throws Exception;
    }

    private final StatusDir status;
    private final PrintStream err;
    private final IntConsumer halt;

    RankGuard(Path statusDir, PrintStream err, IntConsumer halt) {
        this.status = statusDir == null ? null : new StatusDir(statusDir);
        this.err = err;
        this.halt = halt;
    }

    /** Runs {@code body} as rank {@code mpjArgs[0]}; never returns normally if the body throws. */
    public static void run(String[] mpjArgs, RankMain body) {
        String dir = System.getProperty(STATUS_DIR_PROPERTY);
        new RankGuard(dir == null ? null : Path.of(dir), System.err, code -> Runtime.getRuntime().halt(code))
                .guard(mpjArgs, body);
    }

    void guard(String[] mpjArgs, RankMain body) {
        // MPJ puts the rank first on both devices; read it before MPI.Init so that even Init's failure is named.
        String rank = mpjArgs != null && mpjArgs.length > 0 ? mpjArgs[0] : "?";
        startWatchers(rank);
        try {
            body.run(mpjArgs);
        } catch (Throwable t) {
            fail(rank, t);
            return;
        }
        try {
            if (status != null) {
                status.markDone(rank);
            }
        } catch (Throwable t) {
            fail(rank, t);
        }
    }

    /** The heartbeat and the parent watch, each a daemon thread of its own, when the launcher asks for them. */
    private void startWatchers(String rank) {
        long beat = Long.getLong(HEARTBEAT_PROPERTY, 0L);
        if (status != null && beat > 0) {
            Thread t = new Thread(() -> heartbeat(rank, beat), "bitswarm-heartbeat-" + rank);
            t.setDaemon(true);
            t.start();
        }
        if (Boolean.getBoolean(DIE_WITH_PARENT_PROPERTY)) {
            ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
            if (parent != null) {
                Thread t = new Thread(() -> watchParent(parent), "bitswarm-parent-watch-" + rank);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    /**
     * Beats, and watches the front end from the same shared folder: a rank on another host has no parent to
     * watch, so it stops when the run's status folder is gone (the front end ended the run) or when the front
     * end's own heartbeat has not changed for the time in {@link #FRONT_END_SILENCE_PROPERTY} (it was killed).
     */
    private void heartbeat(String rank, long millis) {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        long silence = Long.getLong(FRONT_END_SILENCE_PROPERTY, 0L);
        long frontSeq = status.frontEndSeq();
        long frontChanged = System.nanoTime();
        for (long seq = 1; ; seq++) {
            try {
                status.beat(rank, seq + " " + windowsDone + " " + simTicks + " " + host + " " + pid);
            } catch (IOException | RuntimeException e) {
                // A full disk: the launcher notices the silence. A vanished folder: the run is over.
            }
            if (!status.exists()) {
                orphaned("the run's status folder " + status.path() + " is gone");
                return;
            }
            long now = System.nanoTime();
            long fs = status.frontEndSeq();
            if (fs != frontSeq) {
                frontSeq = fs;
                frontChanged = now;
            } else if (silence > 0 && frontSeq >= 0 && now - frontChanged > silence * 1_000_000L) {
                orphaned("the front end's heartbeat stopped " + silence / 1000 + " s ago");
                return;
            }
            if (!sleepQuietly(millis)) {
                return;
            }
        }
    }

    private void orphaned(String why) {
        err.println("bitswarm: rank stopping: " + why);
        err.flush();
        halt.accept(ORPHAN_EXIT);
    }

    private void watchParent(ProcessHandle parent) {
        while (true) {
            long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (!parent.isAlive() || now != parent.pid()) {
                orphaned("the process that started it (pid " + parent.pid() + ") is gone");
                return;
            }
            if (!sleepQuietly(500)) {
                return;
            }
        }
    }

    private static boolean sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** This host's name as the kernel has it (per UTS namespace), without a lookup that could block. */
    private static String hostName() {
        try {
            String h = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h.replaceAll("\\s+", "_");
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "unknown" : env.strip();
    }

    private void fail(String rank, Throwable t) {
        try {
            String cause = describe(t);
            // a failure of the machine says it all in one line; a bug's stack trace goes to a file
            String trace = isEnvironmental(t) ? null : traceFile(status == null ? null : status.path(), rank, t);
            String verdict = cause + (trace != null ? StatusDir.TRACE_SEPARATOR + trace : "");
            try {
                if (status != null) {
                    status.markFailed(rank, verdict);
                }
            } catch (IOException | RuntimeException e) {
                err.println("bitswarm: rank " + rank + " could not write its failure report: " + e);
            }
            err.println("bitswarm: rank " + rank + " failed: " + verdict);
            if (trace == null && !isEnvironmental(t)) {
                t.printStackTrace(err); // no file for it: the trace is for whoever fixes the bug
            }
            err.flush();
        } catch (Throwable reportingFailed) {
            // Out of memory even for the report: the exit status still tells the launcher.
        } finally {
            halt.accept(FAILURE_EXIT);
        }
    }

    /** A failure of the machine (a full disk, a missing file), not of the code: its one line says it all. */
    static boolean isEnvironmental(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException || c instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the stack trace to {@code rank-R.trace} in the status folder, where the launcher takes it when it
     * reports this failure (and otherwise deletes it with the folder: a rank killed with its run leaves no file
     * nobody was told about); without a status folder, to {@code bitswarm-rank<R>-*.log} in the temporary
     * folder. Null if it cannot be written.
     */
    static String traceFile(Path statusDir, String rank, Throwable t) {
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            String r = rank.replaceAll("[^0-9]", "");
            Path f = statusDir != null ? statusDir.resolve(StatusDir.traceName(r))
                    : Files.createTempFile("bitswarm-rank" + r + "-", ".log");
            Files.writeString(f, w.toString(), java.nio.charset.StandardCharsets.UTF_8);
            return f.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** One line: the throwable, and its root cause when the root says something the top does not. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(t);
        boolean said = text.contains(String.valueOf(root)) || root.getMessage() != null && text.contains(root.getMessage());
        if (root != t && !said) {
            text += " (caused by " + root + ")";
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
