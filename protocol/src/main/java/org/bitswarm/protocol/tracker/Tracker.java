package org.bitswarm.protocol.tracker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Context;
import org.bitswarm.engine.Entity;
import org.bitswarm.engine.Payload;
import org.bitswarm.protocol.Env;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.TimelineEvent;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import umontreal.ssj.rng.RandomStream;

/**
 * A BitTorrent tracker (BEP 3): it keeps the clients announced per torrent and answers an announce with up
 * to numwant of them, chosen uniformly at random (as the mainline tracker does). "stopped" removes a client.
 * During a scheduled outage announces get no answer. Tracker 0 is also the run monitor: it counts the DONE
 * signals of downloaders and stops the run once every one finished or left for good (until: all_complete).
 */
public final class Tracker implements Entity {
    private final Env env;
    private final long id;
    private final List<Members> torrents = new ArrayList<>();
    private int down;
    private long announces;
    private long dropped;
    private long doneSignals;
    private final long downloaders;

    public Tracker(Env env, long id) {
        this.env = env;
        this.id = id;
        for (int t = 0; t < env.cfg().torrents().size(); t++) {
            torrents.add(new Members());
        }
        long n = 0;
        for (GroupSpec g : env.cfg().groups()) {
            for (Membership m : g.torrents()) {
                if (m.role() != Enums.Role.SEED) {
                    n += g.count();
                }
            }
        }
        downloaders = n;
    }

    /** Downloads that finished or were abandoned so far (tracker 0 hears of every one); for progress only. */
    public long doneSignals() {
        return doneSignals;
    }

    /** Downloads in the whole swarm: (client, torrent) sessions that are not seeds. */
    public long downloaders() {
        return downloaders;
    }

    @Override
    public void start(Context ctx) {
        for (TimelineEvent ev : env.cfg().timeline()) {
            if (ev.kind() == Enums.EventKind.TRACKER_OUTAGE && (ev.tracker() < 0 || ev.tracker() == id)) {
                ctx.schedule(ev.at(), Kind.OUTAGE_START, null);
                ctx.schedule(ev.at() + ev.duration(), Kind.OUTAGE_END, null);
            }
        }
        if (id == 0 && downloaders == 0 && env.cfg().until() == Enums.Until.ALL_COMPLETE) {
            ctx.requestStop();
        }
    }

    @Override
    public void handle(Context ctx, long source, int kind, Payload payload) {
        switch (kind) {
            case Kind.OUTAGE_START -> down++;
            case Kind.OUTAGE_END -> down--;
            case Kind.DONE -> {
                if (++doneSignals == downloaders && env.cfg().until() == Enums.Until.ALL_COMPLETE) {
                    ctx.requestStop();
                }
            }
            case Kind.ANNOUNCE -> announce(ctx, source, (Msg.Announce) payload);
            default -> throw new IllegalStateException("tracker got kind " + kind);
        }
    }

    private void announce(Context ctx, long source, Msg.Announce m) {
        if (down > 0) {
            dropped++;
            return;
        }
        announces++;
        Members mem = torrents.get(m.torrent());
        if (m.event() == Kind.EV_STOPPED) {
            mem.remove(source);
            return;
        }
        mem.add(source);
        long[] reply = mem.sample(source, m.numwant(), ctx.random(0));
        ctx.send(source, env.latency().between(id, source), Kind.PEERS, new Msg.Peers(m.torrent(), reply));
    }

    @Override
    public void report(ByteWriter out) {
        out.putLong(announces).putLong(dropped).putLong(doneSignals);
    }

    /** The clients of one torrent: an array with swap-remove and an index, so sampling is O(numwant). */
    private static final class Members {
        private long[] ids = new long[16];
        private int n;
        private final HashMap<Long, Integer> where = new HashMap<>();

        void add(long q) {
            if (where.containsKey(q)) {
                return;
            }
            if (n == ids.length) {
                ids = java.util.Arrays.copyOf(ids, n * 2);
            }
            where.put(q, n);
            ids[n++] = q;
        }

        void remove(long q) {
            Integer i = where.remove(q);
            if (i == null) {
                return;
            }
            long last = ids[--n];
            if (i < n) {
                ids[i] = last;
                where.put(last, i);
            }
        }

        /**
         * Up to {@code want} members other than {@code asker}, without repetition: a partial Fisher-Yates shuffle
         * of the member array itself (its order is the tracker's own state), O(want) per announce.
         */
        long[] sample(long asker, int want, RandomStream r) {
            int k = Math.min(want + 1, n);
            for (int i = 0; i < k; i++) {
                swap(i, r.nextInt(i, n - 1));
            }
            int others = 0;
            for (int i = 0; i < k; i++) {
                if (ids[i] != asker) {
                    others++;
                }
            }
            long[] out = new long[Math.min(others, want)];
            int o = 0;
            for (int i = 0; i < k && o < out.length; i++) {
                if (ids[i] != asker) {
                    out[o++] = ids[i];
                }
            }
            return out;
        }

        private void swap(int i, int j) {
            if (i != j) {
                long a = ids[i];
                long b = ids[j];
                ids[i] = b;
                ids[j] = a;
                where.put(b, i);
                where.put(a, j);
            }
        }
    }
}
