package org.bitswarm.cli.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Starts the ranks of one parallel run in child processes, relays their output, and turns every way a run can
 * go wrong into a non-zero exit code and a message, within seconds and without ever hanging.
 *
 * <p>Why it is needed: MPJ Express reports success when a rank threw (exit 0 under multicore) and waits forever
 * when a rank died (niodev). The launcher instead watches the status directory that {@link RankGuard} writes,
 * the child's exit status and, under niodev, the rank JVMs themselves; on the first sign of failure it kills
 * every process of the run.
 *
 * <p>Output: the child's stdout lines go to the stdout consumer and its stderr lines to the stderr consumer
 * (both called from relay threads, one line at a time), minus MPJ's banner lines ({@link MpjNoise}). Under
 * niodev MPJ merges each rank's stderr into its stdout, so everything arrives on stdout. The launcher's own
 * messages, all starting with {@code bitswarm: }, go to the stderr consumer.
 */
public final class MpjLauncher {

    public static final int EXIT_OK = 0;
    /** The ranks could not be started (bad MPJ_HOME, daemon that did not come up, refused arguments). */
    public static final int EXIT_LAUNCH_FAILED = 2;
    /** A rank reported a failure, or a rank JVM ended without reporting. */
    public static final int EXIT_RANK_FAILED = RankGuard.FAILURE_EXIT;
    /** Everything exited 0 but rank 0 never reported that it finished. */
    public static final int EXIT_INCOMPLETE = 4;
    /** The watchdog stopped the run: a rank stopped responding, or no window finished for too long. */
    public static final int EXIT_STALLED = 5;
    public static final int EXIT_TIMEOUT = 124;
    public static final int EXIT_INTERRUPTED = 130;

    /** Where under the status directory a niodev run keeps its private MPJ_HOME, daemon log and machines file. */
    static final String NIODEV_RUN_DIR = "mpj";

    private final Consumer<String> stdoutLines;
    private final Consumer<String> stderrLines;

    /** A launcher that prints the ranks' output and its own messages on this JVM's stdout and stderr. */
    public MpjLauncher() {
        this(System.out::println, System.err::println);
    }

    /**
     * @param stdoutLines receives the ranks' stdout, line by line (e.g. to pick out {@code @@progress} lines)
     * @param stderrLines receives the ranks' stderr and the launcher's own {@code bitswarm: ...} messages
     */
    public MpjLauncher(Consumer<String> stdoutLines, Consumer<String> stderrLines) {
        this.stdoutLines = Objects.requireNonNull(stdoutLines);
        this.stderrLines = Objects.requireNonNull(stderrLines);
    }

    /**
     * Runs the ranks described by {@code spec} to their end and returns the run's exit code: {@link #EXIT_OK},
     * or one of the other {@code EXIT_} codes, or the ranks' JVM's own non-zero status, after a
     * {@code bitswarm: ...} message saying what went wrong. Kills every process of the run before returning,
     * and if this JVM shuts down meanwhile. If the calling thread is interrupted, the run is killed and
     * {@link #EXIT_INTERRUPTED} returned with the thread's interrupt flag set.
     */
    public int launch(LaunchSpec spec) {
        StatusDir status = new StatusDir(spec.statusDir().toAbsolutePath());
        try {
            status.prepare();
            return switch (spec.device()) {
                case MULTICORE -> supervise(spec, status, MulticoreRun.command(spec), null);
                case NIODEV -> spec.launcher() == Launcher.DAEMON ? launchNiodev(spec, status) : launchRemote(spec, status);
            };
        } catch (LaunchException e) {
            stderrLines.accept("bitswarm: cannot start the ranks: " + e.getMessage());
            return EXIT_LAUNCH_FAILED;
        } catch (IOException e) {
            stderrLines.accept("bitswarm: cannot prepare the status directory " + status.path() + ": " + e);
            return EXIT_LAUNCH_FAILED;
        }
    }

    private int launchNiodev(LaunchSpec spec, StatusDir status) throws LaunchException {
        Path runDir = status.path().resolve(NIODEV_RUN_DIR);
        try (NiodevRun run = NiodevRun.prepare(spec, runDir)) {
            if (run.exposed()) {
                stderrLines.accept("bitswarm: warning: no network namespace could be made (it needs root and unshare),"
                        + " so MPJ's daemon and the niodev ranks listen on every interface of this host during the run");
            }
            return supervise(spec, status, run.command(), run);
        }
    }

    /** Niodev without MPJ's daemon: one remote-shell command per rank (see {@link RemoteRun}). */
    private int launchRemote(LaunchSpec spec, StatusDir status) throws LaunchException {
        try (RemoteRun run = RemoteRun.prepare(spec, System.getenv())) {
            return new RunSupervisor(spec, status, stdoutLines, stderrLines, null, run).run(run.commands());
        }
    }

    private int supervise(LaunchSpec spec, StatusDir status, ProcessBuilder command, NiodevRun niodev) {
        return new RunSupervisor(spec, status, stdoutLines, stderrLines, niodev).run(command);
    }
}
