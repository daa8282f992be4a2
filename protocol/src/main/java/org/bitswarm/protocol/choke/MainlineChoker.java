package org.bitswarm.protocol.choke;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bitswarm.protocol.strategy.ChokeView;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.Peer;
import umontreal.ssj.rng.RandomStream;

/**
 * The choking algorithm of BEP 3 as mainline 4.x runs it. Every {@code rechoke_interval} (10 s) the
 * {@code slots - 1} interested peers ranked best by {@link #rank} get the regular slots; one more slot is the
 * optimistic unchoke, rotated every {@code optimistic_interval} (30 s), three times as likely to go to a
 * connection younger than that. Slots left over go to further random peers. A session that does not upload
 * (a free rider) never unchokes anyone. Subclasses choose the ranking and whether a peer is snubbed.
 *
 * <p>With {@code rechoke_on_leave}, a peer we unchoked that loses interest or disconnects makes the choker
 * rechoke at once, as mainline 4.x's {@code Choker.not_interested} and {@code Choker.connection_lost} call
 * {@code _rechoke}: the regular slots are ranked again on the current rate estimates and the freed slot goes to
 * the next peer. Such a rechoke does not count towards the optimistic rotation (in mainline only the 10 s
 * round-robin timer moves the optimistic unchoke): the optimistic peer keeps its slot unless it is the one that
 * left, and the rate-measuring round is not restarted. With {@code rechoke_on_connect}, a new connection does the
 * same, as {@code Choker.connection_made} calls {@code _rechoke}.
 *
 * <p>{@code slots: 0} is mainline 4.x's {@code max_uploads: -1}: the count follows the upload rate
 * ({@code _set_auto_uploads} in {@code BitTorrent/download.py}, with the session's uplink as
 * {@code max_upload_rate}; see {@link #autoSlots}).
 */
public abstract class MainlineChoker implements Choker {
    private final int slots;
    private final long interval;
    private final long optimisticInterval;
    private final double newConnectionWeight;
    private final boolean rechokeOnLeave;
    private final boolean rechokeOnConnect;
    private int rechokes;
    private Peer optimistic;

    protected MainlineChoker(int slots, long interval, long optimisticInterval, double newConnectionWeight,
            boolean rechokeOnLeave, boolean rechokeOnConnect) {
        this.slots = slots;
        this.interval = interval;
        this.optimisticInterval = optimisticInterval;
        this.newConnectionWeight = newConnectionWeight;
        this.rechokeOnLeave = rechokeOnLeave;
        this.rechokeOnConnect = rechokeOnConnect;
    }

    /**
     * Mainline 4.x's upload slots for an upload rate ({@code _set_auto_uploads}): 7 without a limit, 2 below
     * 9 KiB/s, 3 below 15, 4 below 42, else the square root of 0.6 x the rate in KiB/s (its rate limiter counts
     * {@code max_upload_rate} in units of 1,024 bytes per second). 1 Mbit/s gives 8, 4 Mbit/s 17.
     */
    public static int autoSlots(long bitsPerSecond) {
        double kib = bitsPerSecond / 8.0 / 1024;
        if (kib <= 0) {
            return 7;
        } else if (kib < 9) {
            return 2;
        } else if (kib < 15) {
            return 3;
        } else if (kib < 42) {
            return 4;
        }
        return (int) Math.sqrt(kib * 0.6);
    }

    /** The value regular slots are ranked by, highest first (ties at random). */
    protected abstract long rank(ChokeView v, Peer c);

    /** The peer may not hold a regular slot now (anti-snubbing). */
    protected abstract boolean snubbed(ChokeView v, Peer c);

    /** A peer of this rank may hold a regular slot. */
    protected abstract boolean eligible(ChokeView v, long rank);

    @Override
    public long interval() {
        return interval;
    }

    /** The session's upload slots: the configured count, or with 0 the count its upload rate gives. */
    protected int slots(ChokeView v) {
        return slots > 0 ? slots : autoSlots(v.uploadRate());
    }

    @Override
    public boolean unchokeAtOnce(ChokeView v, Peer peer) {
        // Mainline fills a free upload slot at once instead of waiting for the next rechoke.
        return v.unchokedCount() < slots(v);
    }

    @Override
    public List<Peer> rechoke(ChokeView v) {
        return choose(v, true);
    }

    @Override
    public List<Peer> released(ChokeView v) {
        return rechokeOnLeave ? choose(v, false) : null;
    }

    @Override
    public List<Peer> connected(ChokeView v) {
        return rechokeOnConnect ? choose(v, false) : null;
    }

    /** The peers to unchoke; only the periodic rechoke (timer) moves the optimistic rotation on. */
    private List<Peer> choose(ChokeView v, boolean timer) {
        RandomStream rng = v.random();
        List<Peer> cands = new ArrayList<>();
        for (Peer c : v.peers()) {
            if (c.peerInterested()) {
                cands.add(c);
            }
        }
        List<Peer> unchoke = new ArrayList<>();
        int most = slots(v);
        if (v.uploads()) {
            unchoke.addAll(regular(v, cands, rng, most));
            int rotateEvery = (int) Math.max(1, optimisticInterval / interval);
            boolean rotate = timer && rechokes++ % rotateEvery == 0;
            Peer opt = optimistic;
            if (rotate || opt == null || !opt.open() || !opt.peerInterested() || unchoke.contains(opt)) {
                opt = optimistic(v, cands, unchoke, rng);
                optimistic = opt;
            }
            if (opt != null) {
                unchoke.add(opt);
            }
            while (unchoke.size() < most) {
                Peer extra = optimistic(v, cands, unchoke, rng);
                if (extra == null) {
                    break;
                }
                unchoke.add(extra);
            }
        }
        return unchoke;
    }

    private List<Peer> regular(ChokeView v, List<Peer> cands, RandomStream rng, int most) {
        List<Peer> eligible = new ArrayList<>();
        for (Peer c : cands) {
            if (!snubbed(v, c)) {
                eligible.add(c);
            }
        }
        int n = eligible.size();
        double[] tie = new double[n];
        long[] rate = new long[n];
        for (int i = 0; i < n; i++) {
            tie[i] = rng.nextDouble();
            rate[i] = rank(v, eligible.get(i));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> rate[x] != rate[y] ? Long.compare(rate[y], rate[x]) : Double.compare(tie[x], tie[y]));
        List<Peer> out = new ArrayList<>();
        for (int i = 0; i < n && out.size() < most - 1; i++) {
            if (eligible(v, rate[order[i]])) {
                out.add(eligible.get(order[i]));
            }
        }
        return out;
    }

    /** A random interested peer not yet unchoked; new connections weigh new_connection_weight. */
    protected Peer optimistic(ChokeView v, List<Peer> cands, List<Peer> taken, RandomStream rng) {
        double total = 0;
        double[] w = new double[cands.size()];
        for (int i = 0; i < w.length; i++) {
            Peer c = cands.get(i);
            if (!taken.contains(c)) {
                w[i] = v.now() - c.connectedAt() < optimisticInterval ? newConnectionWeight : 1;
                total += w[i];
            }
        }
        if (total == 0) {
            return null;
        }
        double x = rng.nextDouble() * total;
        Peer last = null;
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
}
