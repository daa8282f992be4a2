package org.bitswarm.protocol.link;

import org.bitswarm.engine.Ticks;

/**
 * The receiver's downlink, shared by the link schedulers, in one of the two {@link Downlink} models: a
 * first-come, first-served server for arriving blocks ({@link Downlink#PACED}), or a reservation per request
 * ({@link Downlink#RESERVE_AT_REQUEST}). State of the receiver only, so the result is the same on any number of
 * ranks; it only ever delays, so the lookahead stays valid.
 */
final class DownlinkPacer {
    private final Downlink mode;
    /** Reservation mode: end of the last reservation. */
    private long freeAt;
    /** Paced mode: when the last block finished arriving (no block yet: far in the past). */
    private long lastIn = Long.MIN_VALUE / 4;

    DownlinkPacer(Downlink mode) {
        this.mode = mode;
    }

    long reserve(long now, int wire, long rate) {
        if (mode != Downlink.RESERVE_AT_REQUEST) {
            return 0;
        }
        long start = Math.max(now, freeAt);
        freeAt = start + Ticks.transmission(wire, rate);
        return start - now;
    }

    /**
     * A request that reserved {@code wire} bytes was cancelled: its time goes back to the downlink, the
     * reservations' end moving earlier by one block time (not before now, since elapsed time is gone).
     */
    void release(long now, int wire, long rate) {
        if (mode == Downlink.RESERVE_AT_REQUEST && freeAt > now) {
            freeAt = Math.max(now, freeAt - Ticks.transmission(wire, rate));
        }
    }

    /**
     * A block of {@code wire} bytes has crossed the network; returns how long until it has also crossed the
     * downlink: it ends no earlier than one block time at the downlink rate after the block before it.
     */
    long arrive(long now, int wire, long rate) {
        if (mode != Downlink.PACED) {
            return 0;
        }
        long in = Math.max(now, lastIn + Ticks.transmission(wire, rate));
        lastIn = in;
        return in - now;
    }
}
