package org.bitswarm.protocol.strategy;

import org.bitswarm.engine.Context;

/**
 * How a client's access link is shared: the order in which waiting blocks go out on the uplink, and how the
 * downlink limits what arrives (when a request may leave, when an arriving block is received). One instance per
 * client (all its torrents share the link). The uplink transmits one thing at a time through {@link Uplink#transmit}; the scheduler sets the
 * {@link org.bitswarm.protocol.wire.Kind#UPLINK_DONE} timer and is told through {@link #uplinkDone}.
 */
public interface LinkScheduler {
    /** A connection has blocks waiting for the uplink. */
    void offer(Context ctx, Flow flow);

    /** The block in transmission has left the uplink. */
    void uplinkDone(Context ctx);

    /**
     * A request for {@code wire} bytes is about to leave: reserves its downlink time at {@code rate} bit/s if the
     * model reserves at request time; returns how long the request waits (0 when it does not).
     */
    long reserveDownlink(long now, int wire, long rate);

    /** A request for {@code wire} bytes was cancelled: gives back what {@link #reserveDownlink} reserved for it. */
    void releaseDownlink(long now, int wire, long rate);

    /**
     * A block of {@code wire} bytes has crossed the network to this client: returns how long until it has also
     * crossed the downlink of {@code rate} bit/s (0: received now). Calls come in order of wire arrival.
     */
    long arriveDownlink(long now, int wire, long rate);

    /** One connection's queue of requested blocks, as the uplink sees it. */
    interface Flow {
        /** The flow may send now (open, unchoked, its session active) and has a block waiting. */
        boolean ready();

        /** Takes the next waiting block (packed key). */
        long nextBlock();

        boolean hasMore();

        /** The scheduler's own mark: the flow is in its queue. */
        boolean queued();

        void queued(boolean queued);

        /** The share this flow should get relative to the others (the choker's {@link Choker#weight}). */
        double weight();

        /** A weighing scheduler's own per-flow number (virtual finish time). */
        double pass();

        void pass(double pass);
    }

    /** The client's side of the uplink. */
    interface Uplink {
        /**
         * Sends a block of the flow, its transmission starting {@code after} ticks from now (0: now; more when it
         * follows blocks handed over in the same decision); returns its transmission time in ticks.
         */
        long transmit(Context ctx, Flow flow, long key, long after);
    }
}
