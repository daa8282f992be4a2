package org.bitswarm.protocol.peer;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;

/** Peer exchange (BEP 11): every {@code pex.interval} the peers connected since the last round, at most 50. */
final class PeerExchange {
    private final Session s;
    /** Peers connected since the last round; a fresh list each round, so a busy round's capacity is not kept. */
    private List<Long> added = new ArrayList<>();

    PeerExchange(Session s) {
        this.s = s;
    }

    void added(long peer) {
        added.add(peer);
    }

    void onTimer(Context ctx, int ep) {
        if (!s.active || ep != s.epoch) {
            return;
        }
        if (!added.isEmpty()) {
            int n = Math.min(50, added.size());
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = added.get(added.size() - n + i);
            }
            added = new ArrayList<>();
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
