package org.bitswarm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bitswarm.cli.run.RunRequest;
import org.bitswarm.plot.Plots;
import org.bitswarm.scenario.RunSettings;
import org.bitswarm.scenario.Scenario;
import org.bitswarm.scenario.ScenarioError;
import org.bitswarm.sweep.SweepPlan;
import org.bitswarm.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bitswarm sweep FILE}: every point of the scenario's sweep block, each {@code replications} times, into
 * one folder with runs.csv, points.csv and plots (of the sweep, and of each BitTorrent run in its own folder).
 * Every point is validated before anything runs; a killed sweep started again runs only the missing runs.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class, description = "Run every point of a scenario's sweep block.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "scenario file (YAML) with a sweep: block")
    Path file;

    @Option(names = "--np", paramLabel = "N", description = "ranks per run (default: the scenario's np)")
    Integer np;

    @Option(names = "--dev", paramLabel = "DEV", description = "multicore, niodev or local (default: the scenario's dev)")
    String dev;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "1", description = "runs side by side (default 1)")
    int parallel;

    @Option(names = "--out", paramLabel = "DIR", description = "sweep folder (default: the scenario's out, else results/<scenario>-sweep)")
    String out;

    @Option(names = "--heap", paramLabel = "SIZE", description = "MPJ devices: maximum heap of the rank JVM(s), e.g. 8g")
    String heap;

    @Option(names = "--no-plots", description = "draw no plots (neither plots/*.png nor each run's own)")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        Scenario sc;
        SweepPlan plan;
        RunSettings s;
        try {
            OutFolder.checkOption(out);
            sc = Scenario.load(file);
            plan = SweepPlan.of(sc);
            s = CliArgs.override(sc.settings(), new RunSettings.Overrides(null, np, dev == null ? null : CliArgs.device(dev),
                    null, out, null, heap, null, null));
            CliArgs.checkRun(sc, s, false, heap != null);
            if (parallel < 1 || parallel > 256) {
                throw new CliArgs.BadArgument("--parallel: must be in [1, 256], got " + parallel);
            }
        } catch (ScenarioError | CliArgs.BadArgument e) {
            System.err.println("bitswarm: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        Path target = !s.out().isEmpty() ? Path.of(s.out()) : Path.of("results", sc.name() + "-sweep");
        try {
            OutFolder.checkSweep(target);
        } catch (CliArgs.BadArgument e) {
            System.err.println("bitswarm: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        RunSettings settings = s;
        boolean runPlots = !noPlots;
        SweepRunner runner = new SweepRunner(plan, target, parallel, (scenario, seed, rep, stage) ->
                runOne(scenario, seed, rep, stage, settings, runPlots), line -> {
                    synchronized (System.out) {
                        System.out.println(line);
                    }
                });
        SweepRunner.Outcome outcome = runner.run();
        if (!outcome.ok()) {
            for (String f : outcome.failures()) {
                System.err.println("bitswarm: run " + f);
            }
            System.err.println("bitswarm: " + outcome.failures().size() + " run(s) failed; runs.csv and points.csv not written."
                    + " Run the same command again to retry only the missing runs.");
            return Main.EXIT_FAILED;
        }
        if (!noPlots) {
            try {
                Plots.forSweep(target);
            } catch (IOException | RuntimeException e) {
                System.err.println("bitswarm: warning: plots not drawn: " + e);
            }
        }
        System.out.println("sweep: " + plan.points().size() + " point(s), " + plan.runCount() + " run(s) ("
                + outcome.reused() + " reused); results: " + target + " (runs.csv, points.csv"
                + (noPlots ? "" : ", plots/") + ")");
        return 0;
    }

    /** One run into its staging folder; with {@code plots}, the run's own plots too, as {@code bitswarm run} draws them. */
    private static void runOne(Path scenario, long seed, int rep, Path stage, RunSettings s, boolean plots) throws Exception {
        RunRequest req = new RunRequest(scenario, seed, s.np(), s.dev(), rep, stage, "off");
        String tag = "[" + stage.getFileName() + "] ";
        int code = RankLauncher.runScenario(req, s, line -> {
            synchronized (System.out) {
                System.out.println(tag + line);
            }
        });
        if (code != 0) {
            throw new IllegalStateException("ranks exited with status " + code);
        }
        if (plots) {
            try {
                Plots.forRun(stage);
            } catch (IOException | RuntimeException e) {
                synchronized (System.out) {
                    System.out.println(tag + "warning: plots not drawn: " + e);
                }
            }
        }
    }
}
