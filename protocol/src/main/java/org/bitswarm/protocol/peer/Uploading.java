package org.bitswarm.protocol.peer;

import java.util.List;
import java.util.function.Function;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.strategy.ChokeView;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.Peer;
import org.bitswarm.protocol.wire.BlockKey;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;
import umontreal.ssj.rng.RandomStream;

/**
 * A session's upload side (BEP 3): choking as the {@link Choker} decides, the peers' interest, and their
 * requests, which wait per connection for the client's link scheduler. The choker sees this class as its
 * read-only {@link ChokeView}.
 */
final class Uploading implements ChokeView {
    private final Session s;
    private final Choker choker;
    private Context ctx;

    Uploading(Session s, Choker choker) {
        this.s = s;
        this.choker = choker;
    }

    long interval() {
        return choker.interval();
    }

    double weight(Connection c) {
        return choker.weight(c);
    }

    /** The rechoke timer: apply the choker's choice, then start a new rate-measuring round. */
    void rechoke(Context ctx) {
        this.ctx = ctx;
        apply(ctx, choker.rechoke(this));
        for (Connection c : s.peering.conns.values()) {
            c.rollRates(ctx.now());
        }
        offerPieces(ctx, null); // super-seeding: an offer held back may be due by now, with no HAVE to trigger it
    }

    /**
     * A peer we unchoked lost interest or disconnected (it is already out of the connections): the choker may
     * rechoke at once ({@link Choker#released}); the rate-measuring round goes on.
     */
    void released(Context ctx) {
        between(ctx, choker::released);
    }

    /** A connection opened (handshake done): the choker may rechoke at once ({@link Choker#connected}). */
    void connected(Context ctx) {
        between(ctx, choker::connected);
    }

    /** Between rechokes: the choker's answer (null: leave every choke state as it is) is applied at once. */
    private void between(Context ctx, Function<ChokeView, List<Peer>> decision) {
        if (!s.active || !s.uploads()) {
            return;
        }
        this.ctx = ctx;
        List<Peer> unchoke = decision.apply(this);
        if (unchoke != null) {
            apply(ctx, unchoke);
        }
    }

    /** Unchokes exactly these peers and chokes the others. */
    private void apply(Context ctx, List<Peer> unchoke) {
        for (Connection c : s.peering.conns.values()) {
            boolean open = unchoke.contains(c);
            if (open && c.amChoking) {
                c.amChoking = false;
                s.client.control(ctx, c, Kind.UNCHOKE, new Msg.Signal(s.torrent), WireSize.SMALL);
            } else if (!open && !c.amChoking) {
                c.amChoking = true;
                c.clearUploads();
                s.client.control(ctx, c, Kind.CHOKE, new Msg.Signal(s.torrent), WireSize.SMALL);
            }
        }
    }

    void onInterest(Context ctx, Connection c, boolean interested) {
        boolean wasInterested = c.peerInterested;
        c.peerInterested = interested;
        if (!interested) {
            c.clearUploads();
            if (wasInterested && !c.amChoking) {
                released(ctx);
            }
            return;
        }
        this.ctx = ctx;
        if (c.amChoking && s.uploads() && choker.unchokeAtOnce(this, c)) {
            c.amChoking = false;
            s.client.control(ctx, c, Kind.UNCHOKE, new Msg.Signal(s.torrent), WireSize.SMALL);
        }
    }

    void onRequest(Context ctx, Connection c, int piece, int block) {
        if (c.amChoking || !s.uploads() || !s.have.get(piece)) {
            return;
        }
        this.ctx = ctx;
        if (!choker.showsPieces(this) && !choker.serves(this, c, piece)) {
            return;
        }
        c.queueUpload(BlockKey.of(piece, block));
        s.client.uplinkOffer(ctx, c);
    }

    void onCancel(Connection c, int piece, int block) {
        c.unqueueUpload(BlockKey.of(piece, block));
    }

    /** The pieces the handshake shows: all we have, or none while super-seeding. */
    long[] shownPieces(Context ctx) {
        this.ctx = ctx;
        return choker.showsPieces(this) ? s.have.toLongArray() : new long[0];
    }

    /**
     * Super-seeding: a new connection, a neighbour announced a piece, or the rechoke timer; offer pieces where the
     * choker says so.
     */
    void offerPieces(Context ctx, Connection only) {
        this.ctx = ctx;
        if (choker.showsPieces(this)) {
            return;
        }
        for (Connection c : only != null ? List.of(only) : s.peering.conns.snapshot()) {
            int piece = choker.offer(this, c);
            if (piece >= 0) {
                s.client.control(ctx, c, Kind.HAVE, new Msg.Have(s.torrent, piece), WireSize.HAVE);
            }
        }
    }

    // ---- ChokeView ----

    @Override
    public long now() {
        return ctx.now();
    }

    @Override
    public List<Connection> peers() {
        return s.peering.conns.values();
    }

    @Override
    public boolean seeding() {
        return s.complete();
    }

    @Override
    public boolean uploads() {
        return s.uploads();
    }

    @Override
    public int unchokedCount() {
        int n = 0;
        for (Connection c : s.peering.conns.values()) {
            if (!c.amChoking) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int pieces() {
        return s.pieces;
    }

    @Override
    public int availability(int piece) {
        return s.haves.avail[piece];
    }

    @Override
    public long uploadRate() {
        return s.client.uploadRate();
    }

    @Override
    public long pieceBytes() {
        return s.spec.pieceSize();
    }

    @Override
    public RandomStream random() {
        return ctx.random(Client.RNG_CHOKE);
    }
}
