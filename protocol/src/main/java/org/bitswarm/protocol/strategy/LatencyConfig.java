package org.bitswarm.protocol.strategy;

import java.util.Map;
import org.bitswarm.protocol.net.Latency;

/** A latency model's configuration block ({@code network.latency}). */
public interface LatencyConfig {
    /** The model for one run; {@code seed} is the run's seed, {@code entities} the number of entities. */
    Latency create(long seed, long entities);

    static Map<String, Class<? extends Record>> kinds() {
        return Strategies.LATENCIES.kinds();
    }
}
