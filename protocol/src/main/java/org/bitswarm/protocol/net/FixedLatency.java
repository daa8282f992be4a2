package org.bitswarm.protocol.net;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.LatencyConfig;

/** The same latency between every pair. */
public record FixedLatency(long delay) implements Latency {
    @Override
    public long lowest() {
        return delay;
    }

    @Override
    public long between(long x, long y) {
        return delay;
    }

    @Doc("the same latency for every pair")
    public record Config(@Doc("the latency of every pair (at least 1 ms: it is the lookahead)") @Unit(Unit.Kind.DURATION) long delay)
            implements LatencyConfig {
        public Config {
            ConfigError.require(delay >= 1_000_000, "delay", "must be at least 1 ms (it is the lookahead)");
        }

        public static Config defaults() {
            return new Config(10_000_000);
        }

        @Override
        public Latency create(long seed, long entities) {
            return new FixedLatency(delay);
        }
    }
}
