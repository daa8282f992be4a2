package org.bitswarm.protocol.link;

import org.bitswarm.engine.Ticks;

/**
 * The receiver's downlink pacing shared by the link schedulers: every request reserves its block's
 * transmission time on the downlink and is held back until the reservation starts.
 */
final class DownlinkPacer {
    private long freeAt;

    long reserve(long now, int wire, long rate) {
        long start = Math.max(now, freeAt);
        freeAt = start + Ticks.transmission(wire, rate);
        return start - now;
    }
}
