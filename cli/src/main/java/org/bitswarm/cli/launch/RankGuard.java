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

    private void fail(String rank, Throwable t) {
        try {
            String cause = describe(t);
            String trace = traceFile(rank, t);
            String verdict = cause + (trace != null ? "; stack trace: " + trace : "");
            try {
                if (status != null) {
                    status.markFailed(rank, verdict);
                }
            } catch (IOException | RuntimeException e) {
                err.println("bitswarm: rank " + rank + " could not write its failure report: " + e);
            }
            // one line; the trace is in the file (it would be a screenful of frames on the terminal)
            err.println("bitswarm: rank " + rank + " failed: " + verdict);
            if (trace == null) {
                t.printStackTrace(err);
            }
            err.flush();
        } catch (Throwable reportingFailed) {
            // Out of memory even for the report: the exit status still tells the launcher.
        } finally {
            halt.accept(FAILURE_EXIT);
        }
    }

    /** Writes the stack trace to {@code bitswarm-rank<R>-*.log} in the temporary folder; null if it cannot. */
    static String traceFile(String rank, Throwable t) {
        try {
            Path f = Files.createTempFile("bitswarm-rank" + rank.replaceAll("[^0-9]", "") + "-", ".log");
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
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
        if (root != t && !text.contains(String.valueOf(root))) {
            text += " (caused by " + root + ")";
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
