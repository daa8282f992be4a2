package org.bitswarm.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bitswarm.cli.launch.ExitCleanup;
import org.bitswarm.cli.launch.LaunchSpec;
import org.bitswarm.cli.launch.Launcher;
import org.bitswarm.cli.launch.MpjDevice;
import org.bitswarm.cli.launch.MpjLauncher;
import org.bitswarm.cli.run.Pipeline;
import org.bitswarm.cli.run.RunRequest;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.scenario.Device;
import org.bitswarm.scenario.RunSettings;

/** Starts a rank main class on MPJ Express for the front end's commands. */
final class RankLauncher {
    private RankLauncher() {}

    /** MPJ_HOME: the {@code bitswarm.mpj.home} property, else the environment's MPJ_HOME. */
    static Path mpjHome() {
        String p = System.getProperty("bitswarm.mpj.home");
        if (p == null || p.isBlank()) {
            p = System.getenv("MPJ_HOME");
        }
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("MPJ_HOME is not set: run through ./bitswarm, which assembles one");
        }
        return Path.of(p);
    }

    /**
     * The application's class path for the ranks: this JVM's own, without MPJ's jars (MulticoreStarter adds
     * its own, and the app must never sit on the multicore JVM's system class path).
     */
    static List<Path> appClassPath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName() == null ? e : Path.of(e).getFileName().toString();
            if (!e.isBlank() && !name.startsWith("mpj") && !name.startsWith("mpi")) {
                out.add(Path.of(e).toAbsolutePath());
            }
        }
        return out;
    }

    /**
     * Runs one scenario run on the settings' device: in-process ranks for {@code local}, MPJ ranks of
     * {@link RankMain} otherwise. Rank 0 writes into {@code req.stage()}; lines are the ranks' output.
     */
    static int runScenario(RunRequest req, RunSettings s, Consumer<String> lines) throws IOException {
        if (s.dev() == Device.LOCAL) {
            try {
                List<LinkedHashMap<String, String>> r = LocalCluster.runEach(s.np(), t -> Pipeline.runRank(req, t, lines));
                return r.get(0) != null ? 0 : Main.EXIT_FAILED;
            } catch (OutOfMemoryError e) {
                // The ranks' heap is this JVM's: one line, not the JVM's trace, and the way out.
                System.err.println("bitswarm: the ranks ran out of memory (--dev local runs them in this JVM, whose heap is "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); give them more with --heap, e.g. --heap 8g");
                return Main.EXIT_FAILED;
            }
        }
        List<String> jvm = s.heap().isEmpty() ? List.of() : List.of("-Xmx" + s.heap());
        // Across hosts the status folder must be one every host sees: beside the results, not in this host's /tmp.
        Path machines = s.machines().isEmpty() ? null : Path.of(s.machines());
        Launcher launcher = Launcher.of(s.launcher());
        boolean cluster = machines != null || launcher != Launcher.DAEMON;
        return launch(s.dev(), s.np(), RankMain.class.getName(), req.toArgs(), machines, Path.of("").toAbsolutePath(),
                lines, jvm, cluster ? req.stage() : null, launcher);
    }

    /** Status folders in the temporary directory: {@code bitswarm-status-PID-START-...}. */
    static final String STATUS_PREFIX = "bitswarm-status-";

    /**
     * The watchdog's time: the {@code bitswarm.watchdog} property, else {@code $BITSWARM_WATCHDOG} (a duration
     * such as 90s or 10min), else {@link LaunchSpec#DEFAULT_WATCHDOG}.
     */
    static Duration watchdog() {
        String v = System.getProperty("bitswarm.watchdog");
        if (v == null || v.isBlank()) {
            v = System.getenv("BITSWARM_WATCHDOG");
        }
        if (v == null || v.isBlank()) {
            return LaunchSpec.DEFAULT_WATCHDOG;
        }
        long ticks;
        try {
            ticks = org.bitswarm.scenario.Units.parse(v.strip(), org.bitswarm.engine.config.Unit.Kind.DURATION);
        } catch (RuntimeException e) {
            throw new IllegalStateException("BITSWARM_WATCHDOG: expected a duration such as 90s or 10min, got \"" + v + "\"");
        }
        if (ticks < 1_000_000) {
            throw new IllegalStateException("BITSWARM_WATCHDOG: at least 1ms, got \"" + v + "\"");
        }
        return Duration.ofNanos(ticks);
    }

    static int launch(Device dev, int np, String mainClass, List<String> args, Path machines, Path workDir,
            Consumer<String> stdout, List<String> jvmOptions) throws IOException {
        return launch(dev, np, mainClass, args, machines, workDir, stdout, jvmOptions, null, Launcher.DAEMON);
    }

    /**
     * The remote-shell template of {@code --launcher ssh|slurm}: the {@code bitswarm.remoteShell} property, else
     * {@code $BITSWARM_REMOTE_SHELL} (e.g. {@code ssh -p 2222 {host}}), else null for the launcher's default.
     */
    static String remoteShell() {
        String v = System.getProperty("bitswarm.remoteShell");
        if (v == null || v.isBlank()) {
            v = System.getenv("BITSWARM_REMOTE_SHELL");
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** As above; the status folder goes under {@code statusParent} if given, else into the temporary folder. */
    static int launch(Device dev, int np, String mainClass, List<String> args, Path machines, Path workDir,
            Consumer<String> stdout, List<String> jvmOptions, Path statusParent, Launcher launcher) throws IOException {
        Path tmp = statusParent != null ? statusParent : Path.of(System.getProperty("java.io.tmpdir"));
        ExitCleanup.removeDeadOwners(tmp, STATUS_PREFIX); // what a killed front end left
        Path status = Files.createTempDirectory(tmp, STATUS_PREFIX + ExitCleanup.tag() + "-");
        ExitCleanup.Registration cleanup = ExitCleanup.deleteOnExit(status);
        try {
            LaunchSpec spec = new LaunchSpec(np, dev == Device.NIODEV ? MpjDevice.NIODEV : MpjDevice.MULTICORE,
                    mpjHome(), appClassPath(), mainClass, args, workDir, Optional.ofNullable(machines), status,
                    Optional.<Duration>empty(), watchdog(), jvmOptions, launcher, Optional.ofNullable(remoteShell()));
            return new MpjLauncher(stdout, line -> System.err.println(line)).launch(spec);
        } finally {
            ExitCleanup.deleteQuietly(status);
            cleanup.close();
        }
    }
}
