package org.bitswarm.scenario;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.engine.phold.PholdConfig;
import org.bitswarm.protocol.config.SwarmConfig;

/**
 * The top level of a scenario file: run control plus one section per model. Every key is documented with its
 * default in scenarios/REFERENCE.yaml. Command-line options override the run keys.
 */
public record RunSettings(
        @Doc("which model runs: phold or bittorrent") ModelKind model,
        @Doc("seed of every random stream; the same seed gives byte-identical results") long seed,
        @Doc("replications of the run (sweeps); replication r uses substream r") int replications,
        @Doc("MPI ranks (processes or threads)") int np,
        @Doc("MPJ device: multicore (threads in one JVM), niodev (one JVM per rank), or local (in-process, no MPJ)") Device dev,
        @Doc("simulated end time; events at or after it do not run") @Unit(Unit.Kind.DURATION) long endTime,
        @Doc("keep the full event log in trace.txt (small runs only)") boolean trace,
        @Doc("PHOLD benchmark settings") PholdConfig phold,
        @Doc("BitTorrent swarm settings") SwarmConfig bittorrent) {

    public RunSettings {
        ConfigError.require(replications >= 1 && replications <= 100_000, "replications", "must be in [1, 100000], got " + replications);
        ConfigError.require(np >= 1 && np <= 1024, "np", "must be in [1, 1024], got " + np);
        ConfigError.require(endTime > 0, "end_time", "must be positive");
    }

    public static RunSettings defaults() {
        return new RunSettings(ModelKind.PHOLD, 1, 1, 1, Device.MULTICORE, 60_000_000_000L, false, PholdConfig.defaults(),
                SwarmConfig.defaults());
    }

    public RunSettings with(Long seedOverride, Integer npOverride, Device devOverride) {
        return new RunSettings(model, seedOverride != null ? seedOverride : seed, replications,
                npOverride != null ? npOverride : np, devOverride != null ? devOverride : dev, endTime, trace, phold,
                bittorrent);
    }
}
