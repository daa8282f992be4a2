package org.bitswarm.protocol.peer;

import java.util.BitSet;

/**
 * One side of a peer wire connection in one torrent (BEP 3). Both directions start choked and not interested.
 * What we know of the remote peer (its pieces, its interest, its choking) comes only from its messages.
 */
final class Connection {
    final long peer;
    final long connectedAt;
    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    final BitSet peerHave = new BitSet();
    int peerHaveCount;
    /** Pieces the peer has and we lack. */
    int interesting;
    /** Our requests in flight to the peer, as {@link Session#key} values. */
    final long[] outstanding;
    int nOutstanding;
    /** The peer's requests waiting for our uplink. */
    final LongQueue uploads = new LongQueue();
    /** Arrival time of our last message to the peer, for in-order delivery. */
    long lastArrival = -1;
    boolean inUplink;
    boolean closed;
    long bytesIn;
    long prevIn;
    long bytesOut;
    long prevOut;
    long lastBlockAt;

    Connection(long peer, long now, int pipeline) {
        this.peer = peer;
        this.connectedAt = now;
        this.lastBlockAt = now;
        this.outstanding = new long[pipeline];
    }

    boolean hasOutstanding(long key) {
        for (int i = 0; i < nOutstanding; i++) {
            if (outstanding[i] == key) {
                return true;
            }
        }
        return false;
    }

    boolean removeOutstanding(long key) {
        for (int i = 0; i < nOutstanding; i++) {
            if (outstanding[i] == key) {
                outstanding[i] = outstanding[--nOutstanding];
                return true;
            }
        }
        return false;
    }

    /** Download rate estimate: bytes received over the last two rechoke periods (mainline averages ~20 s). */
    long rateIn() {
        return bytesIn + prevIn;
    }

    long rateOut() {
        return bytesOut + prevOut;
    }

    void rollRates() {
        prevIn = bytesIn;
        bytesIn = 0;
        prevOut = bytesOut;
        bytesOut = 0;
    }
}
