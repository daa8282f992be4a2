package org.bitswarm.protocol.peer;

import java.util.Arrays;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;

/** Peer exchange (BEP 11): every {@code pex.interval} the peers connected since the last round, at most 50. */
final class PeerExchange {
    private final Session s;
    /** The most peers one round announces. */
    static final int MOST = 50;
    /**
     * The last {@link #MOST} peers connected since the last round, a ring written at {@code count % MOST} (null
     * when none; dropped each round, so a busy round's capacity is not kept).
     */
    private long[] added;
    /** Peers connected since the last round. */
    private int count;

    PeerExchange(Session s) {
        this.s = s;
    }

    void added(long peer) {
        if (added == null) {
            added = new long[8];
        } else if (count < MOST && count == added.length) {
            added = Arrays.copyOf(added, Math.min(MOST, 2 * added.length)); // no wrap before MOST
        }
        added[count % MOST] = peer;
        count++;
    }

    void onTimer(Context ctx, int ep) {
        if (!s.active || ep != s.epoch) {
            return;
        }
        if (count > 0) {
            int n = Math.min(MOST, count);
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = added[(count - n + i) % MOST];
            }
            added = null;
            count = 0;
            for (Connection c : s.peering.conns.values()) {
                s.client.control(ctx, c, Kind.PEX, new Msg.Peers(s.torrent, ids), WireSize.pex(n));
            }
        }
        ctx.schedule(s.p.pex().interval(), Kind.PEX_TIMER, new Msg.Timer(s.torrent, s.epoch));
    }

    void onPex(Context ctx, long[] ids) {
        if (s.active && s.p.pex().enabled()) {
            s.peering.learn(ids);
            s.peering.connectMore(ctx);
        }
    }
}
