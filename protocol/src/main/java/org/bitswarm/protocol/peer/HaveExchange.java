package org.bitswarm.protocol.peer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;

/**
 * What a session knows of its neighbours' pieces and tells them of its own: bitfields, HAVEs (optionally
 * batched), piece availability, and our interest in each peer (BEP 3).
 */
final class HaveExchange {
    private final Session s;
    /** How many connections announced each piece. */
    final int[] avail;
    private final List<Long> pendingHaves = new ArrayList<>();

    HaveExchange(Session s) {
        this.s = s;
        this.avail = new int[s.pieces];
    }

    /** The bitfield that came with the handshake of a new connection. */
    void onBitfield(Context ctx, Connection c, BitSet theirs) {
        c.peerHaveCount = theirs.cardinality();
        for (int i = theirs.nextSetBit(0); i >= 0; i = theirs.nextSetBit(i + 1)) {
            c.addPiece(i);
            avail[i]++;
            if (!s.have.get(i)) {
                c.interesting++;
            }
        }
        c.shareIfSeed();
        updateInterest(ctx, c);
    }

    /** A closed connection's pieces leave the availability counts. */
    void forget(Connection c) {
        for (int i = c.nextPiece(0); i >= 0; i = c.nextPiece(i + 1)) {
            avail[i]--;
        }
    }

    void onHave(Context ctx, Connection c, int piece) {
        if (c.hasPiece(piece)) {
            return;
        }
        c.addPiece(piece);
        c.peerHaveCount++;
        c.shareIfSeed();
        avail[piece]++;
        if (!s.have.get(piece)) {
            c.interesting++;
            updateInterest(ctx, c);
        }
        if (s.complete() && c.peerHaveCount == s.pieces) {
            s.peering.closeSeedPair(ctx, c);
            return;
        }
        if (s.complete()) {
            s.up.offerPieces(ctx, null);
        }
    }

    /**
     * We completed and HAVEs were not sent to peers that had the piece ({@code have.redundant: false}), so a
     * neighbour may not know that we have everything: an upload_only (BEP 21) tells each of them. Without it two
     * clients that both completed would never learn it of each other and would keep an idle connection (and its
     * slot) to the end; with it the second to complete closes the pair, as libtorrent closes connections to
     * seeds when it finishes (close_redundant_connections).
     */
    void tellComplete(Context ctx) {
        for (Connection c : s.peering.conns.values()) {
            s.client.control(ctx, c, Kind.UPLOAD_ONLY, new Msg.Signal(s.torrent), WireSize.UPLOAD_ONLY);
        }
    }

    /** The peer says it has every piece (BEP 21 upload_only): the pieces it did not announce count now. */
    void onUploadOnly(Context ctx, Connection c) {
        if (c.peerHaveCount == s.pieces) {
            return;
        }
        boolean newInterest = false;
        for (int i = 0; i < s.pieces; i++) {
            if (!c.hasPiece(i)) {
                c.addPiece(i);
                avail[i]++;
                if (!s.have.get(i)) {
                    c.interesting++;
                    newInterest = true;
                }
            }
        }
        c.peerHaveCount = s.pieces;
        c.shareIfSeed();
        if (s.complete()) {
            s.peering.closeSeedPair(ctx, c);
            return;
        }
        if (newInterest) {
            updateInterest(ctx, c);
        }
    }

    void updateInterest(Context ctx, Connection c) {
        boolean want = c.interesting > 0 && !s.complete();
        if (want != c.amInterested) {
            c.amInterested = want;
            s.client.control(ctx, c, want ? Kind.INTERESTED : Kind.NOT_INTERESTED, new Msg.Signal(s.torrent), WireSize.SMALL);
        }
        if (want && !c.peerChoking) {
            s.down.fill(ctx, c);
        }
    }

    /** A piece checked out: peers that have it become less interesting, and everyone hears of it. */
    void onVerified(Context ctx, int piece) {
        for (Connection c : s.peering.conns.values()) {
            if (c.hasPiece(piece)) {
                c.interesting--;
                updateInterest(ctx, c);
            }
        }
        announce(ctx, piece);
    }

    /**
     * HAVE after a piece checks out (BEP 3), not to peers that already have it (libtorrent). With
     * {@code have.batch > 0} the HAVEs of that period go out together, one message per peer charged 9 bytes per
     * piece (as several HAVEs in one TCP segment).
     */
    private void announce(Context ctx, int piece) {
        if (s.p.have().batch() == 0) {
            send(ctx, new long[] {piece});
            return;
        }
        if (pendingHaves.isEmpty()) {
            ctx.schedule(s.p.have().batch(), Kind.HAVE_FLUSH, new Msg.Timer(s.torrent, s.epoch));
        }
        pendingHaves.add((long) piece);
    }

    void onFlush(Context ctx, int ep) {
        if (ep != s.epoch || pendingHaves.isEmpty()) {
            pendingHaves.clear();
            return;
        }
        long[] ps = new long[pendingHaves.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = pendingHaves.get(i);
        }
        pendingHaves.clear();
        send(ctx, ps);
    }

    private void send(Context ctx, long[] ps) {
        boolean redundant = s.p.have().redundant();
        Msg all = null; // the message of every peer that lacks all of ps: one immutable record, shared
        for (Connection c : s.peering.conns.values()) {
            int n = 0;
            for (long q : ps) {
                if (redundant || !c.hasPiece((int) q)) {
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            long[] mine = ps;
            if (n < ps.length) {
                mine = new long[n];
                int k = 0;
                for (long q : ps) {
                    if (redundant || !c.hasPiece((int) q)) {
                        mine[k++] = q;
                    }
                }
            }
            Msg m;
            if (mine == ps) {
                if (all == null) {
                    all = message(ps);
                }
                m = all;
            } else {
                m = message(mine);
            }
            s.client.control(ctx, c, Kind.HAVE, m, WireSize.HAVE * mine.length);
        }
    }

    private Msg message(long[] pieces) {
        return pieces.length == 1 ? new Msg.Have(s.torrent, (int) pieces[0]) : new Msg.Haves(s.torrent, pieces);
    }
}
