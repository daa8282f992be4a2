package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/** How long a client stays after it completes: none, a fixed time, exponential with a mean, or forever. */
public record SeedingSpec(
        @Doc("none, fixed, exponential or forever") Enums.SeedingKind kind,
        @Doc("the fixed time or the exponential mean") @Unit(Unit.Kind.DURATION) long duration) {

    public SeedingSpec {
        ConfigError.require(kind != null, "kind", "must be none, fixed, exponential or forever");
        ConfigError.require(duration >= 0, "duration", "must be >= 0");
        ConfigError.require(kind != Enums.SeedingKind.EXPONENTIAL || duration > 0, "duration", "exponential needs a mean");
    }

    public static SeedingSpec defaults() {
        return new SeedingSpec(Enums.SeedingKind.FOREVER, 0);
    }
}
