package org.bitswarm.protocol.link;

import org.bitswarm.protocol.strategy.LinkConfig;

/**
 * How the receiver's downlink limits what it receives ({@code protocol.links.downlink}).
 */
public enum Downlink {
    /**
     * The downlink is a link at the receiver: a block that has crossed the network finishes arriving no earlier
     * than one block time at the downlink rate after the block before it (first come, first served), so over any
     * interval of at least one block time a client receives at most its downlink times the interval plus one block.
     * Requests leave at once, as in a real client; when several uploaders send to one receiver faster than its
     * downlink, their blocks queue at the receiver (latency grows, total throughput is the downlink's). The
     * uploaders' uplinks are charged at their own rate, as before: an uploader whose receiver is the bottleneck
     * does not lend its spare rate to its other flows while that block is on the wire (TCP would), which is at most
     * one block time per block and the request pipeline bounds the queue.
     */
    PACED,
    /**
     * The model before issue 11: every request reserves its block's time on the downlink and is held back until the
     * reservation starts; arrivals are not paced, so blocks queued at uploaders and later served at the uploaders'
     * rate arrive above the downlink for a while (measured: up to 1.57 x the downlink over 1 s at defaults).
     * A cancelled request returns its reservation. Kept to reproduce earlier results.
     */
    RESERVE_AT_REQUEST;

    /** The {@code downlink} key's documentation, shared by every link scheduler's config. */
    static final String DOC = "the receiver's downlink: paced (blocks pass a first-come, first-served link at the"
            + " receiver, so no client receives faster than its downlink at any time scale) or reserve_at_request (the"
            + " model before issue 11: each request reserves downlink time when sent; arrivals may bunch above the"
            + " downlink)";

    /** A link scheduler's config with a {@code downlink} key: the downlink holds when it is paced. */
    interface Configured extends LinkConfig {
        Downlink downlink();

        @Override
        default boolean downlinkHolds() {
            return downlink() == PACED;
        }
    }
}
