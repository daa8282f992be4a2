package org.bitswarm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.bitswarm.cli.run.RunRequest;
import org.bitswarm.plot.Plots;
import org.bitswarm.scenario.RunSettings;
import org.bitswarm.scenario.Scenario;
import org.bitswarm.scenario.ScenarioError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bitswarm run FILE}: one run of a scenario, its results in one folder. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class, description = "Run a scenario once and write its results folder.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "scenario file (YAML)")
    Path file;

    @Option(names = "--np", paramLabel = "N", description = "ranks (default: the scenario's np, else 1)")
    Integer np;

    @Option(names = "--dev", paramLabel = "DEV", description = "multicore, niodev or local (default: the scenario's dev)")
    String dev;

    @Option(names = "--seed", paramLabel = "S", description = "seed (default: the scenario's seed)")
    Long seed;

    @Option(names = "--replication", paramLabel = "R", description = "replication (substream) number (default 0)")
    Integer replication;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: results/<scenario>/<time>-s<seed>-np<np>)")
    String out;

    @Option(names = "--machines", paramLabel = "FILE", description = "niodev: machines file of a cluster (one host per line)")
    String machines;

    @Option(names = "--launcher", paramLabel = "HOW", description = "niodev: daemon (MPJ's daemons, the default), ssh"
            + " (a remote shell to the machines file's hosts, template $BITSWARM_REMOTE_SHELL) or slurm (srun on the job's nodes)")
    String launcher;

    @Option(names = "--progress", paramLabel = "MODE", description = "auto, bar, plain or off (default auto)")
    String progress;

    @Option(names = "--heap", paramLabel = "SIZE", description = "maximum heap of the rank JVM(s), e.g. 8g")
    String heap;

    @Option(names = "--force", description = "replace --out if it holds an earlier result of bitswarm run")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Scenario sc;
        RunSettings s;
        try {
            OutFolder.checkOption(out);
            sc = Scenario.load(file);
            s = CliArgs.override(sc.settings(), new RunSettings.Overrides(seed, np, dev == null ? null : CliArgs.device(dev),
                    replication, out, machines, heap, progress, launcher));
            CliArgs.checkRun(sc, s, machines != null, heap != null, launcher != null); // the model's section was checked by Scenario.load
        } catch (ScenarioError | CliArgs.BadArgument e) {
            System.err.println("bitswarm: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        Path target = !s.out().isEmpty() ? Path.of(s.out()) : Path.of("results", sc.name(), LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-s" + s.seed() + "-np" + s.np());
        OutFolder folder;
        try {
            folder = OutFolder.claim(target, force);
        } catch (CliArgs.BadArgument e) {
            System.err.println("bitswarm: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        try (folder) {
            Path stage = folder.stage();
            ProgressDisplay display = ProgressDisplay.create(s.progress());
            RunRequest req = new RunRequest(file, s.seed(), s.np(), s.dev(), s.replication(), stage, display.rankMode());
            int code = RankLauncher.runScenario(req, s, display::accept);
            display.close();
            if (code != 0 || !Files.isRegularFile(stage.resolve("manifest.json"))) {
                System.err.println("bitswarm: run failed" + (code != 0 ? " (exit status " + code + ")" : ": no results")
                        + "; nothing written");
                return Main.EXIT_FAILED;
            }
            Plots.forRun(stage); // from the CSVs, before the folder appears, so it appears complete
            if (!folder.publish()) {
                return Main.EXIT_FAILED; // stopped by a signal meanwhile
            }
            System.out.print(Summary.render(s, target));
            return 0;
        }
    }
}
