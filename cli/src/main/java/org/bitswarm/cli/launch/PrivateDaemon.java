package org.bitswarm.cli.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MPJ daemon started for one niodev run on this host, on ports nobody else uses, and killed with every rank
 * JVM it started when the run ends.
 *
 * <p>Why private: the shared daemon of a host listens on the fixed port 40055 (and 40052 for its port manager);
 * it may be missing, stale, started from another MPJ_HOME, or busy with another run, and a failed run leaves
 * its rank JVMs running under it. A private daemon on kernel-chosen ports, with its own {@code user.home} (the
 * daemon deletes {@code ~/.mpj_users} after every job, which would break a concurrent run's tickets), has none
 * of those problems.
 */
final class PrivateDaemon implements AutoCloseable {

    private static final int ATTEMPTS = 3;
    private static final long STARTUP_MILLIS = 30_000;
    private static final String DAEMON_HEAP = "-Xmx256m";

    private final Process process;
    private final boolean isolated;
    private final MpjHome home;
    private final Path log;
    private final Map<Long, ProcessHandle> rankJvms = new LinkedHashMap<>();

    private PrivateDaemon(Process process, MpjHome home, Path log, boolean isolated) {
        this.isolated = isolated;
        this.process = process;
        this.home = home;
        this.log = log;
    }

    /** Starts a daemon from {@code base}'s jars; retries on fresh ports if another process grabbed one. */
    static PrivateDaemon start(MpjHome base, Path runDir) throws LaunchException {
        base.validate("daemon.jar", "starter.jar", "mpj.jar", "loader1.jar");
        LaunchException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return tryStart(base, runDir);
            } catch (LaunchException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The private MPJ_HOME whose conf names this daemon's ports: MPJRun must run with it. */
    MpjHome home() {
        return home;
    }

    /** Whether the daemon, and so its ranks, run in a network namespace of their own (only {@code lo}). */
    boolean isolated() {
        return isolated;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * How many rank JVMs this daemon started have ended so far. Called on every poll: rank JVMs are the
     * daemon's children and live for far longer than a poll period, so none goes unseen.
     */
    int endedRankJvms() {
        process.toHandle().children().forEach(c -> rankJvms.putIfAbsent(c.pid(), c));
        int ended = 0;
        for (ProcessHandle p : rankJvms.values()) {
            if (!p.isAlive()) {
                ended++;
            }
        }
        return ended;
    }

    /** The pids of the rank JVMs seen so far that have ended. */
    java.util.Set<Long> endedPids() {
        endedRankJvms();
        java.util.Set<Long> out = new java.util.HashSet<>();
        rankJvms.forEach((pid, p) -> {
            if (!p.isAlive()) {
                out.add(pid);
            }
        });
        return out;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        ProcessTree.kill(process.toHandle());
    }

    private static PrivateDaemon tryStart(MpjHome base, Path runDir) throws LaunchException {
        int[] free = freePorts();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(MpjHome.DAEMON_PORT, free[0]);
        ports.put(MpjHome.PORT_MANAGER_PORT, free[1]);
        ports.put(MpjHome.MPJRUN_PORT, free[2]);
        MpjHome home = base.overlay(runDir.resolve("mpj-home"), ports);
        Path log = runDir.resolve("mpj-daemon.log");
        boolean isolated = NetIsolation.available();
        Process p = launch(home, runDir, free[0], log, isolated);
        PrivateDaemon daemon = new PrivateDaemon(p, home, log, isolated);
        try {
            daemon.awaitListening(free[0], free[1]);
            return daemon;
        } catch (LaunchException e) {
            daemon.close();
            throw e;
        }
    }

    private static int[] freePorts() throws LaunchException {
        try {
            return Ports.free(3);
        } catch (IOException e) {
            throw new LaunchException("cannot find free TCP ports for a private MPJ daemon", e);
        }
    }

    private static Process launch(MpjHome home, Path runDir, int port, Path log, boolean isolated) throws LaunchException {
        try {
            Path userHome = Files.createDirectories(runDir.resolve("daemon-home"));
            List<String> cmd = new ArrayList<>(List.of(JavaCommand.java().toString(), DAEMON_HEAP,
                    "-Djava.awt.headless=true", "-Duser.home=" + userHome,
                    "-cp", home.lib("daemon.jar").toString(), "runtime.daemon.MPJDaemon", Integer.toString(port)));
            if (isolated) {
                cmd = NetIsolation.inNewNamespace(cmd);
            }
            ProcessBuilder pb = new ProcessBuilder(JavaCommand.dieWithFrontEnd(cmd)).directory(runDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            JavaCommand.setMpjEnvironment(pb, home);
            return pb.start();
        } catch (IOException e) {
            throw new LaunchException("cannot start an MPJ daemon", e);
        }
    }

    private void awaitListening(int daemonPort, int portManagerPort) throws LaunchException {
        long deadline = System.nanoTime() + STARTUP_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LaunchException("the private MPJ daemon exited with status " + process.exitValue()
                        + " (see " + log + ")");
            }
            long ns = isolated ? process.pid() : -1;
            if (Ports.isListening(daemonPort, ns) && Ports.isListening(portManagerPort, ns)) {
                return;
            }
            sleep(50);
        }
        throw new LaunchException("the private MPJ daemon did not listen on port " + daemonPort + " within "
                + STARTUP_MILLIS / 1000 + " s (see " + log + ")");
    }

    private static void sleep(long millis) throws LaunchException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while the MPJ daemon started");
        }
    }
}
