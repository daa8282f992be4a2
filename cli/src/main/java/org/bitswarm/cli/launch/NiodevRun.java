package org.bitswarm.cli.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The niodev command: MPJ's launcher ({@code runtime.starter.MPJRun} from starter.jar) with
 * {@code -dev niodev}, against a {@link PrivateDaemon} on this host, or against the daemons of a cluster's
 * machines file (then nothing is started here but MPJRun, and the daemons kill a run's rank JVMs when MPJRun's
 * connection drops).
 *
 * <p>How MPJ 0.44 wires niodev, read from its source and checked here: MPJRun reads the daemon port
 * ({@code mpjexpress.mpjdaemon.port.1}, or {@code -dport}) and its own server port
 * ({@code mpjexpress.mpjrun.port.1}, no option) from {@code $MPJ_HOME/conf/mpjexpress.conf}; it sends each daemon
 * an XML ticket, and the daemon starts one JVM per rank with the class path
 * {@code .:$MPJ_HOME/lib/loader1.jar:$MPJ_HOME/lib/mpj.jar:...:<MPJRun's working dir>:<wdir>:<-cp value>};
 * each rank's niodev binds kernel-chosen ports and reports them to MPJRun's server port, which hands the table
 * to all ranks. Rank output (stdout and stderr merged) travels rank, daemon, MPJRun: it all arrives on MPJRun's
 * stdout. For a cluster, MPJ_HOME must be at the same path on every host, and so must the status directory
 * (which holds this run's private MPJ_HOME copy).
 */
final class NiodevRun implements AutoCloseable {

    /** Words MPJRun takes as its own options wherever they appear, even among the application's arguments. */
    static final Set<String> MPJRUN_OPTIONS = Set.of("-np", "-h", "-yarn", "-debugYarn", "-amMem", "-amCores",
            "-containerMem", "-containerCores", "-yarnQueue", "-appName", "-amPriority", "-mpjContainerPriority",
            "-hdfsFolder", "-dport", "-dev", "-machinesfile", "-wdir", "-psl", "-mxboardnum", "-cp", "-classpath",
            "-jar", "-src", "-debug", "-profile");

    private static final String MPJRUN_HEAP = "-Xmx256m";

    private final LaunchSpec spec;
    private final MpjHome home;
    private final Path machines;
    private final PrivateDaemon daemon;

    private NiodevRun(LaunchSpec spec, MpjHome home, Path machines, PrivateDaemon daemon) {
        this.spec = spec;
        this.home = home;
        this.machines = machines;
        this.daemon = daemon;
    }

    /** Checks the arguments, and for a single-host run starts the private daemon. */
    static NiodevRun prepare(LaunchSpec spec, Path runDir) throws LaunchException {
        refuseMpjRunOptions(spec.appArgs(), "application argument");
        refuseMpjRunOptions(spec.jvmOptions(), "JVM option");
        MpjHome base = new MpjHome(spec.mpjHome()).validate("starter.jar", "mpj.jar", "loader1.jar");
        createDirectories(runDir);
        if (spec.machinesFile().isPresent()) {
            return forCluster(spec, base, runDir);
        }
        PrivateDaemon daemon = PrivateDaemon.start(base, runDir);
        try {
            Path machines = writeLocalMachines(runDir);
            return new NiodevRun(spec, daemon.home(), machines, daemon);
        } catch (LaunchException e) {
            daemon.close();
            throw e;
        }
    }

    ProcessBuilder command() {
        List<String> cmd = new ArrayList<>(List.of(JavaCommand.java().toString(), MPJRUN_HEAP,
                "-Djava.awt.headless=true", "-cp", home.lib("starter.jar").toString(), "runtime.starter.MPJRun",
                "-np", Integer.toString(spec.np()), "-dev", "niodev", "-machinesfile", machines.toString(),
                "-wdir", spec.workingDir().toAbsolutePath().toString(),
                "-cp", JavaCommand.classPath(spec.appClassPath())));
        // Before the class name MPJRun takes "-..." words as JVM options for the ranks; after it, as app args.
        cmd.addAll(JavaCommand.rankJvmOptions(spec));
        cmd.add(spec.mainClass());
        cmd.addAll(spec.appArgs());
        if (daemon != null && daemon.isolated()) {
            cmd = NetIsolation.inNamespaceOf(daemon.handle().pid(), cmd); // MPJRun must reach the daemon and ranks
        }
        ProcessBuilder pb = new ProcessBuilder(JavaCommand.dieWithFrontEnd(cmd)).directory(spec.workingDir().toFile());
        JavaCommand.setMpjEnvironment(pb, home);
        return pb;
    }

    /** Whether this run's private daemon and ranks listen on the host's network (no namespace could be made). */
    boolean exposed() {
        return daemon != null && !daemon.isolated();
    }

    /** The private daemon, if this run has one: it must die with the run. */
    Optional<ProcessHandle> daemon() {
        return Optional.ofNullable(daemon).map(PrivateDaemon::handle);
    }

    /**
     * Rank JVMs that ended without a report in the status directory: a crash, or {@code System.exit} in the
     * application. Their peers would wait forever. Only known for a private daemon.
     */
    int unreportedEnds(StatusDir status) {
        if (daemon == null) {
            return 0;
        }
        // Ended JVMs first, reports second: a rank writes its report before its JVM ends, never after.
        int ended = daemon.endedRankJvms();
        return Math.max(0, ended - status.reportCount());
    }

    /** The ranks (by their heartbeat's pid) whose JVMs have ended without a report; empty if not known. */
    List<Integer> unreportedRanks(StatusDir status) {
        List<Integer> out = new ArrayList<>();
        if (daemon == null) {
            return out;
        }
        Set<Long> ended = daemon.endedPids();
        StatusDir.Beat[] beats = status.beats(spec.np());
        for (int r = 0; r < beats.length; r++) {
            if (beats[r] != null && ended.contains(beats[r].pid()) && !status.hasReported(r)) {
                out.add(r);
            }
        }
        return out;
    }

    Optional<Path> daemonLog() {
        return Optional.ofNullable(daemon).map(PrivateDaemon::log);
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static NiodevRun forCluster(LaunchSpec spec, MpjHome base, Path runDir) throws LaunchException {
        // The cluster's daemons listen where the conf says; only MPJRun's own server port is made private.
        int[] free = freePort();
        MpjHome home = base.overlay(runDir.resolve("mpj-home"), Map.of(MpjHome.MPJRUN_PORT, free[0]));
        return new NiodevRun(spec, home, hostsOnly(spec.machinesFile().get(), runDir), null);
    }

    private static int[] freePort() throws LaunchException {
        try {
            return Ports.free(1);
        } catch (IOException e) {
            throw new LaunchException("cannot find a free TCP port for MPJRun", e);
        }
    }

    /** The machines file without comments and blank lines, which MPJRun would take for host names. */
    private static Path hostsOnly(Path machinesFile, Path runDir) throws LaunchException {
        Path out = runDir.resolve("machines");
        try {
            List<String> hosts = Files.readAllLines(machinesFile).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            return Files.write(out, hosts);
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("cannot read the machines file " + machinesFile, e);
        }
    }

    private static Path writeLocalMachines(Path runDir) throws LaunchException {
        Path machines = runDir.resolve("machines");
        try {
            return Files.writeString(machines, "localhost\n");
        } catch (IOException e) {
            throw new LaunchException("cannot write " + machines, e);
        }
    }

    private static void createDirectories(Path dir) throws LaunchException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LaunchException("cannot create " + dir, e);
        }
    }

    private static void refuseMpjRunOptions(List<String> words, String what) throws LaunchException {
        for (String w : words) {
            if (MPJRUN_OPTIONS.contains(w)) {
                throw new LaunchException("the " + what + " '" + w + "' would be taken by MPJ's launcher under"
                        + " niodev; use another spelling (e.g. a --long option)");
            }
        }
    }
}
