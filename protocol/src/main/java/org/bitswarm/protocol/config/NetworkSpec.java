package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/**
 * One-way latency between two clients (and between a client and a tracker): fixed, uniform in [min, max] drawn
 * once per pair, or read from a matrix file. The minimum is the model's lookahead.
 */
public record NetworkSpec(
        @Doc("fixed, uniform or matrix") Enums.LatencyKind latency,
        @Doc("lower bound of the latency (the fixed value when fixed)") @Unit(Unit.Kind.DURATION) long min,
        @Doc("upper bound of the latency when uniform") @Unit(Unit.Kind.DURATION) long max,
        @Doc("matrix file: whitespace-separated milliseconds, row i col j = entity i to j; ids beyond wrap modulo") String matrixFile) {

    public NetworkSpec {
        ConfigError.require(latency != null, "latency", "must be fixed, uniform or matrix");
        ConfigError.require(min >= 1_000_000, "min", "must be at least 1 ms (it is the lookahead)");
        ConfigError.require(latency != Enums.LatencyKind.UNIFORM || max >= min, "max", "must be >= min");
        ConfigError.require(latency != Enums.LatencyKind.MATRIX || (matrixFile != null && !matrixFile.isBlank()),
                "matrix_file", "needed when latency is matrix");
        matrixFile = matrixFile == null ? "" : matrixFile;
    }

    public static NetworkSpec defaults() {
        return new NetworkSpec(Enums.LatencyKind.UNIFORM, 10_000_000, 100_000_000, "");
    }
}
