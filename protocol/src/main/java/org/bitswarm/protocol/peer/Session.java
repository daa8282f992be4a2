package org.bitswarm.protocol.peer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.Enums.Role;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.content.Content;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;

/**
 * One client's part in one torrent: its verified pieces, its connections, piece selection and the download
 * side of the peer wire protocol (BEP 3). Choking is in {@link Choker}, the uplink in {@link Client}.
 */
final class Session {
    final Client client;
    final int torrent;
    final TorrentSpec spec;
    final Content content;
    final Role role;
    final ProtocolSpec p;
    final int pieces;

    final BitSet have = new BitSet();
    int haveCount;
    final BitSet started = new BitSet();
    final int[] avail;
    final TreeMap<Integer, PieceProgress> inProgress = new TreeMap<>();
    final Connections conns = new Connections();
    final TreeSet<Long> pending = new TreeSet<>();
    final ArrayDeque<Long> pool = new ArrayDeque<>();
    final HashSet<Long> known = new HashSet<>();
    final TreeSet<Long> banned = new TreeSet<>();
    final TreeMap<Long, Integer> strikes = new TreeMap<>();
    final List<Long> pexAdded = new ArrayList<>();
    final List<Long> pendingHaves = new ArrayList<>();

    boolean active;
    boolean aborted;
    boolean doneSignalled;
    long joinedAt = -1;
    long completedAt = -1;
    long leftAt = -1;
    /** End of the seeding time after completion, -1 while unknown or forever. */
    long seedUntil = -1;
    int epoch;
    int announceGen;
    long lastAnnounce;
    long nextAnnounceAt;
    int rechokes;
    Connection optimistic;

    long uploaded;
    long downloaded;
    long duplicate;
    long hashFailures;
    long wasted;
    long acceptedCorrupt;
    int initialPieces;
    final long[] verifyTime;
    final List<Long> spans = new ArrayList<>();

    Session(Client client, int torrent, TorrentSpec spec, Content content, Role role, ProtocolSpec p) {
        this.client = client;
        this.torrent = torrent;
        this.spec = spec;
        this.content = content;
        this.role = role;
        this.p = p;
        this.pieces = spec.pieces();
        this.avail = new int[pieces];
        this.verifyTime = new long[pieces];
        java.util.Arrays.fill(verifyTime, -1);
    }

    static long key(int piece, int block) {
        return (long) piece << 16 | block;
    }

    boolean complete() {
        return haveCount == pieces;
    }

    boolean uploads() {
        return role != Role.LEECHER;
    }

    void addInitial(int piece) {
        if (!have.get(piece)) {
            have.set(piece);
            haveCount++;
            initialPieces++;
        }
    }

    // ---- joining, leaving and the tracker ----

    void join(Context ctx) {
        if (aborted || active) {
            return;
        }
        active = true;
        epoch++;
        if (joinedAt < 0) {
            joinedAt = ctx.now();
            for (int i = have.nextSetBit(0); i >= 0; i = have.nextSetBit(i + 1)) {
                verifyTime[i] = ctx.now();
            }
        }
        spans.add(ctx.now());
        announce(ctx, complete() ? Kind.EV_COMPLETED : Kind.EV_STARTED);
        ctx.schedule(p.rechokeInterval(), Kind.RECHOKE, Msg.of(torrent, epoch));
        if (p.pex()) {
            ctx.schedule(p.pexInterval(), Kind.PEX_TIMER, Msg.of(torrent, epoch));
        }
    }

    /** Leaves the swarm (pause, abort or end of seeding), closing every connection; verified pieces stay. */
    void leave(Context ctx) {
        if (!active) {
            return;
        }
        active = false;
        epoch++;
        announceGen++;
        spans.add(ctx.now());
        leftAt = ctx.now();
        for (Connection c : conns.snapshot()) {
            client.control(ctx, c, Kind.CLOSE, Msg.of(torrent), 0);
            drop(ctx, c);
        }
        pending.clear();
        pool.clear();
        known.clear();
        client.announce(ctx, this, Kind.EV_STOPPED);
    }

    void announce(Context ctx, int event) {
        lastAnnounce = ctx.now();
        client.announce(ctx, this, event);
        // Until the reply arrives the next try is retry_interval away: a lost announce (tracker down) is
        // repeated soon, by seeds too; the reply sets the regular interval when no more peers are wanted.
        armAnnounce(ctx, ctx.now() + client.env.cfg().trackers().retryInterval());
    }

    private void armAnnounce(Context ctx, long at) {
        announceGen++;
        nextAnnounceAt = at;
        ctx.schedule(at - ctx.now(), Kind.ANNOUNCE_TIMER, Msg.of(torrent, announceGen));
    }

    void onAnnounceTimer(Context ctx, int gen) {
        if (active && gen == announceGen) {
            announce(ctx, Kind.EV_PERIODIC);
        }
    }

    /** A downloader with fewer than min_peers connections asks the tracker again early (mainline). */
    private boolean wantsPeers() {
        return !complete() && conns.size() < client.env.cfg().trackers().minPeers();
    }

    /** Mainline re-announces early while it has fewer than min_peers connections. */
    private void maybeAnnounceEarly(Context ctx) {
        if (!active || !wantsPeers()) {
            return;
        }
        long early = lastAnnounce + client.env.cfg().trackers().retryInterval();
        if (nextAnnounceAt > early) {
            armAnnounce(ctx, Math.max(ctx.now(), early));
        }
    }

    void onPeers(Context ctx, long[] peers) {
        if (!active) {
            return;
        }
        if (!wantsPeers() && nextAnnounceAt == lastAnnounce + client.env.cfg().trackers().retryInterval()) {
            armAnnounce(ctx, lastAnnounce + client.env.cfg().trackers().announceInterval());
        }
        learn(peers);
        connectMore(ctx);
    }

    private void learn(long[] peers) {
        for (long q : peers) {
            if (q != client.id && !conns.containsKey(q) && !banned.contains(q) && known.add(q)) {
                pool.add(q);
            }
        }
    }

    /**
     * Opens connections from the address pool up to max_initiate. Seeds connect too (mainline does), so a seed
     * that announces after the peers is still found; two complete clients refuse each other at the handshake.
     */
    void connectMore(Context ctx) {
        while (active && conns.size() + pending.size() < p.maxInitiate() && !pool.isEmpty()) {
            long q = pool.poll();
            known.remove(q);
            if (conns.containsKey(q) || pending.contains(q) || banned.contains(q)) {
                continue;
            }
            pending.add(q);
            client.control(ctx, q, Kind.HANDSHAKE, Msg.withLongs(torrent, 0, have.toLongArray()), WireSize.handshake(pieces));
        }
        maybeAnnounceEarly(ctx);
    }

    // ---- connection set-up and tear-down ----

    void onHandshake(Context ctx, long from, long[] bits) {
        BitSet theirs = BitSet.valueOf(bits);
        boolean wasPending = pending.remove(from);
        if (conns.containsKey(from)) {
            return;
        }
        boolean bothComplete = complete() && theirs.cardinality() == pieces;
        if (!active || banned.contains(from) || bothComplete || (!wasPending && conns.size() >= p.maxConnections())) {
            client.control(ctx, from, Kind.REJECT, Msg.of(torrent), 0);
            connectMore(ctx);
            return;
        }
        if (!wasPending) {
            client.control(ctx, from, Kind.HANDSHAKE, Msg.withLongs(torrent, 0, have.toLongArray()), WireSize.handshake(pieces));
        }
        Connection c = new Connection(from, ctx.now(), p.pipeline());
        c.lastArrival = client.lastArrivalUnconnected(from);
        conns.put(from, c);
        pexAdded.add(from);
        c.peerHave.or(theirs);
        c.peerHaveCount = theirs.cardinality();
        for (int i = theirs.nextSetBit(0); i >= 0; i = theirs.nextSetBit(i + 1)) {
            avail[i]++;
            if (!have.get(i)) {
                c.interesting++;
            }
        }
        updateInterest(ctx, c);
    }

    void onClose(Context ctx, long from) {
        pending.remove(from);
        Connection c = conns.get(from);
        if (c != null) {
            drop(ctx, c);
        }
        connectMore(ctx);
    }

    /** Forgets a connection: its pieces leave the availability counts and its requests go back to the pool. */
    void drop(Context ctx, Connection c) {
        conns.remove(c.peer);
        if (c.lastArrival >= 0) {
            client.rememberArrival(ctx, c.peer, c.lastArrival);
        }
        c.closed = true;
        for (int i = c.peerHave.nextSetBit(0); i >= 0; i = c.peerHave.nextSetBit(i + 1)) {
            avail[i]--;
        }
        for (int i = 0; i < c.nOutstanding; i++) {
            unrequest(c.outstanding[i]);
        }
        c.nOutstanding = 0;
        c.uploads.clear();
        if (optimistic == c) {
            optimistic = null;
        }
    }

    private void unrequest(long key) {
        PieceProgress pp = inProgress.get((int) (key >>> 16));
        if (pp != null) {
            int b = (int) (key & 0xffff);
            pp.requests[b] = Math.max(0, pp.requests[b] - 1);
        }
    }

    // ---- state messages ----

    void onChoke(Context ctx, Connection c) {
        c.peerChoking = true;
        for (int i = 0; i < c.nOutstanding; i++) {
            unrequest(c.outstanding[i]);
        }
        c.nOutstanding = 0;
        refillOthers(ctx, c);
    }

    void onUnchoke(Context ctx, Connection c) {
        c.peerChoking = false;
        fill(ctx, c);
    }

    void onInterest(Context ctx, Connection c, boolean interested) {
        c.peerInterested = interested;
        if (!interested) {
            c.uploads.clear();
        } else if (c.amChoking && uploads() && unchoked() < p.uploadSlots()) {
            // Mainline fills a free upload slot at once instead of waiting for the next rechoke.
            c.amChoking = false;
            client.control(ctx, c, Kind.UNCHOKE, Msg.of(torrent), WireSize.SMALL);
        }
    }

    int unchoked() {
        int n = 0;
        for (Connection c : conns.values()) {
            if (!c.amChoking) {
                n++;
            }
        }
        return n;
    }

    void onHave(Context ctx, Connection c, int piece) {
        if (c.peerHave.get(piece)) {
            return;
        }
        c.peerHave.set(piece);
        c.peerHaveCount++;
        avail[piece]++;
        if (!have.get(piece)) {
            c.interesting++;
            updateInterest(ctx, c);
        }
        if (complete() && c.peerHaveCount == pieces) {
            closeSeedPair(ctx, c);
        }
    }

    private void closeSeedPair(Context ctx, Connection c) {
        client.control(ctx, c, Kind.CLOSE, Msg.of(torrent), 0);
        drop(ctx, c);
    }

    void updateInterest(Context ctx, Connection c) {
        boolean want = c.interesting > 0 && !complete();
        if (want != c.amInterested) {
            c.amInterested = want;
            client.control(ctx, c, want ? Kind.INTERESTED : Kind.NOT_INTERESTED, Msg.of(torrent), WireSize.SMALL);
        }
        if (want && !c.peerChoking) {
            fill(ctx, c);
        }
    }

    // ---- requests and blocks ----

    /** Keeps {@code pipeline} requests in flight to an unchoking peer. */
    void fill(Context ctx, Connection c) {
        while (active && c.amInterested && !c.peerChoking && c.nOutstanding < p.pipeline()) {
            long k = pick(ctx, c);
            if (k < 0) {
                return;
            }
            PieceProgress pp = inProgress.get((int) (k >>> 16));
            pp.requests[(int) (k & 0xffff)]++;
            c.outstanding[c.nOutstanding++] = k;
            int len = spec.blockLength((int) (k >>> 16), (int) (k & 0xffff));
            long wait = client.reserveDownlink(ctx, WireSize.PIECE_HEADER + len);
            client.control(ctx, c, Kind.REQUEST, Msg.of(torrent, (int) (k >>> 16), (int) (k & 0xffff)),
                    WireSize.REQUEST, wait);
        }
    }

    private long pick(Context ctx, Connection c) {
        if (p.strictPriority()) {
            long k = startedBlock(c);
            if (k >= 0) {
                return k;
            }
        }
        int piece = PiecePicker.newPiece(this, c, p, ctx.random(Client.RNG_PICK));
        if (piece >= 0) {
            PieceProgress pp = new PieceProgress(piece, spec.blocksIn(piece), spec.pieceLength(piece), client.env.bytesMode());
            inProgress.put(piece, pp);
            started.set(piece);
            return key(piece, 0);
        }
        long k = p.strictPriority() ? -1 : startedBlock(c);
        if (k >= 0) {
            return k;
        }
        return p.endgame() ? endgameBlock(c) : -1;
    }

    /**
     * A free block of a started piece this peer has. Under rarest-first, of the rarest such piece (mainline's
     * and BitTornado's {@code PiecePicker.next} take the started piece the fewest neighbours have); under the
     * random and sequential policies, of the lowest-numbered one. Ties go to the lowest number.
     */
    long startedBlock(Connection c) {
        boolean rarest = p.pieceSelection() == Enums.PiecePolicy.RAREST_FIRST;
        PieceProgress best = null;
        int bestBlock = -1;
        for (PieceProgress pp : inProgress.values()) {
            if (c.peerHave.get(pp.piece) && (best == null || avail[pp.piece] < avail[best.piece])) {
                int b = pp.freeBlock();
                if (b >= 0) {
                    best = pp;
                    bestBlock = b;
                    if (!rarest) {
                        break;
                    }
                }
            }
        }
        return best == null ? -1 : key(best.piece, bestBlock);
    }

    /** Endgame: every missing piece is started and every block requested; ask this peer too. */
    private long endgameBlock(Connection c) {
        if (haveCount + inProgress.size() < pieces) {
            return -1;
        }
        for (PieceProgress pp : inProgress.values()) {
            if (pp.freeBlock() >= 0) {
                return -1;
            }
        }
        for (PieceProgress pp : inProgress.values()) {
            if (!c.peerHave.get(pp.piece)) {
                continue;
            }
            for (int b = 0; b < pp.blocks; b++) {
                long k = key(pp.piece, b);
                if (!pp.received.get(b) && !c.hasOutstanding(k)) {
                    return k;
                }
            }
        }
        return -1;
    }

    void onPiece(Context ctx, long from, Msg m) {
        int piece = m.a;
        int block = m.b;
        int len = spec.blockLength(piece, block);
        downloaded += len;
        client.countDown(ctx, len);
        Connection c = conns.get(from);
        if (c == null) {
            duplicate += len;
            return;
        }
        c.bytesIn += len;
        c.lastBlockAt = ctx.now();
        long k = key(piece, block);
        boolean asked = c.removeOutstanding(k);
        PieceProgress pp = inProgress.get(piece);
        if (!asked || pp == null || pp.received.get(block)) {
            duplicate += len;
            fill(ctx, c);
            return;
        }
        pp.requests[block] = Math.max(0, pp.requests[block] - 1);
        store(pp, block, m);
        pp.addContributor(from);
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

    private void store(PieceProgress pp, int block, Msg m) {
        pp.received.set(block);
        pp.receivedCount++;
        pp.tainted |= m.tainted;
        if (pp.data != null) {
            System.arraycopy(m.data, 0, pp.data, block * TorrentSpec.BLOCK, m.data.length);
        } else {
            pp.prints[block] = m.c;
        }
    }

    /** Endgame: the block arrived, so withdraw the duplicate requests (BEP 3 cancel). */
    private void cancelOthers(Context ctx, Connection got, long k) {
        for (Connection o : conns.values()) {
            if (o != got && o.removeOutstanding(k)) {
                client.control(ctx, o, Kind.CANCEL, Msg.of(torrent, (int) (k >>> 16), (int) (k & 0xffff)),
                        WireSize.REQUEST);
                PieceProgress pp = inProgress.get((int) (k >>> 16));
                pp.requests[(int) (k & 0xffff)]--;
            }
        }
    }

    private boolean checks(PieceProgress pp) {
        if (pp.data != null) {
            return content.verify(pp.piece, pp.data, pp.data.length);
        }
        for (int b = 0; b < pp.blocks; b++) {
            if (pp.prints[b] != content.fingerprint(pp.piece, b)) {
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
            acceptedCorrupt++;
        }
        have.set(pp.piece);
        haveCount++;
        verifyTime[pp.piece] = ctx.now();
        for (Connection c : conns.values()) {
            if (c.peerHave.get(pp.piece)) {
                c.interesting--;
                updateInterest(ctx, c);
            }
        }
        announceHave(ctx, pp.piece);
        if (complete()) {
            onComplete(ctx);
        }
    }

    /**
     * HAVE after a piece checks out (BEP 3), not to peers that already have it (libtorrent). With
     * {@code have_batch > 0} the HAVEs of that period go out together, one message per peer charged 9 bytes per
     * piece (as several HAVEs in one TCP segment).
     */
    private void announceHave(Context ctx, int piece) {
        if (p.haveBatch() == 0) {
            sendHaves(ctx, new long[] {piece});
            return;
        }
        if (pendingHaves.isEmpty()) {
            ctx.schedule(p.haveBatch(), Kind.HAVE_FLUSH, Msg.of(torrent, epoch));
        }
        pendingHaves.add((long) piece);
    }

    void onHaveFlush(Context ctx, int ep) {
        if (ep != epoch || pendingHaves.isEmpty()) {
            pendingHaves.clear();
            return;
        }
        long[] ps = new long[pendingHaves.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = pendingHaves.get(i);
        }
        pendingHaves.clear();
        sendHaves(ctx, ps);
    }

    private void sendHaves(Context ctx, long[] ps) {
        for (Connection c : conns.values()) {
            int n = 0;
            for (long q : ps) {
                if (p.redundantHave() || !c.peerHave.get((int) q)) {
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
                    if (p.redundantHave() || !c.peerHave.get((int) q)) {
                        mine[k++] = q;
                    }
                }
            }
            Msg m = mine.length == 1 ? Msg.of(torrent, (int) mine[0]) : Msg.withLongs(torrent, -1, mine);
            client.control(ctx, c, Kind.HAVE, m, WireSize.HAVE * mine.length);
        }
    }

    /**
     * Hash failure: discard the piece and fetch it again. v1 hashes cannot name the bad block, so every sender
     * of the piece gets a strike; mainline 4.x bans at 3.
     */
    private void hashFailure(Context ctx, PieceProgress pp) {
        hashFailures++;
        wasted += spec.pieceLength(pp.piece);
        for (int i = 0; i < pp.nContributors; i++) {
            long q = pp.contributors[i];
            int s = strikes.merge(q, 1, Integer::sum);
            if (p.banThreshold() > 0 && s >= p.banThreshold() && banned.add(q)) {
                Connection c = conns.get(q);
                if (c != null) {
                    client.control(ctx, q, Kind.CLOSE, Msg.of(torrent), 0);
                    drop(ctx, c);
                }
            }
        }
        for (Connection c : conns.snapshot()) {
            fill(ctx, c);
        }
        connectMore(ctx);
    }

    private void onComplete(Context ctx) {
        completedAt = ctx.now();
        client.announce(ctx, this, Kind.EV_COMPLETED);
        client.signalDone(ctx, this);
        for (Connection c : conns.snapshot()) {
            if (c.peerHaveCount == pieces) {
                closeSeedPair(ctx, c);
            }
        }
        client.scheduleSeedingEnd(ctx, this);
    }

    private void refillOthers(Context ctx, Connection except) {
        for (Connection o : conns.values()) {
            if (o != except && !o.peerChoking && o.amInterested && o.nOutstanding < p.pipeline()) {
                fill(ctx, o);
            }
        }
    }

    // ---- upload side ----

    void onRequest(Context ctx, Connection c, int piece, int block) {
        if (c.amChoking || !uploads() || !have.get(piece)) {
            return;
        }
        c.uploads.add(key(piece, block));
        client.uplinkOffer(ctx, this, c);
    }

    void onCancel(Connection c, int piece, int block) {
        c.uploads.remove(key(piece, block));
    }

    // ---- peer exchange (BEP 11) ----

    void onPexTimer(Context ctx, int ep) {
        if (!active || ep != epoch) {
            return;
        }
        if (!pexAdded.isEmpty()) {
            int n = Math.min(50, pexAdded.size());
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = pexAdded.get(pexAdded.size() - n + i);
            }
            pexAdded.clear();
            for (Connection c : conns.values()) {
                client.control(ctx, c, Kind.PEX, Msg.withLongs(torrent, 0, ids), WireSize.pex(n));
            }
        }
        ctx.schedule(p.pexInterval(), Kind.PEX_TIMER, Msg.of(torrent, epoch));
    }

    void onPex(Context ctx, long[] ids) {
        if (active && p.pex()) {
            learn(ids);
            connectMore(ctx);
        }
    }

    // ---- report ----

    void report(ByteWriter w) {
        w.putInt(torrent).putInt(role.ordinal());
        w.putLong(joinedAt).putLong(completedAt).putLong(leftAt);
        w.putLong(uploaded).putLong(downloaded).putLong(duplicate);
        w.putLong(hashFailures).putLong(wasted).putLong(acceptedCorrupt).putInt(banned.size());
        w.putInt(haveCount).putInt(initialPieces);
        long[] sp = new long[spans.size()];
        for (int i = 0; i < sp.length; i++) {
            sp[i] = spans.get(i);
        }
        w.putLongs(sp);
        w.putLongs(verifyTime);
        int verified = 0;
        for (int i = have.nextSetBit(0); i >= 0; i = have.nextSetBit(i + 1)) {
            if (verifyTime[i] >= 0) {
                verified++;
            }
        }
        w.putInt(verified);
    }

}
