package org.bitswarm.protocol.choke;

import java.util.ArrayList;
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
 * PropShare (Levin, LaCurts, Spring, Bhattacharjee, "BitTorrent is an Auction: Analyzing and Improving
 * BitTorrent's Incentives", SIGCOMM 2008): at each rechoke every peer that uploaded to us in the round that
 * just ended is unchoked, and {@code 1 - optimistic_share} of our upload is split among them in proportion to
 * what each gave; the remaining {@code optimistic_share} (paper: 20 %) goes to {@code optimistic_slots} random
 * other interested peers, to bootstrap newcomers. The shares are weights for the link scheduler (run it with
 * {@code links: weighted_fair}). A free rider gets only the optimistic share. As a seed (nothing to reward)
 * it behaves like mainline.
 */
public final class PropShareChoker implements Choker {
    private final Config cfg;
    private final TitForTatChoker seed;
    private final Map<Long, Double> weights = new HashMap<>();

    public PropShareChoker(Config cfg) {
        this.cfg = cfg;
        this.seed = new TitForTatChoker(TitForTatChoker.Config.defaults().withSlots(cfg.seedSlots())
                .withRechokeInterval(cfg.rechokeInterval()));
    }

    @Override
    public long interval() {
        return cfg.rechokeInterval();
    }

    @Override
    public List<Peer> rechoke(ChokeView v) {
        weights.clear();
        if (v.seeding()) {
            return seed.rechoke(v);        // nothing to reward as a seed: mainline's seed choker
        }
        if (!v.uploads()) {
            return List.of();              // a free rider (role leecher) unchokes nobody
        }
        List<Peer> contributors = new ArrayList<>();
        List<Peer> others = new ArrayList<>();
        double total = 0;
        for (Peer p : v.peers()) {         // connection order: the same on any partition
            if (!p.peerInterested()) {
                continue;
            }
            if (p.bytesInThisRound() > 0) {
                contributors.add(p);
                total += p.bytesInThisRound();
            } else {
                others.add(p);
            }
        }
        List<Peer> out = new ArrayList<>();
        double proportional = contributors.isEmpty() ? 0 : 1 - cfg.optimisticShare();
        for (Peer p : contributors) {
            out.add(p);
            weights.put(p.id(), proportional * p.bytesInThisRound() / total);
        }
        int k = Math.min(cfg.optimisticSlots(), others.size());
        double each = k == 0 ? 0 : (1 - proportional) / k;
        for (int i = 0; i < k; i++) {
            Peer p = others.remove(v.random().nextInt(0, others.size() - 1));   // the context's stream
            out.add(p);
            weights.put(p.id(), each);
        }
        return out;
    }

    @Override
    public boolean unchokeAtOnce(ChokeView v, Peer peer) {
        return v.seeding() && seed.unchokeAtOnce(v, peer);
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

    @Doc("PropShare (Levin et al., SIGCOMM 2008): upload split in proportion to what each peer gave last round")
    public record Config(
            @Doc("rechoke period (one auction round)") @Unit(Unit.Kind.DURATION) long rechokeInterval,
            @Doc("share of the upload for optimistic unchokes (paper: 0.2)") double optimisticShare,
            @Doc("peers that share the optimistic part") int optimisticSlots,
            @Doc("upload slots while seeding (mainline's choker)") int seedSlots) implements ChokerConfig {
        public Config {
            ConfigError.require(rechokeInterval > 0, "rechoke_interval", "must be positive");
            ConfigError.require(optimisticShare > 0 && optimisticShare < 1, "optimistic_share", "must be in (0, 1)");
            ConfigError.require(optimisticSlots >= 1, "optimistic_slots", "must be >= 1");
            ConfigError.require(seedSlots >= 1, "seed_slots", "must be >= 1");
        }

        public static Config defaults() {
            return new Config(10_000_000_000L, 0.2, 1, 4);
        }

        @Override
        public Choker create() {
            return new PropShareChoker(this);
        }

        @Override
        public long interval() {
            return rechokeInterval;
        }
    }
}
