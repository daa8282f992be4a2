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
 * leaves when its transmission ends, crosses the network one pair latency later, and is received once it has also
 * crossed the receiver's downlink ({@code links.downlink}); the data message is sent at
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
    /** Control messages wait for the next multiple of this (0 = none): a rate limiter's quota tick. */
    private final long quotaTick;
    private final long tickPhase;
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
    /** ACK headers of received segments not yet charged to the uplink ({@code ip_overhead.acks}). */
    private long ackDebt;
    private final long[] ringArrival = new long[RING];
    private final int[] ringBytes = new int[RING];
    private int ringPos;
    /**
     * Blocks that crossed the network and wait for the downlink ({@code links.downlink: paced}), in order of
     * arrival, and the last one waiting from each sender (so that the sender's later messages keep their TCP order
     * behind it); created on first use. {@code downQueued}: their payload bytes.
     */
    private java.util.ArrayDeque<Waiting> downQueue;
    private java.util.HashMap<Long, Waiting> lastWaiting;
    private long downQueued;

    /** A block waiting for the downlink, and the messages its sender sent after it (handled once it is received). */
    private static final class Waiting {
        final Msg.Block block;
        final long from;
        int[] kinds;
        Msg[] after;
        int n;

        Waiting(Msg.Block block, long from) {
            this.block = block;
            this.from = from;
        }

        void add(int kind, Msg m) {
            if (after == null) {
                kinds = new int[2];
                after = new Msg[2];
            } else if (n == after.length) {
                kinds = java.util.Arrays.copyOf(kinds, 2 * n);
                after = java.util.Arrays.copyOf(after, 2 * n);
            }
            kinds[n] = kind;
            after[n++] = m;
        }
    }

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
        this.quotaTick = protocol.connections().quotaTick();
        // each client's timer has its own phase (real clients start at different moments), fixed by its id
        this.tickPhase = quotaTick > 0 ? Math.floorMod(id * 0x9E3779B97F4A7C15L, quotaTick) : 0;
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
        if (kind < Kind.TIMER_BASE && kind != Kind.PIECE && lastWaiting != null) {
            Waiting w = lastWaiting.get(source);
            if (w != null) {
                // TCP order: a message sent after a block that still waits for our downlink is read after it.
                w.add(kind, (Msg) payload);
                return;
            }
        }
        dispatch(ctx, source, kind, payload);
    }

    private void dispatch(Context ctx, long source, int kind, Payload payload) {
        Msg m = (Msg) payload;
        Session s = m == null ? null : sessions[m.torrent()];
        switch (kind) {
            case Kind.JOIN -> s.join(ctx);
            case Kind.RECHOKE -> {
                if (s.active && ((Msg.Timer) m).generation() == s.epoch) {
                    s.peering.closeIdle(ctx);
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
            case Kind.PIECE -> receive(ctx, s, source, (Msg.Block) m);
            case Kind.BLOCK_IN -> received(ctx);
            default -> onPeerMessage(ctx, s, source, kind, m);
        }
    }

    /** The session of torrent {@code t} (tests). */
    Session session(int t) {
        return sessions[t];
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
            case Kind.UPLOAD_ONLY -> s.haves.onUploadOnly(ctx, c);
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
        long tick = quotaTick > 0 ? Math.floorMod(tickPhase - ctx.now(), quotaTick) : 0;
        ctx.send(dest, inOrder(ctx, dest, c, env.latency().between(id, dest) + tx + extraDelay + tick, extraDelay == 0), kind, m);
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

    /** Reserves downlink time for a requested block ({@code reserve_at_request}); returns the request's wait (else 0). */
    long reserveDownlink(Context ctx, int wire) {
        return links.reserveDownlink(ctx.now(), withIpHeaders(wire), down);
    }

    /** Bytes on the wire for a message of {@code wire} bytes, with the TCP/IP headers that protocol.ip_overhead charges. */
    private int withIpHeaders(int wire) {
        return Math.toIntExact(wire + ip.headers(wire));
    }

    /**
     * A block has crossed the network: it is received now if the downlink is free, else it waits in line for
     * it and is received when {@link Kind#BLOCK_IN} fires (one timer per waiting block, in order).
     */
    private void receive(Context ctx, Session s, long from, Msg.Block m) {
        int len = s.spec.blockLength(m.piece(), m.block());
        int wire = withIpHeaders(WireSize.PIECE_HEADER + len);
        long wait = links.arriveDownlink(ctx.now(), wire, down);
        if (wait == 0) {
            countDown(ctx, wire, len);
            s.down.onPiece(ctx, from, m);
            return;
        }
        if (downQueue == null) {
            downQueue = new java.util.ArrayDeque<>();
            lastWaiting = new java.util.HashMap<>();
        }
        Waiting w = new Waiting(m, from);
        downQueue.add(w);
        lastWaiting.put(from, w);
        downQueued += len;
        ctx.schedule(wait, Kind.BLOCK_IN, new Msg.BlockIn(m.torrent(), m.piece(), m.block(), from, ctx.now()));
    }

    private void received(Context ctx) {
        Waiting w = downQueue.poll();
        lastWaiting.remove(w.from, w);
        Session s = sessions[w.block.torrent()];
        int len = s.spec.blockLength(w.block.piece(), w.block.block());
        downQueued -= len;
        countDown(ctx, withIpHeaders(WireSize.PIECE_HEADER + len), len);
        s.down.onPiece(ctx, w.from, w.block);
        for (int i = 0; i < w.n; i++) {
            dispatch(ctx, w.from, w.kinds[i], w.after[i]);
        }
    }

    /** A request for a block of {@code wire} bytes was cancelled: its downlink reservation, if any, is returned. */
    void releaseDownlink(Context ctx, int wire) {
        links.releaseDownlink(ctx.now(), withIpHeaders(wire), down);
    }

    /**
     * The time series count a block's payload while it is on the wire: the downlink takes it in over its block time
     * at the downlink rate, ending when it is received (counted here, where the reception time is known).
     */
    private void countDown(Context ctx, int wire, int len) {
        downSeries.spread(ctx.now() - Math.min(ctx.now(), Ticks.transmission(wire, down)), ctx.now(), len);
    }

    void uplinkOffer(Context ctx, Connection c) {
        links.offer(ctx, c);
    }

    /**
     * Sends a block the link scheduler chose: the data message now, arriving after the wait for the uplink
     * ({@code after}: blocks handed over before it in the same decision), its transmission and latency.
     */
    @Override
    public long transmit(Context ctx, LinkScheduler.Flow flow, long key, long after) {
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
        long headers = ip.headers(WireSize.PIECE_HEADER + len) + ackDebt;
        ackDebt = 0;
        long tx = Ticks.transmission(WireSize.PIECE_HEADER + len + headers, up);
        long delay = inOrder(ctx, c.peer, c, after + tx + env.latency().between(id, c.peer), true);
        ctx.send(c.peer, delay, Kind.PIECE, m);
        s.uploaded += len;
        c.bytesOut += len;
        c.lastSentAt = ctx.now();
        overhead += WireSize.PIECE_HEADER + headers;
        // the time series count bytes while they are on the wire: the uplink sends them over [now, now + tx]; the
        // receiver counts its downlink's share when it has received them (countDown: blocks may wait for it)
        long start = ctx.now() + after;
        upSeries.spread(start, start + tx, len);
        busyUntil = start + tx;
        ringArrival[ringPos] = ctx.now() + delay;
        ringBytes[ringPos] = len;
        ringPos = (ringPos + 1) % RING;
        return tx;
    }

    /** A block of {@code wire} bytes arrived: with {@code ip_overhead.acks}, its ACKs' headers are owed to the uplink. */
    void acked(int wire) {
        if (ip.acks()) {
            ackDebt += ip.headers(wire);
        }
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
        w.putLong(downQueued).putInt(downQueue == null ? 0 : downQueue.size());
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
