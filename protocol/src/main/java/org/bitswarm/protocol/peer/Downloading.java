package org.bitswarm.protocol.peer;

import java.util.BitSet;
import java.util.Collection;
import java.util.TreeMap;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.content.Content;
import org.bitswarm.protocol.strategy.Peer;
import org.bitswarm.protocol.strategy.PickView;
import org.bitswarm.protocol.strategy.PiecePicker;
import org.bitswarm.protocol.util.IntSortedMap;
import org.bitswarm.protocol.wire.BlockKey;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;
import umontreal.ssj.rng.RandomStream;

/**
 * A session's download side (BEP 3): keeping {@code pipeline} requests in flight to each unchoking peer, with
 * the block chosen by the {@link PiecePicker}; storing arriving blocks, cancelling endgame duplicates, and
 * checking every completed piece against its hash before it counts. The picker sees this class as its
 * read-only {@link PickView}.
 */
final class Downloading implements PickView {
    private final Session s;
    private final PiecePicker picker;
    /** Pieces being downloaded, by piece, iterated in piece order (the pickers see them in that order). */
    final IntSortedMap<PieceProgress> inProgress = new IntSortedMap<>();
    final BitSet started = new BitSet();
    private Context ctx;

    Downloading(Session s, PiecePicker picker) {
        this.s = s;
        this.picker = picker;
    }

    /** Requests to keep in flight to this peer: {@code pipeline}, or with {@code pipeline_time} its rate's worth. */
    private int depth(Context ctx, Connection c) {
        return s.p.connections().depth(c.downRate(ctx.now()));
    }

    /** Keeps {@code pipeline} requests in flight to an unchoking peer. */
    void fill(Context ctx, Connection c) {
        int pipeline = depth(ctx, c);
        while (s.active && c.amInterested && !c.peerChoking && c.nOutstanding < pipeline) {
            this.ctx = ctx;
            long k = picker.next(this, c);
            if (k < 0) {
                return;
            }
            int piece = BlockKey.piece(k);
            int block = BlockKey.block(k);
            PieceProgress pp = inProgress.get(piece);
            if (pp == null) {
                pp = new PieceProgress(piece, s.spec.blocksIn(piece), s.client.env.bytesMode());
                inProgress.put(piece, pp);
                started.set(piece);
            }
            pp.requests[block]++;
            pp.fromSeed |= c.peerHaveCount == s.pieces;
            c.growOutstanding(pipeline);
            c.outstanding[c.nOutstanding++] = k;
            int len = s.spec.blockLength(piece, block);
            long wait = s.client.reserveDownlink(ctx, WireSize.PIECE_HEADER + len);
            s.client.control(ctx, c, Kind.REQUEST, new Msg.BlockRef(s.torrent, piece, block), WireSize.REQUEST, wait);
        }
    }

    private void unrequest(long key) {
        PieceProgress pp = inProgress.get(BlockKey.piece(key));
        if (pp != null) {
            int b = BlockKey.block(key);
            pp.requests[b] = Math.max(0, pp.requests[b] - 1);
        }
    }

    /** The connection's requests in flight go back to the pool (choked or closed). */
    void unrequestAll(Connection c) {
        for (int i = 0; i < c.nOutstanding; i++) {
            unrequest(c.outstanding[i]);
        }
        c.nOutstanding = 0;
        c.releaseOutstandingIfDone();
    }

    void onChoke(Context ctx, Connection c) {
        c.peerChoking = true;
        unrequestAll(c);
        for (Connection o : s.peering.conns.values()) {
            if (o != c && !o.peerChoking && o.amInterested && o.nOutstanding < depth(ctx, o)) {
                fill(ctx, o);
            }
        }
    }

    void onUnchoke(Context ctx, Connection c) {
        c.peerChoking = false;
        fill(ctx, c);
    }

    void onPiece(Context ctx, long from, Msg.Block m) {
        int piece = m.piece();
        int block = m.block();
        int len = s.spec.blockLength(piece, block);
        s.downloaded += len;
        s.client.acked(WireSize.PIECE_HEADER + len);
        Connection c = s.peering.conns.get(from);
        if (c == null) {
            s.duplicate += len;
            return;
        }
        c.bytesIn += len;
        c.lastBlockAt = ctx.now();
        long k = BlockKey.of(piece, block);
        boolean asked = c.removeOutstanding(k);
        PieceProgress pp = inProgress.get(piece);
        if (!asked || pp == null || pp.received.get(block)) {
            s.duplicate += len;
            fill(ctx, c);
            return;
        }
        pp.requests[block] = Math.max(0, pp.requests[block] - 1);
        store(s.content, pp, block, m);
        pp.addContributor(from);
        if (s.p.smartBan()) {
            if (pp.senders == null) {
                pp.senders = new long[pp.blocks];
                pp.blockPrints = new long[pp.blocks];
            }
            pp.senders[block] = from;
            pp.blockPrints[block] = m.data() != null ? blockHash(m.data()) : m.print();
        }
        if (pp.requests[block] > 0) {
            cancelOthers(ctx, c, k);
        }
        if (pp.complete()) {
            verify(ctx, pp);
        }
        if (!c.closed) {
            fill(ctx, c);
        }
    }

    private static void store(Content content, PieceProgress pp, int block, Msg.Block m) {
        pp.received.set(block);
        pp.receivedCount++;
        pp.tainted |= m.tainted();
        if (pp.bytesMode()) {
            pp.addBytes(content, block, m.data());
        } else {
            pp.prints[block] = m.print();
        }
    }

    /** Endgame: the block arrived, so withdraw the duplicate requests (BEP 3 cancel). */
    private void cancelOthers(Context ctx, Connection got, long k) {
        for (Connection o : s.peering.conns.values()) {
            if (o != got && o.removeOutstanding(k)) {
                s.client.control(ctx, o, Kind.CANCEL, new Msg.BlockRef(s.torrent, BlockKey.piece(k), BlockKey.block(k)),
                        WireSize.REQUEST);
                inProgress.get(BlockKey.piece(k)).requests[BlockKey.block(k)]--;
                s.client.releaseDownlink(ctx, WireSize.PIECE_HEADER + s.spec.blockLength(BlockKey.piece(k), BlockKey.block(k)));
            }
        }
    }

    private boolean checks(PieceProgress pp) {
        if (pp.bytesMode()) {
            return pp.bytesCheck(s.content);
        }
        for (int b = 0; b < pp.blocks; b++) {
            if (pp.prints[b] != s.content.fingerprint(pp.piece, b)) {
                return false;
            }
        }
        return true;
    }

    /** Every completed piece is checked against the metainfo hash before it counts (BEP 3). */
    private void verify(Context ctx, PieceProgress pp) {
        inProgress.remove(pp.piece);
        started.clear(pp.piece);
        if (!checks(pp)) {
            hashFailure(ctx, pp);
            return;
        }
        if (pp.tainted) {
            s.acceptedCorrupt++;
        }
        if (!failed.isEmpty()) {
            smartBan(ctx, pp);
        }
        s.have.set(pp.piece);
        s.haveCount++;
        s.verifyTime[pp.piece] = ctx.now();
        s.haves.onVerified(ctx, pp.piece);
        if (s.complete()) {
            s.onComplete(ctx);
        }
    }

    /** With smart ban: the blocks of pieces that failed, and who sent them, until the piece passes. */
    private final TreeMap<Integer, PieceProgress> failed = new TreeMap<>();

    /**
     * Smart ban (libtorrent's smart_ban plugin): the piece passed after failing; every sender of a block that
     * differs from the good one sent bad data and is banned at once.
     */
    private void smartBan(Context ctx, PieceProgress good) {
        PieceProgress bad = failed.remove(good.piece);
        if (bad == null || bad.senders == null || good.blockPrints == null) {
            return;
        }
        for (int b = 0; b < good.blocks; b++) {
            if (good.blockPrints[b] != bad.blockPrints[b]) {
                s.peering.ban(ctx, bad.senders[b]);
            }
        }
    }

    /**
     * A block's bytes as 64 bits (FNV-1a), for smart ban's comparison of a failed piece's blocks with the good
     * ones (libtorrent keeps a SHA-1 per block; a simulated corruption is never a 64-bit collision).
     */
    static long blockHash(byte[] data) {
        long h = 0xcbf29ce484222325L;
        for (byte x : data) {
            h = (h ^ (x & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** Hash failure: discard the piece, strike its senders and fetch it again. */
    private void hashFailure(Context ctx, PieceProgress pp) {
        if (s.p.smartBan()) {
            failed.put(pp.piece, pp);
        }
        s.hashFailures++;
        s.wasted += s.spec.pieceLength(pp.piece);
        s.peering.strike(ctx, pp.contributors, pp.nContributors);
        for (Connection c : s.peering.conns.snapshot()) {
            fill(ctx, c);
        }
        s.peering.connectMore(ctx);
    }

    // ---- PickView ----

    @Override
    public int pieces() {
        return s.pieces;
    }

    @Override
    public int haveCount() {
        return s.haveCount;
    }

    @Override
    public boolean have(int piece) {
        return s.have.get(piece);
    }

    @Override
    public int availability(int piece) {
        return s.haves.avail[piece];
    }

    @Override
    public BitSet newCandidates(Peer peer) {
        BitSet cand = peer.pieces();
        cand.andNot(s.have);
        cand.andNot(started);
        return cand;
    }

    @Override
    public Collection<PieceProgress> started() {
        return inProgress.values();
    }

    @Override
    public int connections() {
        return s.peering.conns.size();
    }

    @Override
    public RandomStream random() {
        return ctx.random(Client.RNG_PICK);
    }
}
