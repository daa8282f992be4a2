package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/** One capacity class and its relative weight. */
public record RateClass(
        @Doc("capacity") @Unit(Unit.Kind.BITS_PER_SECOND) long rate,
        @Doc("relative weight of the class") double weight) {

    public RateClass {
        ConfigError.require(rate > 0, "rate", "must be positive");
        ConfigError.require(weight > 0, "weight", "must be positive");
    }

    public static RateClass defaults() {
        return new RateClass(1_000_000, 1);
    }
}
