package org.bitswarm.protocol.peer;

import java.util.BitSet;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.util.LongFifoSet;
import org.bitswarm.protocol.util.LongHashSet;
import org.bitswarm.protocol.util.LongLongHashMap;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;

/**
 * A session's connections: the address pool learned from the tracker and PEX, opening connections up to
 * {@code initiate}, the handshake (with the bitfield), closing and forgetting connections, and bans of peers
 * that took part in too many bad pieces.
 */
final class Peering {
    private final Session s;
    final Connections conns = new Connections();
    // Primitive collections (8-32 bytes an entry instead of 40-90 for boxed ones); none is iterated.
    /** Peers we sent a handshake to and have no answer from. */
    private final LongHashSet pending = new LongHashSet();
    /**
     * Addresses learned from the tracker and PEX and not tried yet, oldest first, each once; at most
     * {@code connections.known} of them when that is set, a new address then replacing the oldest (the one
     * most likely to have left the swarm).
     */
    private final LongFifoSet pool;
    private final LongHashSet banned = new LongHashSet();
    private final LongLongHashMap strikes = new LongLongHashMap();

    Peering(Session s) {
        this.s = s;
        int known = s.p.connections().known();
        this.pool = known > 0 ? new LongFifoSet(known) : new LongFifoSet();
    }

    int bannedCount() {
        return banned.size();
    }

    void forgetAddresses() {
        pending.clear();
        pool.clear();
    }

    void learn(long[] peers) {
        for (long q : peers) {
            if (q != s.client.id && !conns.containsKey(q) && !banned.contains(q)) {
                pool.addEvictingOldest(q);
            }
        }
    }

    /**
     * Opens connections from the address pool up to max_initiate. Seeds connect too (mainline does), so a seed
     * that announces after the peers is still found; two complete clients refuse each other at the handshake.
     */
    void connectMore(Context ctx) {
        while (s.active && conns.size() + pending.size() < s.p.connections().initiate() && !pool.isEmpty()) {
            long q = pool.poll();
            if (conns.containsKey(q) || pending.contains(q) || banned.contains(q)) {
                continue;
            }
            pending.add(q);
            sendHandshake(ctx, q);
        }
        s.tracker.maybeAnnounceEarly(ctx);
    }

    private void sendHandshake(Context ctx, long q) {
        s.client.control(ctx, q, Kind.HANDSHAKE, new Msg.Handshake(s.torrent, s.up.shownPieces(ctx)),
                WireSize.handshake(s.pieces));
    }

    void onHandshake(Context ctx, long from, long[] bits) {
        BitSet theirs = BitSet.valueOf(bits);
        boolean wasPending = pending.remove(from);
        if (conns.containsKey(from)) {
            return;
        }
        boolean bothComplete = s.complete() && theirs.cardinality() == s.pieces;
        if (!s.active || banned.contains(from) || bothComplete
                || (!wasPending && conns.size() >= s.p.connections().max())) {
            s.client.control(ctx, from, Kind.REJECT, new Msg.Signal(s.torrent), 0);
            connectMore(ctx);
            return;
        }
        if (!wasPending) {
            sendHandshake(ctx, from);
        }
        Connection c = new Connection(s, from, ctx.now());
        c.lastArrival = s.client.lastArrivalUnconnected(from);
        conns.put(from, c);
        s.pex.added(from);
        s.haves.onBitfield(ctx, c, theirs);
        s.up.offerPieces(ctx, c);
        s.up.connected(ctx);
    }

    void onClose(Context ctx, long from) {
        pending.remove(from);
        Connection c = conns.get(from);
        if (c != null) {
            drop(ctx, c);
        }
        connectMore(ctx);
    }

    /**
     * Forgets a connection: its pieces leave the availability counts and its requests go back to the pool. If
     * we unchoked the peer and it was interested, its upload slot is free: the choker may rechoke at once.
     */
    void drop(Context ctx, Connection c) {
        boolean heldSlot = c.peerInterested && !c.amChoking;
        conns.remove(c.peer);
        if (c.lastArrival >= 0) {
            s.client.rememberArrival(ctx, c.peer, c.lastArrival);
        }
        c.closed = true;
        s.haves.forget(c);
        s.down.unrequestAll(c);
        c.clearUploads();
        if (heldSlot) {
            s.up.released(ctx);
        }
    }

    /**
     * {@code connections.idle_timeout}: closes the connections on which no block went either way for the idle
     * limit (which shrinks as the connections fill up), then tries other addresses. Checked at every rechoke.
     */
    void closeIdle(Context ctx) {
        long limit = s.p.connections().idleLimit(conns.size());
        if (limit == 0) {
            return;
        }
        boolean closed = false;
        for (Connection c : conns.snapshot()) {
            if (ctx.now() - Math.max(c.lastBlockAt, c.lastSentAt) > limit) {
                s.client.control(ctx, c, Kind.CLOSE, new Msg.Signal(s.torrent), 0);
                drop(ctx, c);
                closed = true;
            }
        }
        if (closed) {
            connectMore(ctx);
        }
    }

    /** Closes a connection between two complete clients: neither has anything for the other. */
    void closeSeedPair(Context ctx, Connection c) {
        s.client.control(ctx, c, Kind.CLOSE, new Msg.Signal(s.torrent), 0);
        drop(ctx, c);
    }

    /**
     * A piece failed its hash check: v1 hashes cannot name the bad block, so every sender of the piece gets a
     * strike; at {@code ban_threshold} strikes (mainline 4.x: 3) the sender is banned and disconnected.
     */
    void strike(Context ctx, long[] senders, int n) {
        int threshold = s.p.banThreshold();
        for (int i = 0; i < n; i++) {
            long q = senders[i];
            long k = strikes.addTo(q, 1);
            if (threshold > 0 && k >= threshold) {
                ban(ctx, q);
            }
        }
    }

    /** Bans a peer: never again connected, its connection closed now. */
    void ban(Context ctx, long q) {
        if (banned.add(q)) {
            Connection c = conns.get(q);
            if (c != null) {
                s.client.control(ctx, q, Kind.CLOSE, new Msg.Signal(s.torrent), 0);
                drop(ctx, c);
            }
        }
    }
}
