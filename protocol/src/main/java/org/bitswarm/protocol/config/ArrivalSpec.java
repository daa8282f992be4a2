package org.bitswarm.protocol.config;

import java.util.List;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/** When a group's clients join: all at {@code start} (flash crowd), a Poisson process from start, or a list. */
public record ArrivalSpec(
        @Doc("flash, poisson or list") Enums.ArrivalKind kind,
        @Doc("time of the flash crowd, or of the first possible Poisson arrival") @Unit(Unit.Kind.DURATION) long start,
        @Doc("Poisson arrivals per second") double rate,
        @Doc("arrival times for kind list, one per client in order (the last repeats)") @Unit(Unit.Kind.DURATION) List<Long> times) {

    public ArrivalSpec {
        times = times == null ? List.of() : List.copyOf(times);
        ConfigError.require(kind != null, "kind", "must be flash, poisson or list");
        ConfigError.require(start >= 0, "start", "must be >= 0");
        ConfigError.require(kind != Enums.ArrivalKind.POISSON || rate > 0, "rate", "must be positive for poisson");
        ConfigError.require(kind != Enums.ArrivalKind.LIST || !times.isEmpty(), "times", "needs at least one time");
        for (long t : times) {
            ConfigError.require(t >= 0, "times", "must be >= 0");
        }
    }

    public static ArrivalSpec defaults() {
        return new ArrivalSpec(Enums.ArrivalKind.FLASH, 0, 0, List.of());
    }
}
