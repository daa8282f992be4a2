package org.bitswarm.protocol.peer;

import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Context;
import org.bitswarm.engine.Entity;
import org.bitswarm.engine.Payload;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.Env;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.TimelineEvent;
import org.bitswarm.protocol.strategy.LinkScheduler;
import org.bitswarm.protocol.util.LongLongHashMap;
import org.bitswarm.protocol.wire.BlockKey;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;
import umontreal.ssj.rng.RandomStream;

/**
 * A BitTorrent client taking part in one or more torrents ({@link Session} each) over one access link, shared
 * by its sessions as the configured {@link LinkScheduler} decides (block-level round robin by default). A block
 * leaves when its transmission ends and arrives one pair latency later; the data message is sent at
 * transmission start with delay {@code transmission + latency >= lookahead}. Control messages are charged
 * their wire size on the uplink (counted and delayed by their own transmission time) but do not queue behind
 * blocks. Every message also carries the TCP/IP headers {@code protocol.ip_overhead} charges (none by default). Messages to one peer arrive in the order they were sent, as on a TCP connection.
 */
public final class Client implements Entity, LinkScheduler.Uplink {
    static final int RNG_LINKS = 0;
    static final int RNG_CONTENT = 1;
    static final int RNG_PICK = 2;
    static final int RNG_CHOKE = 3;
    static final int RNG_CORRUPT = 4;
    static final int RNG_SEEDING = 5;
    private static final int RING = 256;

    final Env env;
    final long id;
    final int group;
    private final GroupSpec spec;
    private final boolean corrupt;
    private final Session[] sessions;
    private long up;
    private long down;
    private final LinkScheduler links;
    /** TCP/IP headers charged on top of every message (none by default). */
    private final ProtocolSpec.IpOverhead ip;
    /** Last arrival of a message to each peer without a connection; entries in the past are pruned. */
    private final LongLongHashMap lastArrival = new LongLongHashMap();
    /** Size at which lastArrival is next pruned: twice what survived the last pruning, at least 64. */
    private int pruneAt = 64;
    /** Bytes this client sent, per time-series row, while on its uplink. */
    private final Series upSeries;
    /** Bytes this client sent, per time-series row, while its receivers took them in (the rows' download rate). */
    private final Series downSeries;
    /**
     * Time per row the uplink kept sending after the client went offline (the block in flight when its last
     * session left is finished): online time for the utilisation, besides the sessions' spans.
     */
    private final Series tailSeries;
    /** End of the block transmission in progress, or in the past. */
    private long busyUntil;
    private long overhead;
    private final long[] ringArrival = new long[RING];
    private final int[] ringBytes = new int[RING];
    private int ringPos;

    public Client(Env env, long id) {
        this.env = env;
        this.id = id;
        this.group = env.population().groupOf(id);
        this.spec = env.cfg().groups().get(group);
        this.corrupt = env.population().indexInGroup(id) < spec.corruptCount();
        this.sessions = new Session[env.cfg().torrents().size()];
        ProtocolSpec protocol = env.cfg().protocolOf(group);
        for (Membership m : spec.torrents()) {
            int t = env.cfg().torrentIndex(m.torrent());
            sessions[t] = new Session(this, t, env.cfg().torrents().get(t), env.contents()[t], m.role(), protocol);
        }
        this.links = protocol.links().create(this);
        this.ip = protocol.ipOverhead();
        this.upSeries = new Series(env.cfg().timeseriesInterval());
        this.downSeries = new Series(env.cfg().timeseriesInterval());
        this.tailSeries = new Series(env.cfg().timeseriesInterval());
    }

    @Override
    public void start(Context ctx) {
        RandomStream links = ctx.random(RNG_LINKS);
        up = spec.upload().draw(links.nextDouble());
        down = spec.download().draw(links.nextDouble());
        RandomStream content = ctx.random(RNG_CONTENT);
        for (Membership m : spec.torrents()) {
            Session s = sessions[env.cfg().torrentIndex(m.torrent())];
            if (m.role() == Enums.Role.SEED) {
                for (int i = 0; i < s.pieces; i++) {
                    s.addInitial(i);
                }
            } else {
                int k = (int) Math.round(m.initialContent() * s.pieces);
                while (s.initialPieces < k) {
                    s.addInitial(content.nextInt(0, s.pieces - 1));
                }
            }
        }
        long at = env.population().arrival(id);
        for (Session s : sessions) {
            if (s != null) {
                ctx.schedule(at, Kind.JOIN, new Msg.Signal(s.torrent));
            }
        }
        for (TimelineEvent ev : env.cfg().timeline()) {
            int k = switch (ev.kind()) {
                case PAUSE -> Kind.PAUSE;
                case RESUME -> Kind.RESUME;
                case ABORT -> Kind.ABORT;
                default -> -1;
            };
            if (k >= 0 && env.cfg().groupIndex(ev.group()) == group) {
                ctx.schedule(ev.at(), k, null);
            }
        }
    }

    @Override
    public void handle(Context ctx, long source, int kind, Payload payload) {
        Msg m = (Msg) payload;
        Session s = m == null ? null : sessions[m.torrent()];
        switch (kind) {
            case Kind.JOIN -> s.join(ctx);
            case Kind.RECHOKE -> {
                if (s.active && ((Msg.Timer) m).generation() == s.epoch) {
                    s.up.rechoke(ctx);
                    ctx.schedule(s.up.interval(), Kind.RECHOKE, m);
                }
            }
            case Kind.ANNOUNCE_TIMER -> s.tracker.onTimer(ctx, ((Msg.Timer) m).generation());
            case Kind.PEX_TIMER -> s.pex.onTimer(ctx, ((Msg.Timer) m).generation());
            case Kind.HAVE_FLUSH -> s.haves.onFlush(ctx, ((Msg.Timer) m).generation());
            case Kind.UPLINK_DONE -> links.uplinkDone(ctx);
            case Kind.LEAVE -> {
                if (s.seedUntil >= 0 && ctx.now() >= s.seedUntil) {
                    s.leave(ctx);
                }
            }
            case Kind.PAUSE -> forEach(ctx, false);
            case Kind.RESUME -> resume(ctx);
            case Kind.ABORT -> forEach(ctx, true);
            case Kind.PEERS -> s.tracker.onPeers(ctx, ((Msg.Peers) m).peers());
            case Kind.PEX -> s.pex.onPex(ctx, ((Msg.Peers) m).peers());
            case Kind.HANDSHAKE -> s.peering.onHandshake(ctx, source, ((Msg.Handshake) m).bitfield());
            case Kind.REJECT, Kind.CLOSE -> s.peering.onClose(ctx, source);
            case Kind.PIECE -> s.down.onPiece(ctx, source, (Msg.Block) m);
            default -> onPeerMessage(ctx, s, source, kind, m);
        }
    }

    private void onPeerMessage(Context ctx, Session s, long source, int kind, Msg m) {
        Connection c = s.conns().get(source);
        if (c == null) {
            return;
        }
        switch (kind) {
            case Kind.CHOKE -> s.down.onChoke(ctx, c);
            case Kind.UNCHOKE -> s.down.onUnchoke(ctx, c);
            case Kind.INTERESTED -> s.up.onInterest(ctx, c, true);
            case Kind.NOT_INTERESTED -> s.up.onInterest(ctx, c, false);
            case Kind.HAVE -> {
                if (m instanceof Msg.Have h) {
                    s.haves.onHave(ctx, c, h.piece());
                } else {
                    for (long q : ((Msg.Haves) m).pieces()) {
                        if (!c.closed) {
                            s.haves.onHave(ctx, c, (int) q);
                        }
                    }
                }
            }
            case Kind.REQUEST -> {
                Msg.BlockRef r = (Msg.BlockRef) m;
                s.up.onRequest(ctx, c, r.piece(), r.block());
            }
            case Kind.CANCEL -> {
                Msg.BlockRef r = (Msg.BlockRef) m;
                s.up.onCancel(c, r.piece(), r.block());
            }
            default -> throw new IllegalStateException("unexpected kind " + kind);
        }
    }

    private void forEach(Context ctx, boolean abort) {
        for (Session s : sessions) {
            if (s == null) {
                continue;
            }
            if (abort && !s.aborted) {
                s.aborted = true;
                signalDone(ctx, s);
            }
            s.leave(ctx);
        }
    }

    private void resume(Context ctx) {
        for (Session s : sessions) {
            if (s != null && s.joinedAt >= 0 && !s.active && !s.aborted && !seedingOver(ctx, s)) {
                s.join(ctx);
                if (s.seedUntil >= 0) {
                    ctx.schedule(s.seedUntil - ctx.now(), Kind.LEAVE, new Msg.Signal(s.torrent));
                }
            }
        }
    }

    /** A client that paused while seeding and whose seeding time ran out meanwhile stays away. */
    private boolean seedingOver(Context ctx, Session s) {
        return s.complete() && s.seedUntil >= 0 && ctx.now() >= s.seedUntil;
    }

    // ---- links ----

    /** Sends a control message, charged its wire size on the uplink. */
    void control(Context ctx, long dest, int kind, Msg m, int wire) {
        control(ctx, dest, kind, m, wire, 0);
    }

    void control(Context ctx, long dest, int kind, Msg m, int wire, long extraDelay) {
        Session s = sessions[m.torrent()];
        send(ctx, dest, s == null ? null : s.conns().get(dest), kind, m, wire, extraDelay);
    }

    /** As {@link #control(Context, long, int, Msg, int)} on an open connection (saves the lookup). */
    void control(Context ctx, Connection c, int kind, Msg m, int wire) {
        send(ctx, c.peer, c, kind, m, wire, 0);
    }

    void control(Context ctx, Connection c, int kind, Msg m, int wire, long extraDelay) {
        send(ctx, c.peer, c, kind, m, wire, extraDelay);
    }

    private void send(Context ctx, long dest, Connection c, int kind, Msg m, int wire, long extraDelay) {
        long onWire = wire + ip.headers(wire);
        overhead += onWire;
        long tx = wire > 0 ? Ticks.transmission(onWire, up) : 0;
        ctx.send(dest, inOrder(ctx, dest, c, env.latency().between(id, dest) + tx + extraDelay, extraDelay == 0), kind, m);
    }

    /**
     * Messages to one peer arrive in the order they were sent, as on a TCP connection: a delay is stretched so
     * the arrival falls strictly after the previous one to the same peer. A request held back for downlink
     * pacing counts as sent later, so it does not hold up the messages behind it.
     */
    private long inOrder(Context ctx, long dest, Connection c, long delay, boolean advance) {
        long arrival = ctx.now() + delay;
        long last = c != null ? c.lastArrival : lastArrivalUnconnected(dest);
        if (arrival <= last) {
            arrival = last + 1;
        }
        if (advance) {
            if (c != null) {
                c.lastArrival = arrival;
            } else {
                rememberArrival(ctx, dest, arrival);
            }
        }
        return arrival - ctx.now();
    }

    /** Last arrival of a message to a peer we have no connection with (handshakes, rejects, closes), or -1. */
    long lastArrivalUnconnected(long dest) {
        return lastArrival.get(dest, -1);
    }

    /**
     * Entries in the past no longer constrain anything (every new arrival is later than now), so they are
     * dropped whenever the map has doubled since the last pruning: the map holds about the peers with a
     * message in flight, not every peer contacted in the run (a fixed limit of 1,024 kept up to ~85 KB a client).
     */
    void rememberArrival(Context ctx, long dest, long arrival) {
        if (lastArrival.size() >= pruneAt) {
            lastArrival.removeValuesBelow(ctx.now());
            pruneAt = Math.max(64, 2 * lastArrival.size());
        }
        lastArrival.put(dest, arrival, -1);
    }

    /** Upload capacity in bit/s (drawn at start). */
    long uploadRate() {
        return up;
    }

    /** Reserves downlink time for a block; returns how long the request must be held back. */
    long reserveDownlink(Context ctx, int wire) {
        return links.reserveDownlink(ctx.now(), Math.toIntExact(wire + ip.headers(wire)), down);
    }

    void uplinkOffer(Context ctx, Connection c) {
        links.offer(ctx, c);
    }

    /** Sends a block the link scheduler chose: the data message now, arriving after transmission and latency. */
    @Override
    public long transmit(Context ctx, LinkScheduler.Flow flow, long key) {
        Connection c = (Connection) flow;
        Session s = c.session;
        int piece = BlockKey.piece(key);
        int block = BlockKey.block(key);
        int len = s.spec.blockLength(piece, block);
        boolean garble = corrupt && ctx.random(RNG_CORRUPT).nextDouble() < spec.corruptProbability();
        Msg m;
        if (env.bytesMode()) {
            byte[] data = s.content.block(piece, block);
            if (garble) {
                data[0] ^= 0x5A;
            }
            m = new Msg.Block(s.torrent, piece, block, 0, data, garble);
        } else {
            long fp = s.content.fingerprint(piece, block);
            m = new Msg.Block(s.torrent, piece, block, garble ? ~fp : fp, null, garble);
        }
        long headers = ip.headers(WireSize.PIECE_HEADER + len);
        long tx = Ticks.transmission(WireSize.PIECE_HEADER + len + headers, up);
        long delay = inOrder(ctx, c.peer, c, tx + env.latency().between(id, c.peer), true);
        ctx.send(c.peer, delay, Kind.PIECE, m);
        s.uploaded += len;
        c.bytesOut += len;
        overhead += WireSize.PIECE_HEADER + headers;
        // the time series count bytes while they are on the wire: the uplink sends them over [now, now + tx], the
        // receiver takes them in over the tx before they arrive (counted here, where tx is known: rows sum clients)
        upSeries.spread(ctx.now(), ctx.now() + tx, len);
        busyUntil = ctx.now() + tx;
        downSeries.spread(ctx.now() + delay - tx, ctx.now() + delay, len);
        ringArrival[ringPos] = ctx.now() + delay;
        ringBytes[ringPos] = len;
        ringPos = (ringPos + 1) % RING;
        return tx;
    }

    /** A session left: if it was the last one online and a block is still on the uplink, count that time online. */
    void sessionLeft(Context ctx) {
        if (busyUntil <= ctx.now()) {
            return;
        }
        for (Session s : sessions) {
            if (s != null && s.active) {
                return;
            }
        }
        tailSeries.spread(ctx.now(), busyUntil, busyUntil - ctx.now());
    }

    // ---- tracker and run control ----

    void announce(Context ctx, Session s, int event) {
        for (int t = 0; t < env.population().trackers(); t++) {
            control(ctx, t, Kind.ANNOUNCE, new Msg.Announce(s.torrent, event, env.cfg().trackers().numwant()), WireSize.ANNOUNCE);
        }
    }

    /** Tells the run monitor (entity 0) that a download finished or was abandoned; not a protocol message. */
    void signalDone(Context ctx, Session s) {
        if (s.role != Enums.Role.SEED && !s.doneSignalled) {
            s.doneSignalled = true;
            ctx.send(0, env.latency().between(id, 0), Kind.DONE, new Msg.Signal(s.torrent));
        }
    }

    void scheduleSeedingEnd(Context ctx, Session s) {
        SeedingSpec sd = spec.seeding();
        long stay = switch (sd.kind()) {
            case NONE -> 0;
            case FIXED -> sd.duration();
            case EXPONENTIAL -> Ticks.ofSeconds(-Math.log(1 - ctx.random(RNG_SEEDING).nextDouble()) * sd.duration() / 1e9);
            case FOREVER -> -1;
        };
        if (stay >= 0) {
            s.seedUntil = ctx.now() + stay;
            ctx.schedule(stay, Kind.LEAVE, new Msg.Signal(s.torrent));
        }
    }

    @Override
    public void report(ByteWriter w) {
        w.putInt(group).putLong(up).putLong(down).putByte(corrupt ? 1 : 0).putLong(overhead);
        w.putLongs(upSeries.toArray());
        w.putLongs(downSeries.toArray());
        w.putLongs(tailSeries.toArray());
        w.putLongs(ringArrival);
        long[] bytes = new long[RING];
        for (int i = 0; i < RING; i++) {
            bytes[i] = ringBytes[i];
        }
        w.putLongs(bytes);
        int n = 0;
        for (Session s : sessions) {
            if (s != null) {
                n++;
            }
        }
        w.putInt(n);
        for (Session s : sessions) {
            if (s != null) {
                s.report(w);
            }
        }
    }
}
