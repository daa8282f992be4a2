package org.bitswarm.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.bitswarm.scenario.Device;
import org.bitswarm.scenario.HeapSize;
import org.bitswarm.scenario.InputFile;
import org.bitswarm.scenario.MachinesFile;
import org.bitswarm.scenario.Scenario;
import org.bitswarm.scenario.ScenarioError;
import org.bitswarm.scenario.RunSettings;

/** Checks of command-line values that picocli's types cannot express. */
final class CliArgs {
    private CliArgs() {}

    static final class BadArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadArgument(String message) {
            super(message);
        }
    }

    static Device device(String name) {
        try {
            return Device.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadArgument("--dev: expected multicore, niodev or local, got \"" + name + "\"");
        }
    }

    /** The scenario's settings with command-line overrides; an override out of range names its option. */
    static RunSettings override(RunSettings s, RunSettings.Overrides o) {
        try {
            return s.with(o);
        } catch (org.bitswarm.engine.config.ConfigError e) {
            throw new BadArgument("--" + e.key().replace('_', '-') + ": " + e.reason());
        }
    }

    /**
     * Checks that need the file system or this JVM, blaming the option when the value came from the command line
     * and the scenario's line and key otherwise.
     */
    static void checkRun(Scenario sc, RunSettings s, boolean machinesOption, boolean heapOption) {
        checkRun(sc, s, machinesOption, heapOption, false);
    }

    /** As above, also blaming {@code --launcher} when the launcher came from the command line. */
    static void checkRun(Scenario sc, RunSettings s, boolean machinesOption, boolean heapOption, boolean launcherOption) {
        if (!s.launcher().equals("daemon")) {
            String where = launcherOption ? "--launcher" : null;
            if (s.dev() != Device.NIODEV) {
                throw blame(sc, where, "launcher", s.launcher() + " needs --dev niodev");
            }
            if (s.launcher().equals("ssh") && s.machines().isEmpty()) {
                throw blame(sc, where, "launcher", "ssh needs a machines file (--machines FILE) naming the hosts");
            }
            if (s.launcher().equals("slurm") && !s.machines().isEmpty()) {
                throw blame(sc, where, "launcher", "slurm takes the hosts from SLURM_JOB_NODELIST, not from a machines file");
            }
            if (s.launcher().equals("slurm")) {
                String list = System.getenv("SLURM_JOB_NODELIST");
                if (list == null || list.isBlank()) {
                    throw blame(sc, where, "launcher", "slurm: SLURM_JOB_NODELIST is not set (run inside a Slurm"
                            + " allocation: sbatch or salloc)");
                }
                java.util.List<String> nodes;
                try {
                    nodes = org.bitswarm.cli.launch.HostList.expand(list);
                } catch (IllegalArgumentException e) {
                    throw blame(sc, where, "launcher", "slurm: SLURM_JOB_NODELIST: " + e.getMessage());
                }
                if (org.bitswarm.cli.launch.HostList.allLoopback(nodes)) {
                    throw blame(sc, where, "launcher", oneHost("slurm", "SLURM_JOB_NODELIST"));
                }
            }
        }
        if (!s.machines().isEmpty()) {
            String where = machinesOption ? "--machines" : null;
            if (s.dev() != Device.NIODEV) {
                throw blame(sc, where, "machines", "needs --dev niodev");
            }
            java.util.List<String> hosts;
            try {
                hosts = MachinesFile.hosts(Path.of(s.machines()));
            } catch (InputFile.Refused e) {
                throw blame(sc, where, "machines", s.machines() + ": " + e.getMessage());
            }
            if (!s.launcher().equals("daemon") && org.bitswarm.cli.launch.HostList.allLoopback(hosts)) {
                throw blame(sc, launcherOption ? "--launcher" : null, "launcher", oneHost(s.launcher(), s.machines()));
            }
        }
        if (s.dev() == Device.LOCAL && !s.heap().isEmpty()) {
            long want = HeapSize.bytes(s.heap()).orElse(0);
            long have = Runtime.getRuntime().maxMemory();
            if (want > have + (have >> 4)) {
                throw blame(sc, heapOption ? "--heap" : null, "heap", s.heap() + " is more than this JVM's "
                        + (have >> 20) + " MiB, and --dev local runs the ranks in this JVM: give --heap on ./bitswarm's"
                        + " command line (it starts the JVM with it), or use --dev multicore");
            }
        }
    }

    /** niodev ranks bind the wildcard; only the daemon launcher shuts a one-host run in a network namespace. */
    private static String oneHost(String launcher, String hostsFrom) {
        return launcher + ": every host of " + hostsFrom + " is this one, where niodev ranks started this way would"
                + " listen on every interface; use --launcher daemon (the default), which keeps a one-host run off"
                + " the network";
    }

    /** An error about a run setting: {@code option: reason}, or {@code file:line: key: reason} from the scenario. */
    private static RuntimeException blame(Scenario sc, String option, String key, String reason) {
        if (option != null) {
            return new BadArgument(option + ": " + reason);
        }
        org.yaml.snakeyaml.nodes.Node at = Scenario.keyNode(sc.root(), key);
        return new ScenarioError(sc.path().toString(), at == null ? 1 : at.getStartMark().getLine() + 1, key, reason);
    }
}
