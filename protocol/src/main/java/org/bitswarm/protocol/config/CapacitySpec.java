package org.bitswarm.protocol.config;

import java.util.List;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/** A link capacity: fixed, one of weighted classes, or uniform in [min, max]; drawn once per client. */
public record CapacitySpec(
        @Doc("fixed, classes or uniform") Enums.CapacityKind kind,
        @Doc("capacity when fixed") @Unit(Unit.Kind.BITS_PER_SECOND) long rate,
        @Doc("classes with weights when kind is classes") List<RateClass> classes,
        @Doc("lower bound when uniform") @Unit(Unit.Kind.BITS_PER_SECOND) long min,
        @Doc("upper bound when uniform") @Unit(Unit.Kind.BITS_PER_SECOND) long max) {

    public CapacitySpec {
        classes = classes == null ? List.of() : List.copyOf(classes);
        ConfigError.require(kind != null, "kind", "must be fixed, classes or uniform");
        ConfigError.require(kind != Enums.CapacityKind.FIXED || rate > 0, "rate", "must be positive");
        ConfigError.require(kind != Enums.CapacityKind.CLASSES || !classes.isEmpty(), "classes", "needs at least one class");
        ConfigError.require(kind != Enums.CapacityKind.UNIFORM || (min > 0 && max >= min), "max", "needs 0 < min <= max");
    }

    public static CapacitySpec defaults() {
        return fixed(1_000_000);
    }

    public static CapacitySpec fixed(long bps) {
        return new CapacitySpec(Enums.CapacityKind.FIXED, bps, List.of(), 0, 0);
    }

    /** Draws a capacity from {@code u}, a uniform number in [0, 1). */
    public long draw(double u) {
        switch (kind) {
            case FIXED:
                return rate;
            case UNIFORM:
                return min + (long) Math.floor(u * (max - min + 1));
            default:
                double total = 0;
                for (RateClass c : classes) {
                    total += c.weight();
                }
                double x = u * total;
                for (RateClass c : classes) {
                    x -= c.weight();
                    if (x < 0) {
                        return c.rate();
                    }
                }
                return classes.get(classes.size() - 1).rate();
        }
    }

    /** The smallest capacity this spec can produce. */
    public long lowest() {
        return switch (kind) {
            case FIXED -> rate;
            case UNIFORM -> min;
            case CLASSES -> classes.stream().mapToLong(RateClass::rate).min().orElse(1);
        };
    }

    public long highest() {
        return switch (kind) {
            case FIXED -> rate;
            case UNIFORM -> max;
            case CLASSES -> classes.stream().mapToLong(RateClass::rate).max().orElse(1);
        };
    }
}
