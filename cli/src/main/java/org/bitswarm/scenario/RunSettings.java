package org.bitswarm.scenario;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.engine.phold.PholdConfig;

/**
 * The top level of a scenario file: run control plus the section of the chosen model. Every key is documented
 * with its default in scenarios/REFERENCE.yaml. Command-line options override the run keys.
 *
 * <p>{@code section} is not a key: it is the model's own section ({@code phold:}, {@code bittorrent:}, ...),
 * bound by {@link Scenario} to the record that the model registered (org.bitswarm.cli.run.Models).
 */
public record RunSettings(
        @Doc("which model runs: phold or bittorrent") String model,
        @Doc("seed of every random stream; the same seed gives byte-identical results") long seed,
        @Doc("replications of the run (sweeps); replication r uses substream r") int replications,
        @Doc("MPI ranks (processes or threads)") int np,
        @Doc("MPJ device: multicore (threads in one JVM), niodev (one JVM per rank), or local (in-process, no MPJ)") Device dev,
        @Doc("simulated end time; events at or after it do not run") @Unit(Unit.Kind.DURATION) long endTime,
        @Doc("keep the full event log in trace.txt (small runs only)") boolean trace,
        @Doc("substream of a single run (a sweep sets it per run)") int replication,
        @Doc("results folder; empty: results/<scenario>/<time>-s<seed>-np<np>") String out,
        @Doc("niodev: machines file of a cluster (one host per line); empty: this host") String machines,
        @Doc("niodev: how ranks start: daemon (MPJ's daemons), ssh (a remote shell to the machines file's hosts) or slurm (srun on SLURM_JOB_NODELIST)") String launcher,
        @Doc("maximum heap of the rank JVM(s), e.g. 8g; empty: the JVM's default") String heap,
        @Doc("progress display: auto (a bar on a terminal, log lines otherwise), bar, plain or off") String progress,
        @Doc("the model's own section, under the model's name") Record section) {

    public RunSettings {
        model = model.trim().replace('-', '_').toLowerCase(java.util.Locale.ROOT);
        java.util.Objects.requireNonNull(section, "section");
        ConfigError.require(replications >= 1 && replications <= 100_000, "replications", "must be in [1, 100000], got " + replications);
        ConfigError.require(np >= 1 && np <= 1024, "np", "must be in [1, 1024], got " + np);
        ConfigError.require(endTime > 0, "end_time", "must be positive");
        ConfigError.require(replication >= 0, "replication", "must be >= 0, got " + replication);
        ConfigError.require(HeapSize.problem(heap) == null, "heap", String.valueOf(HeapSize.problem(heap)));
        ConfigError.require(!out.isBlank() || out.isEmpty(), "out", "a folder name, not blanks");
        ConfigError.require(java.util.Set.of("daemon", "ssh", "slurm").contains(launcher), "launcher",
                "expected daemon, ssh or slurm, got \"" + launcher + "\"");
        ConfigError.require(java.util.Set.of("auto", "bar", "plain", "off").contains(progress), "progress",
                "expected auto, bar, plain or off, got \"" + progress + "\"");
    }

    public static RunSettings defaults() {
        return new RunSettings("phold", 1, 1, 1, Device.MULTICORE, 60_000_000_000L, false, 0, "", "", "daemon", "",
                "auto", PholdConfig.defaults());
    }

    /** These settings with command-line overrides; a null override keeps the scenario's value. */
    public RunSettings with(Overrides o) {
        return new RunSettings(model, pick(o.seed(), seed), replications, pick(o.np(), np), pick(o.dev(), dev), endTime,
                trace, pick(o.replication(), replication), pick(o.out(), out), pick(o.machines(), machines),
                pick(o.launcher(), launcher), pick(o.heap(), heap), pick(o.progress(), progress), section);
    }

    public RunSettings with(Long seedOverride, Integer npOverride, Device devOverride) {
        return with(new Overrides(seedOverride, npOverride, devOverride, null, null, null, null, null, null));
    }

    /** These settings with another bound section of the same model. */
    public RunSettings withSection(Record s) {
        return new RunSettings(model, seed, replications, np, dev, endTime, trace, replication, out, machines, launcher,
                heap, progress, s);
    }

    /** The model's section as its record type (a {@link ClassCastException} if the model is another one). */
    public <C extends Record> C section(Class<C> type) {
        return type.cast(section);
    }

    private static <T> T pick(T override, T value) {
        return override != null ? override : value;
    }

    /** Command-line values that replace scenario keys of the same name (null: not given). */
    public record Overrides(Long seed, Integer np, Device dev, Integer replication, String out, String machines,
            String heap, String progress, String launcher) {}
}
