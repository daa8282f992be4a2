package org.bitswarm.protocol.net;

/**
 * One-way latency between two entities (clients and trackers), the same in both directions and fixed for the
 * run. Implementations must be pure functions of the pair (no state changes, no draws at run time), so that
 * both ends and every rank compute the same number without talking. Built by a
 * {@link org.bitswarm.protocol.strategy.LatencyConfig}.
 */
public interface Latency {
    /** The smallest latency of any pair: the model's lookahead. */
    long lowest();

    long between(long x, long y);
}
