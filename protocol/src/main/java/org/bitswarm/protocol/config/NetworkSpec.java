package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.net.UniformLatency;
import org.bitswarm.protocol.strategy.LatencyConfig;

/**
 * One-way latency between two clients (and between a client and a tracker), from a pluggable latency model
 * ({@link org.bitswarm.protocol.strategy.Strategies#LATENCIES}). The smallest latency is the model's lookahead.
 */
public record NetworkSpec(@Doc("the latency model") LatencyConfig latency) {

    public NetworkSpec {
        ConfigError.require(latency != null, "latency", "missing");
    }

    public static NetworkSpec defaults() {
        return new NetworkSpec(UniformLatency.Config.defaults());
    }
}
