package org.bitswarm.protocol.choke;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.ChokeView;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.ChokerConfig;
import org.bitswarm.protocol.strategy.Peer;

/**
 * BitTyrant's strategic unchoking (Piatek, Isdal, Anderson, Krishnamurthy, Venkataramani, "Do incentives build
 * robustness in BitTorrent?", NSDI 2007, section 4). For every peer p the client keeps d_p, the download rate
 * it expects from p while p reciprocates, and u_p, the upload rate it believes p needs to reciprocate. At each
 * rechoke it unchokes the interested peers in decreasing order of d_p / u_p while the sum of their u_p fits
 * its upload capacity, and gives each exactly u_p (as a weight: run it with {@code links: weighted_fair}).
 * After each round: a peer that sent us data sets d_p to the rate seen; a peer that reciprocated for
 * {@code r} rounds in a row gets u_p lowered by gamma (we may be overpaying); an unchoked peer that did not
 * reciprocate gets u_p raised by delta. A peer never seen uploading has d_p estimated from how fast it
 * announces pieces (HAVEs), divided by mainline's 4 slots, as in the paper. As a seed it behaves like
 * mainline (the strategy is about downloading).
 */
public final class BitTyrantChoker implements Choker {
    private final Config cfg;
    private final TitForTatChoker seed;
    private final Map<Long, Estimate> est = new HashMap<>();
    private final Map<Long, Double> weights = new HashMap<>();

    /** d_p and u_p in bytes per rechoke period; pieces and reciprocation streak for the estimates. */
    private static final class Estimate {
        double d;
        double u;
        int lastPieces;
        int streak;
        boolean unchokedByUs;
        boolean seenUpload;
    }

    public BitTyrantChoker(Config cfg) {
        this.cfg = cfg;
        this.seed = new TitForTatChoker(TitForTatChoker.Config.defaults().withSlots(cfg.seedSlots())
                .withRechokeInterval(cfg.rechokeInterval()));
    }

    @Override
    public long interval() {
        return cfg.rechokeInterval();
    }

    /** Our capacity per round, in bytes. */
    private double capacity(ChokeView v) {
        return v.uploadRate() / 8.0 * cfg.rechokeInterval() / 1e9;
    }

    @Override
    public List<Peer> rechoke(ChokeView v) {
        weights.clear();
        if (v.seeding()) {
            return seed.rechoke(v);
        }
        if (!v.uploads()) {
            return List.of();
        }
        double cap = capacity(v);
        Map<Long, Estimate> live = new HashMap<>();
        for (Peer p : v.peers()) {
            Estimate e = est.get(p.id());
            if (e == null) {
                e = new Estimate();
                e.u = cap / cfg.initialSplit();
                e.lastPieces = p.pieceCount();
                e.d = 0;
            }
            update(v, p, e);
            live.put(p.id(), e);
        }
        est.clear();
        est.putAll(live);
        List<Peer> cands = new ArrayList<>();
        for (Peer p : v.peers()) {
            if (p.peerInterested()) {
                cands.add(p);
            }
        }
        int n = cands.size();
        double[] ratio = new double[n];
        double[] tie = new double[n];
        for (int i = 0; i < n; i++) {
            Estimate e = est.get(cands.get(i).id());
            ratio[i] = e.d / e.u;
            tie[i] = v.random().nextDouble();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> ratio[x] != ratio[y] ? Double.compare(ratio[y], ratio[x]) : Double.compare(tie[x], tie[y]));
        List<Peer> out = new ArrayList<>();
        double used = 0;
        for (int i = 0; i < n; i++) {
            Peer p = cands.get(order[i]);
            Estimate e = est.get(p.id());
            if (!out.isEmpty() && used + e.u > cap) {
                break;
            }
            out.add(p);
            used += e.u;
            weights.put(p.id(), e.u);
        }
        for (Peer p : v.peers()) {
            est.get(p.id()).unchokedByUs = weights.containsKey(p.id());
        }
        return out;
    }

    /** The estimates after the round that just ended. */
    private void update(ChokeView v, Peer p, Estimate e) {
        long got = p.bytesInThisRound();
        int announced = p.pieceCount() - e.lastPieces;
        e.lastPieces = p.pieceCount();
        if (got > 0) {
            e.d = got;
            e.seenUpload = true;
            if (++e.streak >= cfg.reciprocationRounds()) {
                e.u *= 1 - cfg.gamma();
                e.streak = 0;
            }
        } else {
            e.streak = 0;
            if (e.unchokedByUs) {
                e.u *= 1 + cfg.delta();
            }
            if (!e.seenUpload) {
                // Never reciprocated: guess its upload from its announce rate, shared over mainline's 4 slots.
                e.d = Math.max(e.d, (double) announced * v.pieceBytes() / 4);
            }
        }
        e.u = Math.min(e.u, capacity(v));
        if (e.d <= 0) {
            e.d = 1; // an unknown peer ranks last but can still be tried
        }
    }

    @Override
    public boolean unchokeAtOnce(ChokeView v, Peer peer) {
        return v.seeding() ? seed.unchokeAtOnce(v, peer) : false;
    }

    /**
     * As a seed, mainline's seed choker (a slot freed between rechokes is refilled at once). While downloading
     * the unchoke set is a per-round allocation made from the round's byte counts, so it is not redone mid-round:
     * the share of a peer that left is spread over the remaining unchoked peers by the link scheduler, which is
     * work-conserving, so the uplink does not idle meanwhile.
     */
    @Override
    public List<Peer> released(ChokeView v) {
        return v.seeding() ? seed.released(v) : null;
    }

    @Override
    public double weight(Peer peer) {
        Double w = weights.get(peer.id());
        return w == null ? 1 : w;
    }

    @Doc("BitTyrant (Piatek et al., NSDI 2007): unchoke by best reciprocation per byte, pay each peer just enough")
    public record Config(
            @Doc("rechoke period") @Unit(Unit.Kind.DURATION) long rechokeInterval,
            @Doc("initial u_p: the capacity divided by this many peers") double initialSplit,
            @Doc("raise u_p by this fraction when an unchoked peer does not reciprocate (paper: 0.2)") double delta,
            @Doc("lower u_p by this fraction after reciprocation_rounds of reciprocation (paper: 0.1)") double gamma,
            @Doc("rounds of reciprocation before u_p is lowered (paper: 3)") int reciprocationRounds,
            @Doc("upload slots while seeding (mainline's choker)") int seedSlots) implements ChokerConfig {
        public Config {
            ConfigError.require(rechokeInterval > 0, "rechoke_interval", "must be positive");
            ConfigError.require(initialSplit >= 1, "initial_split", "must be >= 1");
            ConfigError.require(delta > 0 && delta <= 10, "delta", "must be in (0, 10]");
            ConfigError.require(gamma >= 0 && gamma < 1, "gamma", "must be in [0, 1)");
            ConfigError.require(reciprocationRounds >= 1, "reciprocation_rounds", "must be >= 1");
            ConfigError.require(seedSlots >= 1, "seed_slots", "must be >= 1");
        }

        public static Config defaults() {
            return new Config(10_000_000_000L, 4, 0.2, 0.1, 3, 4);
        }

        @Override
        public Choker create() {
            return new BitTyrantChoker(this);
        }

        @Override
        public long interval() {
            return rechokeInterval;
        }
    }
}
