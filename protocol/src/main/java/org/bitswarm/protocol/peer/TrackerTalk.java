package org.bitswarm.protocol.peer;

import org.bitswarm.engine.Context;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;

/**
 * A session's tracker protocol (BEP 3): announces, the regular re-announce, and mainline's early re-announce
 * while the session has fewer than {@code min_peers} connections.
 */
final class TrackerTalk {
    private final Session s;
    private int generation;
    private long lastAnnounce;
    private long nextAnnounceAt;

    TrackerTalk(Session s) {
        this.s = s;
    }

    void announce(Context ctx, int event) {
        lastAnnounce = ctx.now();
        s.client.announce(ctx, s, event);
        // Until the reply arrives the next try is retry_interval away: a lost announce (tracker down) is
        // repeated soon, by seeds too; the reply sets the regular interval when no more peers are wanted.
        arm(ctx, ctx.now() + retry());
    }

    /** Cancels the pending re-announce (the session left). */
    void invalidate() {
        generation++;
    }

    private long retry() {
        return s.client.env.cfg().trackers().retryInterval();
    }

    private void arm(Context ctx, long at) {
        generation++;
        nextAnnounceAt = at;
        ctx.schedule(at - ctx.now(), Kind.ANNOUNCE_TIMER, new Msg.Timer(s.torrent, generation));
    }

    void onTimer(Context ctx, int gen) {
        if (s.active && gen == generation) {
            announce(ctx, Kind.EV_PERIODIC);
        }
    }

    /** A downloader with fewer than min_peers connections asks the tracker again early (mainline). */
    private boolean wantsPeers() {
        return !s.complete() && s.peering.conns.size() < s.client.env.cfg().trackers().minPeers();
    }

    /** Mainline re-announces early while it has fewer than min_peers connections. */
    void maybeAnnounceEarly(Context ctx) {
        if (!s.active || !wantsPeers()) {
            return;
        }
        long early = lastAnnounce + retry();
        if (nextAnnounceAt > early) {
            arm(ctx, Math.max(ctx.now(), early));
        }
    }

    void onPeers(Context ctx, long[] peers) {
        if (!s.active) {
            return;
        }
        if (!wantsPeers() && nextAnnounceAt == lastAnnounce + retry()) {
            arm(ctx, lastAnnounce + s.client.env.cfg().trackers().announceInterval());
        }
        s.peering.learn(peers);
        s.peering.connectMore(ctx);
    }
}
