package org.bitswarm.cli.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Watches one started run until it ends, fails or times out, then makes sure all of it is gone. */
final class RunSupervisor {

    private static final long POLL_MILLIS = 100;
    /** After a failure report, how long the child may take to end by itself so its last output gets through. */
    private static final long FAILURE_GRACE_MILLIS = 500;
    private static final long DRAIN_MILLIS = 2_000;
    private static final String JVM_OOM = "Terminating due to java.lang.OutOfMemoryError";
    private static final Pattern GUARD_LINE = Pattern.compile("bitswarm: rank (\\d+) failed: .*");
    /** At most this many of MPJRun's own stderr lines are held back, and of the daemon log's last lines shown. */
    private static final int MPJ_LINES = 40;

    private final LaunchSpec spec;
    private final StatusDir status;
    private final Consumer<String> stdoutLines;
    private final Consumer<String> stderrLines;
    private final NiodevRun niodev;
    private final RemoteRun remote;
    private final AtomicReference<String> outOfMemory = new AtomicReference<>();
    /** The processes started: one (the multicore JVM, or MPJRun), or one remote shell per rank (RemoteRun). */
    private final List<Process> children = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Under niodev, what MPJRun itself printed on stderr (the ranks' own output comes on its stdout). Held back
     * until the run's end: when the launcher names the cause (a rank that died or stalled, a rank's failure
     * report, a timeout, a signal), MPJRun's stack traces about the sockets that closed are that event told
     * again, and they would come before the line that names it; otherwise they are shown before the verdict.
     */
    private final List<String> mpjRunWords = new ArrayList<>();
    private int mpjRunWordsDropped;

    RunSupervisor(LaunchSpec spec, StatusDir status, Consumer<String> stdoutLines, Consumer<String> stderrLines,
            NiodevRun niodev) {
        this(spec, status, stdoutLines, stderrLines, niodev, null);
    }

    RunSupervisor(LaunchSpec spec, StatusDir status, Consumer<String> stdoutLines, Consumer<String> stderrLines,
            NiodevRun niodev, RemoteRun remote) {
        this.spec = spec;
        this.status = status;
        this.stdoutLines = stdoutLines;
        this.stderrLines = stderrLines;
        this.niodev = niodev;
        this.remote = remote;
    }

    int run(ProcessBuilder command) {
        return run(List.of(command));
    }

    /** Starts the commands (for a {@link RemoteRun}, command r runs rank r) and watches them as one run. */
    int run(List<ProcessBuilder> commands) {
        ExitCleanup.Registration hook = ExitCleanup.killOnExit(this::killAll);
        List<LineRelay> relays = new ArrayList<>();
        try {
            for (ProcessBuilder command : commands) {
                Process p;
                try {
                    p = command.start();
                } catch (IOException e) {
                    stderrLines.accept("bitswarm: cannot start " + command.command().get(0) + ": " + e.getMessage());
                    return MpjLauncher.EXIT_LAUNCH_FAILED;
                }
                children.add(p);
                relays.add(LineRelay.start("bitswarm-ranks-stdout", p.getInputStream(), relay(stdoutLines)));
                relays.add(LineRelay.start("bitswarm-ranks-stderr", p.getErrorStream(),
                        relay(niodev != null ? this::holdMpjRunWords : stderrLines)));
            }
            int code = watch();
            killAll();
            relays.forEach(r -> r.drain(DRAIN_MILLIS));
            return code == MpjLauncher.EXIT_OK ? verdict() : code; // a diagnosed stop: MPJRun's words are dropped
        } finally {
            killAll();
            hook.close();
        }
    }

    private boolean anyAlive() {
        return children.stream().anyMatch(Process::isAlive);
    }

    /**
     * A remote rank whose shell ended before the rank reported: it never started (no such host, refused key),
     * crashed, called System.exit, or its host is gone. Ended first, reports second: a rank reports, then ends.
     */
    private int endedUnreported() {
        if (remote == null) {
            return -1;
        }
        for (int r = 0; r < children.size(); r++) {
            if (!children.get(r).isAlive() && !status.hasReported(r)) {
                return r;
            }
        }
        return -1;
    }

    /** Polls until the child ends (returns EXIT_OK to ask for a verdict) or something forces a stop. */
    private int watch() {
        long deadline = spec.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        Watchdog dog = new Watchdog(spec, status);
        while (true) {
            int unreported = niodev == null ? 0 : niodev.unreportedEnds(status);
            if (unreported > 0) {
                reportUnreportedEnds(unreported);
                return MpjLauncher.EXIT_RANK_FAILED;
            }
            if (!status.failures().isEmpty()) {
                String lost = lostPeer(dog);
                if (lost != null) {
                    tell(lost + "; killed the run");
                    return MpjLauncher.EXIT_STALLED;
                }
                unreported = niodev == null ? 0 : niodev.unreportedEnds(status);
                if (unreported > 0) {
                    reportUnreportedEnds(unreported);
                    return MpjLauncher.EXIT_RANK_FAILED;
                }
                int ended = onlyLostConnections() ? endedUnreported() : -1;
                if (ended >= 0 && reportRemoteEnd(ended)) {
                    return MpjLauncher.EXIT_RANK_FAILED; // the cause: the messengers only lost their connection to it
                }
                awaitChildExit(FAILURE_GRACE_MILLIS);
                return MpjLauncher.EXIT_OK;
            }
            int lost = endedUnreported();
            if (lost >= 0 && reportRemoteEnd(lost)) {
                return MpjLauncher.EXIT_RANK_FAILED;
            }
            if (!anyAlive()) {
                return MpjLauncher.EXIT_OK;
            }
            String stalled = dog.check(System.nanoTime());
            if (stalled != null) {
                tell(stalled + "; killed the run");
                return MpjLauncher.EXIT_STALLED;
            }
            if (System.nanoTime() > deadline) {
                stderrLines.accept("bitswarm: the run did not finish within " + format(spec.timeout().get())
                        + "; killed it");
                return MpjLauncher.EXIT_TIMEOUT;
            }
            if (!sleep(POLL_MILLIS)) {
                stderrLines.accept("bitswarm: interrupted; killed the run");
                Thread.currentThread().interrupt();
                return MpjLauncher.EXIT_INTERRUPTED;
            }
        }
    }

    /**
     * Ranks that failed only because a connection to another rank closed are the messengers, not the cause: a
     * rank whose host died or whose JVM froze says nothing. While some rank has not reported, the watchdog gets
     * its time (at most its 30 s silence bound) to name the silent one; null if every failure has a cause of
     * its own or nobody falls silent.
     */
    private String lostPeer(Watchdog dog) {
        List<StatusDir.Failure> failures = status.failures();
        if (failures.size() >= spec.np() || !failures.stream().allMatch(f -> isLostConnection(f.cause()))) {
            return null;
        }
        long until = System.nanoTime() + Math.min(spec.watchdog().toNanos(), 30_000_000_000L) + 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (niodev != null && niodev.unreportedEnds(status) > 0 || endedUnreported() >= 0) {
                return null; // a rank JVM or remote shell that ended is named as such by the caller
            }
            String stalled = dog.check(System.nanoTime());
            if (stalled != null) {
                return stalled + " (" + (failures.size() == 1 ? "rank " : "ranks ")
                        + failures.stream().map(f -> String.valueOf(f.rank()))
                                .collect(java.util.stream.Collectors.joining(", "))
                        + " lost the connection to it)";
            }
            if (!sleep(POLL_MILLIS)) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Whether every failure reported so far says only that another rank's connection went away. */
    private boolean onlyLostConnections() {
        return status.failures().stream().allMatch(f -> isLostConnection(f.cause()));
    }

    /** A failure that says only that another rank's connection went away (MPJ's niodev words for it). */
    static boolean isLostConnection(String cause) {
        return cause.contains("ClosedChannelException") || cause.contains("Connection reset")
                || cause.contains("Broken pipe") || cause.contains("EOFException");
    }

    /**
     * A niodev rank JVM ended without a report, so its peers will wait forever. Its last words (the JVM's own
     * out-of-memory line, say) are still on their way through daemon and MPJRun: wait a moment for them.
     */
    private void reportUnreportedEnds(int count) {
        sleep(FAILURE_GRACE_MILLIS);
        String oom = outOfMemory.get();
        List<Integer> ranks = niodev.unreportedRanks(status);
        String who = ranks.isEmpty() ? count + " rank JVM(s)" : (ranks.size() == 1 ? "rank " : "ranks ")
                + ranks.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + "'s JVM";
        tell(who + " ended without reporting "
                + (oom != null ? "after running out of memory (" + oom + "; give them more with -Xmx)"
                        : "(a crash, or System.exit in the application)")
                + "; stopped the run");
    }

    /**
     * Names the remote rank that ended without a report, with its host and how its shell ended; false if its
     * report showed up meanwhile (a shared file system can show a file late): then the run goes on as usual.
     */
    private boolean reportRemoteEnd(int rank) {
        sleep(FAILURE_GRACE_MILLIS); // its last words are on their way through the remote shell
        if (status.hasReported(rank)) {
            return false; // it did report after all: a failure is named by the verdict, a success is one
        }
        String oom = outOfMemory.get();
        Process p = children.get(rank);
        stderrLines.accept("bitswarm: rank " + rank + " (host " + remote.host(rank) + ") ended without reporting, its "
                + remote.shellName() + " command exiting with status " + p.exitValue()
                + (oom != null ? " after running out of memory (" + oom + "; give them more with -Xmx)"
                        : " (it could not start there, crashed, called System.exit, or its host is gone)")
                + (remote.exchangeProblem() == null ? "" : "; " + remote.exchangeProblem()) + "; stopped the run");
        return true;
    }

    /** The exit code once the child has ended or a rank has reported failure, and all output is through. */
    private int verdict() {
        List<StatusDir.Failure> failures = status.failures();
        if (!failures.isEmpty()) {
            Path keepIn = Path.of(System.getProperty("java.io.tmpdir"));
            failures.forEach(f -> stderrLines.accept("bitswarm: rank " + f.rank() + " failed: "
                    + status.causeKeepingTrace(f, keepIn)));
            return MpjLauncher.EXIT_RANK_FAILED;
        }
        int exit = 0;
        int who = -1;
        for (int r = 0; r < children.size() && exit == 0; r++) {
            exit = children.get(r).exitValue();
            who = r;
        }
        if (exit != 0 && ExitCleanup.isExiting()) {
            stderrLines.accept("bitswarm: stopped by a signal; ended the run's processes");
            return exit;
        }
        if (exit != 0) {
            showMpjRunWords();
            String oom = outOfMemory.get();
            tell(oom != null
                    ? "the ranks ran out of memory (" + oom + "); give them more with -Xmx"
                    : remote != null ? "rank " + who + " (host " + remote.host(who) + "): its "
                            + remote.shellName() + " command exited with status " + exit
                    : "the ranks' " + (niodev == null ? "JVM" : "launcher (MPJRun)") + " exited with status " + exit);
            return exit;
        }
        showMpjRunWords();
        if (!status.isDone(0)) {
            tell("the ranks exited but rank 0 never reported completion (an exception that"
                    + " MPJ swallowed, System.exit in the application, or a main not run inside RankGuard)");
            return MpjLauncher.EXIT_INCOMPLETE;
        }
        return MpjLauncher.EXIT_OK;
    }

    /**
     * Filters one output stream: drops MPJ's banners and the guard's own failure lines (the verdict prints
     * those from the status files, which exist before the line is printed), and notes the JVM's OOM message.
     */
    private Consumer<String> relay(Consumer<String> target) {
        return line -> {
            if (line.startsWith(JVM_OOM)) {
                outOfMemory.compareAndSet(null, line.substring("Terminating due to ".length()));
            }
            if (MpjNoise.isNoise(line) || isReportedGuardLine(line)) {
                return;
            }
            target.accept(line);
        };
    }

    private boolean isReportedGuardLine(String line) {
        Matcher m = GUARD_LINE.matcher(line);
        if (!m.matches()) {
            return false;
        }
        int rank = Integer.parseInt(m.group(1));
        return status.failures().stream().anyMatch(f -> f.rank() == rank);
    }

    private void killAll() {
        for (Process p : children) {
            ProcessTree.kill(p.toHandle());
        }
        if (niodev != null) {
            niodev.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    private void holdMpjRunWords(String line) {
        synchronized (mpjRunWords) {
            if (mpjRunWords.size() < MPJ_LINES) {
                mpjRunWords.add(line);
            } else {
                mpjRunWordsDropped++;
            }
        }
    }

    /** What MPJRun printed on stderr, now that no diagnosis of the launcher's own explains it. */
    private void showMpjRunWords() {
        synchronized (mpjRunWords) {
            mpjRunWords.forEach(stderrLines);
            if (mpjRunWordsDropped > 0) {
                stderrLines.accept("(" + mpjRunWordsDropped + " more lines from MPJRun not shown)");
            }
            mpjRunWords.clear();
            mpjRunWordsDropped = 0;
        }
    }

    /**
     * Prints a {@code bitswarm: } message, then the last lines of the private daemon's log if it has any: the
     * log lives in the status folder, which is deleted when the run ends, so naming its path would point at
     * nothing.
     */
    private void tell(String message) {
        stderrLines.accept("bitswarm: " + message);
        if (niodev == null) {
            return;
        }
        niodev.daemonLog().ifPresent(log -> {
            List<String> lines;
            try {
                lines = Files.readAllLines(log, java.nio.charset.Charset.defaultCharset()).stream()
                        .filter(l -> !l.isBlank()).toList();
            } catch (IOException | RuntimeException e) {
                return; // no log, or unreadable: nothing to add
            }
            if (!lines.isEmpty()) {
                int from = Math.max(0, lines.size() - MPJ_LINES);
                stderrLines.accept("bitswarm: MPJ's daemon logged" + (from > 0 ? " (last " + MPJ_LINES + " lines)" : "")
                        + ":");
                lines.subList(from, lines.size()).forEach(l -> stderrLines.accept("  " + l));
            }
        });
    }

    private void awaitChildExit(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            for (Process p : children) {
                p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
