package org.bitswarm.protocol.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.config.Enums.Role;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.content.Content;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;

/**
 * One client's part in one torrent: its verified pieces, its life cycle (join, leave, completion) and its
 * counters. The protocol work is split by role, each in its own class: {@link TrackerTalk} (announces),
 * {@link Peering} (connections, handshakes, bans), {@link Downloading} (requests, blocks, hash checks),
 * {@link HaveExchange} (bitfields, HAVEs, interest), {@link Uploading} (choking, serving requests) and
 * {@link PeerExchange} (BEP 11). The choker and the piece picker are pluggable strategies.
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

    final TrackerTalk tracker;
    final Peering peering;
    final Downloading down;
    final HaveExchange haves;
    final Uploading up;
    final PeerExchange pex;

    boolean active;
    boolean aborted;
    boolean doneSignalled;
    long joinedAt = -1;
    long completedAt = -1;
    long leftAt = -1;
    /** End of the seeding time after completion, -1 while unknown or forever. */
    long seedUntil = -1;
    int epoch;

    long uploaded;
    long downloaded;
    long duplicate;
    long hashFailures;
    long wasted;
    long acceptedCorrupt;
    int initialPieces;
    final long[] verifyTime;
    private long[] allPieces;
    final List<Long> spans = new ArrayList<>();

    Session(Client client, int torrent, TorrentSpec spec, Content content, Role role, ProtocolSpec p) {
        this.client = client;
        this.torrent = torrent;
        this.spec = spec;
        this.content = content;
        this.role = role;
        this.p = p;
        this.pieces = spec.pieces();
        this.verifyTime = new long[pieces];
        Arrays.fill(verifyTime, -1);
        this.tracker = new TrackerTalk(this);
        this.peering = new Peering(this);
        this.haves = new HaveExchange(this);
        this.down = new Downloading(this, p.pieceSelection().create());
        this.up = new Uploading(this, p.choker().create());
        this.pex = new PeerExchange(this);
    }

    /** Every piece as bitset words, shared by the connections to seeds ({@link Connection#shareIfSeed}); read only. */
    long[] allPieces() {
        if (allPieces == null) {
            BitSet all = new BitSet(pieces);
            all.set(0, pieces);
            allPieces = Arrays.copyOf(all.toLongArray(), (pieces + 63) >>> 6);
        }
        return allPieces;
    }

    boolean complete() {
        return haveCount == pieces;
    }

    boolean uploads() {
        return role != Role.LEECHER;
    }

    Connections conns() {
        return peering.conns;
    }

    void addInitial(int piece) {
        if (!have.get(piece)) {
            have.set(piece);
            haveCount++;
            initialPieces++;
        }
    }

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
        tracker.announce(ctx, complete() ? Kind.EV_COMPLETED : Kind.EV_STARTED);
        ctx.schedule(up.interval(), Kind.RECHOKE, new Msg.Timer(torrent, epoch));
        if (p.pex().enabled()) {
            ctx.schedule(p.pex().interval(), Kind.PEX_TIMER, new Msg.Timer(torrent, epoch));
        }
    }

    /** Leaves the swarm (pause, abort or end of seeding), closing every connection; verified pieces stay. */
    void leave(Context ctx) {
        if (!active) {
            return;
        }
        active = false;
        epoch++;
        tracker.invalidate();
        spans.add(ctx.now());
        leftAt = ctx.now();
        for (Connection c : peering.conns.snapshot()) {
            client.control(ctx, c, Kind.CLOSE, new Msg.Signal(torrent), 0);
            peering.drop(ctx, c);
        }
        peering.forgetAddresses();
        client.announce(ctx, this, Kind.EV_STOPPED);
        client.sessionLeft(ctx);
    }

    /** The last missing piece checked out. */
    void onComplete(Context ctx) {
        completedAt = ctx.now();
        client.announce(ctx, this, Kind.EV_COMPLETED);
        client.signalDone(ctx, this);
        for (Connection c : peering.conns.values()) {
            c.releaseOutstandingIfDone();
        }
        for (Connection c : peering.conns.snapshot()) {
            if (c.peerHaveCount == pieces) {
                peering.closeSeedPair(ctx, c);
            }
        }
        if (!p.have().redundant()) {
            haves.tellComplete(ctx);
        }
        client.scheduleSeedingEnd(ctx, this);
    }

    void report(ByteWriter w) {
        w.putInt(torrent).putInt(role.ordinal());
        w.putLong(joinedAt).putLong(completedAt).putLong(leftAt);
        w.putLong(uploaded).putLong(downloaded).putLong(duplicate);
        w.putLong(hashFailures).putLong(wasted).putLong(acceptedCorrupt).putInt(peering.bannedCount());
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
