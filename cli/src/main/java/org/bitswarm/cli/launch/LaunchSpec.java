package org.bitswarm.cli.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link MpjLauncher} needs to start one parallel run.
 *
 * @param np             number of ranks, at least 1
 * @param device         multicore (threads of one JVM) or niodev (one JVM per rank)
 * @param mpjHome        an MPJ_HOME assembled by {@code build/mpj-home.sh} (lib/ with MPJ and its helper jars)
 * @param appClassPath   the application's jars and class directories. Never put on a multicore JVM's system
 *                       class path: MPJ loads it once per rank, in each rank's own class loader
 * @param mainClass      the rank's main class; it should run its body inside {@link RankGuard}
 * @param appArgs        the application's arguments. Under niodev, MPJ's launcher reads its own options
 *                       ({@code -np}, {@code -cp}, ...) anywhere on its command line, so those words are refused
 * @param workingDir     working directory of the ranks
 * @param machinesFile   niodev only: a cluster's machines file (one host per line, each running an MPJ daemon
 *                       on the port of {@code $MPJ_HOME/conf/mpjexpress.conf}). Empty: a private daemon on
 *                       this host runs every rank
 * @param statusDir      a directory for this run only, where ranks report {@code rank-R.done} or
 *                       {@code rank-R.failed}; for a cluster it must be on a file system every host shares
 * @param timeout        kill the run after this long; empty: no limit
 * @param watchdog       how long the run may go without rank 0 finishing a window, or a rank without a
 *                       heartbeat, before it is failed and killed (a stopped, frozen or lost rank; a livelock)
 * @param jvmOptions     extra options for the JVM(s) running ranks, e.g. {@code -Xmx4g}: under multicore one JVM
 *                       holds every rank, under niodev each rank has its own JVM with these options
 * @param launcher       niodev only: how the ranks start, through MPJ's daemon (the default), or without it over a
 *                       remote shell to the machines file's hosts ({@link Launcher#SSH}) or Slurm's nodes
 * @param remoteShell    {@link Launcher#SSH}/{@link Launcher#SLURM}: the remote-shell template ({@code {host}} is
 *                       replaced, the rank's command line follows); empty: {@code ssh}/{@code srun} (see RemoteRun)
 */
public record LaunchSpec(
        int np,
        MpjDevice device,
        Path mpjHome,
        List<Path> appClassPath,
        String mainClass,
        List<String> appArgs,
        Path workingDir,
        Optional<Path> machinesFile,
        Path statusDir,
        Optional<Duration> timeout,
        Duration watchdog,
        List<String> jvmOptions,
        Launcher launcher,
        Optional<String> remoteShell) {

    /** The watchdog's default: far more than any window takes, short enough that a hung run ends the same day. */
    public static final Duration DEFAULT_WATCHDOG = Duration.ofMinutes(3);

    public LaunchSpec {
        if (np < 1) {
            throw new IllegalArgumentException("np must be at least 1, got " + np);
        }
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(mpjHome, "mpjHome");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(statusDir, "statusDir");
        appClassPath = List.copyOf(appClassPath);
        appArgs = List.copyOf(appArgs);
        machinesFile = Objects.requireNonNull(machinesFile, "machinesFile");
        timeout = Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(watchdog, "watchdog");
        if (watchdog.isNegative() || watchdog.isZero()) {
            throw new IllegalArgumentException("watchdog must be positive, got " + watchdog);
        }
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(launcher, "launcher");
        remoteShell = Objects.requireNonNull(remoteShell, "remoteShell");
        if (launcher != Launcher.DAEMON && device != MpjDevice.NIODEV) {
            throw new IllegalArgumentException("launcher " + launcher.key() + " needs the niodev device");
        }
        if (appClassPath.isEmpty()) {
            throw new IllegalArgumentException("appClassPath is empty");
        }
        if (machinesFile.isPresent() && device != MpjDevice.NIODEV) {
            throw new IllegalArgumentException("a machines file needs the niodev device");
        }
        for (String option : jvmOptions) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException("JVM option '" + option + "' does not start with '-'");
            }
        }
    }

    /** A builder with the defaults: multicore, no machines file, no timeout, no extra JVM options. */
    public static Builder builder(String mainClass) {
        return new Builder(mainClass);
    }

    /** Fluent construction of a {@link LaunchSpec}: the record has too many components to call it by hand. */
    public static final class Builder {
        private final String mainClass;
        private int np = 1;
        private MpjDevice device = MpjDevice.MULTICORE;
        private Path mpjHome;
        private final List<Path> appClassPath = new ArrayList<>();
        private final List<String> appArgs = new ArrayList<>();
        private Path workingDir = Path.of("").toAbsolutePath();
        private Path machinesFile;
        private Path statusDir;
        private Duration timeout;
        private Duration watchdog = DEFAULT_WATCHDOG;
        private final List<String> jvmOptions = new ArrayList<>();
        private Launcher launcher = Launcher.DAEMON;
        private String remoteShell;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        public Builder np(int value) {
            this.np = value;
            return this;
        }

        public Builder device(MpjDevice value) {
            this.device = value;
            return this;
        }

        public Builder mpjHome(Path value) {
            this.mpjHome = value;
            return this;
        }

        public Builder appClassPath(List<Path> entries) {
            appClassPath.addAll(entries);
            return this;
        }

        public Builder appArgs(List<String> args) {
            appArgs.addAll(args);
            return this;
        }

        public Builder workingDir(Path value) {
            this.workingDir = value;
            return this;
        }

        public Builder machinesFile(Path value) {
            this.machinesFile = value;
            return this;
        }

        public Builder statusDir(Path value) {
            this.statusDir = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder watchdog(Duration value) {
            this.watchdog = value;
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        public Builder launcher(Launcher value) {
            this.launcher = value;
            return this;
        }

        public Builder remoteShell(String template) {
            this.remoteShell = template;
            return this;
        }

        public LaunchSpec build() {
            return new LaunchSpec(np, device, mpjHome, appClassPath, mainClass, appArgs, workingDir,
                    Optional.ofNullable(machinesFile), statusDir, Optional.ofNullable(timeout), watchdog, jvmOptions, launcher,
                    Optional.ofNullable(remoteShell));
        }
    }
}
