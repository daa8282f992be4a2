package org.bitswarm.protocol.peer;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.Context;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;
import org.bitswarm.protocol.wire.WireSize;
import umontreal.ssj.rng.RandomStream;

/**
 * The choking algorithm of BEP 3 as mainline 4.x runs it. Every {@code rechoke_interval} (10 s) the
 * {@code upload_slots - 1} interested peers with the best download rate to us get the regular slots
 * (tit-for-tat); a seed ranks by our upload rate to them instead. One more slot is the optimistic unchoke,
 * rotated every {@code optimistic_interval} (30 s), three times as likely to go to a connection younger than
 * that. Anti-snubbing: a peer that sent no block for {@code snub_timeout} (30 s) while we wanted data loses its
 * regular slot, which goes to another random peer. With {@code choker: random} the regular slots are drawn at
 * random each time, which removes the incentive (for comparisons). A free rider never unchokes anyone.
 */
final class Choker {
    private Choker() {}

    static void rechoke(Context ctx, Session s) {
        ProtocolSpec p = s.p;
        RandomStream rng = ctx.random(Client.RNG_CHOKE);
        List<Connection> cands = new ArrayList<>();
        for (Connection c : s.conns.values()) {
            if (c.peerInterested) {
                cands.add(c);
            }
        }
        boolean seeding = s.complete();
        List<Connection> unchoke = new ArrayList<>();
        if (s.uploads()) {
            unchoke.addAll(regular(ctx, s, cands, seeding, rng));
            int rotateEvery = (int) Math.max(1, p.optimisticInterval() / p.rechokeInterval());
            boolean rotate = s.rechokes++ % rotateEvery == 0;
            Connection opt = s.optimistic;
            if (rotate || opt == null || opt.closed || !opt.peerInterested || unchoke.contains(opt)) {
                opt = optimistic(ctx, s, cands, unchoke, rng);
                s.optimistic = opt;
            }
            if (opt != null) {
                unchoke.add(opt);
            }
            // Slots left over (snubbed or missing reciprocators) go to further random peers.
            while (unchoke.size() < p.uploadSlots()) {
                Connection extra = optimistic(ctx, s, cands, unchoke, rng);
                if (extra == null) {
                    break;
                }
                unchoke.add(extra);
            }
        }
        apply(ctx, s, unchoke);
        for (Connection c : s.conns.values()) {
            c.rollRates();
        }
    }

    private static List<Connection> regular(Context ctx, Session s, List<Connection> cands, boolean seeding,
            RandomStream rng) {
        ProtocolSpec p = s.p;
        List<Connection> eligible = new ArrayList<>();
        for (Connection c : cands) {
            boolean snubbed = p.antiSnubbing() && p.choker() == Enums.Choker.TIT_FOR_TAT && !seeding && c.amInterested
                    && ctx.now() - c.lastBlockAt >= p.snubTimeout();
            if (!snubbed) {
                eligible.add(c);
            }
        }
        int n = eligible.size();
        double[] tie = new double[n];
        long[] rate = new long[n];
        for (int i = 0; i < n; i++) {
            tie[i] = rng.nextDouble();
            Connection c = eligible.get(i);
            rate[i] = p.choker() == Enums.Choker.RANDOM ? 0 : seeding ? c.rateOut() : c.rateIn();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> rate[x] != rate[y] ? Long.compare(rate[y], rate[x]) : Double.compare(tie[x], tie[y]));
        List<Connection> out = new ArrayList<>();
        for (int i = 0; i < n && out.size() < p.uploadSlots() - 1; i++) {
            Connection c = eligible.get(order[i]);
            // Tit-for-tat reciprocates only peers that gave us something (a seed ranks everyone it serves).
            if (p.choker() == Enums.Choker.RANDOM || seeding || rate[order[i]] > 0) {
                out.add(c);
            }
        }
        return out;
    }

    /** A random interested peer not yet unchoked; new connections weigh new_connection_weight. */
    private static Connection optimistic(Context ctx, Session s, List<Connection> cands, List<Connection> taken,
            RandomStream rng) {
        double total = 0;
        double[] w = new double[cands.size()];
        for (int i = 0; i < w.length; i++) {
            Connection c = cands.get(i);
            if (!taken.contains(c)) {
                w[i] = ctx.now() - c.connectedAt < s.p.optimisticInterval() ? s.p.newConnectionWeight() : 1;
                total += w[i];
            }
        }
        if (total == 0) {
            return null;
        }
        double x = rng.nextDouble() * total;
        Connection last = null;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                last = cands.get(i);
                x -= w[i];
                if (x < 0) {
                    return last;
                }
            }
        }
        return last;
    }

    private static void apply(Context ctx, Session s, List<Connection> unchoke) {
        for (Connection c : s.conns.values()) {
            boolean open = unchoke.contains(c);
            if (open && c.amChoking) {
                c.amChoking = false;
                s.client.control(ctx, c, Kind.UNCHOKE, Msg.of(s.torrent), WireSize.SMALL);
            } else if (!open && !c.amChoking) {
                c.amChoking = true;
                c.uploads.clear();
                s.client.control(ctx, c, Kind.CHOKE, Msg.of(s.torrent), WireSize.SMALL);
            }
        }
    }
}
