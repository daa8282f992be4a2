package org.bitswarm.protocol.net;

import org.bitswarm.engine.Mix;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.LatencyConfig;

/**
 * A uniform value in [min, max] per pair, derived from a keyed hash of (seed, smaller id, larger id), so both
 * ends compute the same number without talking or sharing state.
 */
public final class UniformLatency implements Latency {
    private final long min;
    private final long span;
    private final long key;

    UniformLatency(Config cfg, long seed) {
        this.min = cfg.min();
        this.span = cfg.max() - cfg.min() + 1;
        this.key = Mix.splitmix(seed ^ 0x1A7E_9C11L);
    }

    @Override
    public long lowest() {
        return min;
    }

    @Override
    public long between(long x, long y) {
        long h = Mix.hash(key, Math.min(x, y), Math.max(x, y)) >>> 1;
        return min + h % span;
    }

    @Doc("uniform in [min, max], drawn once per pair")
    public record Config(
            @Doc("lower bound (at least 1 ms: it is the lookahead)") @Unit(Unit.Kind.DURATION) long min,
            @Doc("upper bound") @Unit(Unit.Kind.DURATION) long max) implements LatencyConfig {
        public Config {
            ConfigError.require(min >= 1_000_000, "min", "must be at least 1 ms (it is the lookahead)");
            ConfigError.require(max >= min, "max", "must be >= min");
        }

        public static Config defaults() {
            return new Config(10_000_000, 100_000_000);
        }

        @Override
        public Latency create(long seed, long entities) {
            return new UniformLatency(this, seed);
        }
    }
}
