package org.bitswarm.protocol.peer;

import java.util.Arrays;
import java.util.BitSet;
import org.bitswarm.protocol.strategy.LinkScheduler;
import org.bitswarm.protocol.strategy.Peer;

/**
 * One side of a peer wire connection in one torrent (BEP 3). Both directions start choked and not interested.
 * What we know of the remote peer (its pieces, its interest, its choking) comes only from its messages.
 * Strategies see it read-only, as a {@link Peer}; the link scheduler as a {@link LinkScheduler.Flow}.
 */
final class Connection implements Peer, LinkScheduler.Flow {
    final Session session;
    final long peer;
    final long connectedAt;
    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    /**
     * The peer's pieces as bitset words (bit i of word i / 64), allocated at the first piece: a bare array rather
     * than a {@link BitSet} saves the BitSet object (24 bytes) on each of up to 80 connections per client.
     */
    private long[] peerHave = NO_WORDS;
    int peerHaveCount;
    /** Pieces the peer has and we lack. */
    int interesting;
    /**
     * Our requests in flight to the peer, as {@link org.bitswarm.protocol.wire.BlockKey} values: allocated at
     * the first request and given up once the session is complete and none is left, so a seed's connections
     * carry none.
     */
    long[] outstanding = NO_WORDS;
    int nOutstanding;
    /**
     * The peer's requests waiting for our uplink: created at the first and dropped when the queue is cleared
     * (on choke), so the many connections that never carry a request (a seed's, at the end of a run) hold none.
     */
    private LongQueue uploads;
    /** Arrival time of our last message to the peer, for in-order delivery. */
    long lastArrival = -1;
    boolean inUplink;
    double pass;
    boolean closed;
    long bytesIn;
    long prevIn;
    long bytesOut;
    long prevOut;
    long lastBlockAt;
    /** When we last sent the peer a block (or the connection opened); with lastBlockAt: connections.idle_timeout. */
    long lastSentAt;
    /** When the current rate-measuring round began, and how long the previous one lasted. */
    long roundStart;
    long prevRoundLength;

    private static final long[] NO_WORDS = new long[0];

    Connection(Session session, long peer, long now) {
        this.session = session;
        this.peer = peer;
        this.connectedAt = now;
        this.lastBlockAt = now;
        this.lastSentAt = now;
        this.roundStart = now;
    }

    /** Whether the peer announced {@code piece}. */
    boolean hasPiece(int piece) {
        int w = piece >>> 6;
        return w < peerHave.length && (peerHave[w] & (1L << piece)) != 0;
    }

    /** Records that the peer has {@code piece} (its bitfield or a HAVE). */
    void addPiece(int piece) {
        int w = piece >>> 6;
        if (w >= peerHave.length) {
            peerHave = Arrays.copyOf(peerHave, Math.max(w + 1, (session.pieces + 63) >>> 6));
        }
        peerHave[w] |= 1L << piece;
    }

    /**
     * Called when {@link #peerHaveCount} may have reached every piece: a seed's pieces are then the session's
     * shared all-pieces words (never written: every bit is set), not 56 bytes more on each connection.
     */
    void shareIfSeed() {
        if (peerHaveCount == session.pieces) {
            peerHave = session.allPieces();
        }
    }

    /** The peer's first piece at or after {@code from}, or -1 (as {@link BitSet#nextSetBit}). */
    int nextPiece(int from) {
        int w = from >>> 6;
        if (w >= peerHave.length) {
            return -1;
        }
        long word = peerHave[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == peerHave.length) {
                return -1;
            }
            word = peerHave[w];
        }
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
                releaseOutstandingIfDone();
                return true;
            }
        }
        return false;
    }

    /** The download rate from the peer over the current and the previous round, in bytes per second. */
    double downRate(long now) {
        long span = now - roundStart + prevRoundLength;
        return span <= 0 ? 0 : (bytesIn + prevIn) * 1e9 / span;
    }

    /** Queues a request of the peer for our uplink. */
    void queueUpload(long key) {
        if (uploads == null) {
            uploads = new LongQueue();
        }
        uploads.add(key);
    }

    /** The peer cancelled a queued request (nothing if it was not queued). */
    void unqueueUpload(long key) {
        if (uploads != null) {
            uploads.remove(key);
        }
    }

    /** Drops every queued request of the peer (choked or closed). */
    void clearUploads() {
        uploads = null;
    }

    /** Room for one more request in flight; the first request makes room for {@code pipeline}. */
    void growOutstanding(int pipeline) {
        if (nOutstanding == outstanding.length) {
            int n = outstanding.length == 0 ? Math.max(1, pipeline) : outstanding.length * 2;
            outstanding = Arrays.copyOf(outstanding, n);
        }
    }

    /** A complete session requests nothing more: once no request is in flight, the array goes. */
    void releaseOutstandingIfDone() {
        if (nOutstanding == 0 && session.complete()) {
            outstanding = NO_WORDS;
        }
    }

    void rollRates(long now) {
        prevRoundLength = now - roundStart;
        roundStart = now;
        prevIn = bytesIn;
        bytesIn = 0;
        prevOut = bytesOut;
        bytesOut = 0;
    }

    // ---- Peer: the read-only view strategies get ----

    @Override
    public long id() {
        return peer;
    }

    @Override
    public boolean open() {
        return !closed;
    }

    @Override
    public long connectedAt() {
        return connectedAt;
    }

    @Override
    public boolean peerInterested() {
        return peerInterested;
    }

    @Override
    public boolean amInterested() {
        return amInterested;
    }

    @Override
    public boolean amChoking() {
        return amChoking;
    }

    @Override
    public boolean peerChoking() {
        return peerChoking;
    }

    @Override
    public long lastBlockAt() {
        return lastBlockAt;
    }

    /** Download rate estimate: bytes received over the last two rechoke periods (mainline averages ~20 s). */
    @Override
    public long rateIn() {
        return bytesIn + prevIn;
    }

    @Override
    public long rateOut() {
        return bytesOut + prevOut;
    }

    @Override
    public long bytesOutThisRound() {
        return bytesOut;
    }

    @Override
    public long bytesInThisRound() {
        return bytesIn;
    }

    @Override
    public long bytesInLastRound() {
        return prevIn;
    }

    @Override
    public boolean has(int piece) {
        return hasPiece(piece);
    }

    @Override
    public int pieceCount() {
        return peerHaveCount;
    }

    @Override
    public BitSet pieces() {
        return BitSet.valueOf(peerHave);
    }

    @Override
    public boolean requested(long key) {
        return hasOutstanding(key);
    }

    // ---- Flow: the uplink's view ----

    @Override
    public boolean ready() {
        return !closed && !amChoking && uploads != null && !uploads.isEmpty() && session.active;
    }

    @Override
    public long nextBlock() {
        return uploads.poll();
    }

    @Override
    public boolean hasMore() {
        return uploads != null && !uploads.isEmpty();
    }

    @Override
    public boolean queued() {
        return inUplink;
    }

    @Override
    public void queued(boolean queued) {
        inUplink = queued;
    }

    @Override
    public double weight() {
        return session.up.weight(this);
    }

    @Override
    public double pass() {
        return pass;
    }

    @Override
    public void pass(double pass) {
        this.pass = pass;
    }
}
