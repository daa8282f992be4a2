package org.bitswarm.protocol.choke;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.ChokeView;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.ChokerConfig;
import org.bitswarm.protocol.strategy.Peer;

/**
 * libtorrent 2.0's unchoker: {@code choking_algorithm = fixed_slots_choker} with {@code seed_choking_algorithm}
 * (by default {@code round_robin}), as {@code unchoke_sort} in src/choker.cpp ranks peers, and the optimistic
 * unchoke of session_impl.
 *
 * <p>Every {@code rechoke_interval} (libtorrent's {@code unchoke_interval}, 15 s) the interested peers are
 * ranked by the bytes they sent us in the round that ends ({@code downloaded_in_last_round}: tit-for-tat,
 * without mainline's rule that a peer must have sent something); ties (all of them, for a seed) go by the seed
 * rule: with {@code round_robin}, a peer that has been unchoked for at least {@code quota_min_time} (1 min) and
 * received more than {@code seeding_piece_quota} pieces' worth of bytes since it was unchoked has "completed its
 * quota" and goes after the others; then the peer we sent more to in the last round first (a choked peer counts
 * 0); then the one unchoked longest ago (never = first). {@code fastest_upload} leaves out the quota rule,
 * {@code anti_leech} ranks by how far the peer's progress is from one half (new and nearly done peers first). The
 * first {@code slots - optimistic} peers get the regular slots.
 *
 * <p>Optimistic unchoke: every {@code optimistic_interval} (30 s) the {@code optimistic_slots} choked interested
 * peers that have waited longest since their last optimistic unchoke (never = first, ties at random) get the
 * optimistic slots; 0 means libtorrent's automatic choice, a fifth of the slots but at least one. A free slot
 * is filled at once when an interested peer arrives (libtorrent's preemptive unchoke), and, with
 * {@code rechoke_on_leave}, when an unchoked peer loses interest or leaves ({@link #released}). The ranking uses
 * the bytes of the current round, as libtorrent's counters since the last recalculation. A session that does
 * not upload never unchokes.
 */
public final class LibtorrentChoker implements Choker {
    private final Config cfg;
    private final int optimisticSlots;
    private final Map<Long, State> state = new HashMap<>();
    private final List<Peer> optimistic = new ArrayList<>();
    private int rechokes;

    /** What libtorrent keeps per peer for the unchoker. */
    private static final class State {
        long lastUnchoke = Long.MIN_VALUE;
        long lastOptimistic = Long.MIN_VALUE;
        /** Bytes sent since the unchoke, up to the start of the current round. */
        long sentSinceUnchoke;
    }

    public LibtorrentChoker(Config cfg) {
        this.cfg = cfg;
        this.optimisticSlots = Math.min(cfg.slots(), cfg.optimisticSlots() > 0 ? cfg.optimisticSlots() : Math.max(1, cfg.slots() / 5));
    }

    @Override
    public long interval() {
        return cfg.rechokeInterval();
    }

    private State of(Peer p) {
        return state.computeIfAbsent(p.id(), k -> new State());
    }

    @Override
    public boolean unchokeAtOnce(ChokeView v, Peer peer) {
        if (v.unchokedCount() >= cfg.slots()) {
            return false;
        }
        unchoked(of(peer), v.now());
        return true;
    }

    private static void unchoked(State s, long now) {
        s.lastUnchoke = now;
        s.sentSinceUnchoke = 0;
    }

    @Override
    public List<Peer> rechoke(ChokeView v) {
        int rotateEvery = (int) Math.max(1, cfg.optimisticInterval() / cfg.rechokeInterval());
        List<Peer> out = choose(v, rechokes++ % rotateEvery == 0);
        for (Peer p : v.peers()) {
            // the round that ends now counts towards the quota of a peer that stays unchoked
            if (!p.amChoking()) {
                of(p).sentSinceUnchoke += p.bytesOutThisRound();
            }
        }
        return out;
    }

    /**
     * An unchoked peer lost interest or left: libtorrent's {@code trigger_unchoke} recalculates the regular slots
     * at its next tick (the freed slot is refilled; an optimistic slot that left counts as a regular one until the
     * next optimistic rotation). With {@code rechoke_on_leave} false, nothing happens until the next rechoke.
     */
    @Override
    public List<Peer> released(ChokeView v) {
        return cfg.rechokeOnLeave() ? choose(v, false) : null;
    }

    /** The peers to unchoke: the optimistic ones (drawn again when {@code rotate}) and the best regular ones. */
    private List<Peer> choose(ChokeView v, boolean rotate) {
        long now = v.now();
        Set<Long> present = new HashSet<>();
        List<Peer> cands = new ArrayList<>();
        for (Peer p : v.peers()) {
            present.add(p.id());
            of(p);
            if (p.peerInterested()) {
                cands.add(p);
            }
        }
        state.keySet().retainAll(present);
        List<Peer> unchoke = new ArrayList<>();
        if (!v.uploads()) {
            optimistic.clear();
            return unchoke;
        }
        optimistic.removeIf(p -> !p.open() || !p.peerInterested());
        if (rotate) {
            optimistic.clear();
            List<Peer> waiting = new ArrayList<>();
            for (Peer p : cands) {
                if (p.amChoking()) {
                    waiting.add(p);
                }
            }
            // longest since the last optimistic unchoke first; ties at random, so draw the keys in peer order
            Map<Long, Double> tie = new HashMap<>();
            for (Peer p : waiting) {
                tie.put(p.id(), v.random().nextDouble());
            }
            waiting.sort(Comparator.<Peer>comparingLong(p -> of(p).lastOptimistic).thenComparingDouble(p -> tie.get(p.id())));
            for (int i = 0; i < waiting.size() && optimistic.size() < optimisticSlots; i++) {
                optimistic.add(waiting.get(i));
                of(waiting.get(i)).lastOptimistic = now;
            }
        }
        List<Peer> regular = new ArrayList<>(cands);
        regular.removeAll(optimistic);
        long quotaBytes = v.pieceBytes() * cfg.seedingPieceQuota();
        regular.sort((a, b) -> compare(v, a, b, quotaBytes, now));
        int regularSlots = Math.max(0, cfg.slots() - optimistic.size());
        for (int i = 0; i < regular.size() && i < regularSlots; i++) {
            unchoke.add(regular.get(i));
        }
        unchoke.addAll(optimistic);
        for (Peer p : unchoke) {
            if (p.amChoking()) {
                unchoked(of(p), now);
            }
        }
        return unchoke;
    }

    /** Negative when a goes first (choker.cpp's unchoke_compare_* order). */
    private int compare(ChokeView v, Peer a, Peer b, long quotaBytes, long now) {
        int c = Long.compare(b.bytesInThisRound(), a.bytesInThisRound());
        if (c != 0) {
            return c;
        }
        State sa = of(a);
        State sb = of(b);
        switch (cfg.seedChoking()) {
            case ROUND_ROBIN -> {
                boolean qa = quotaDone(a, sa, quotaBytes, now);
                boolean qb = quotaDone(b, sb, quotaBytes, now);
                if (qa != qb) {
                    return qa ? 1 : -1;
                }
                c = Long.compare(sentThisRound(b), sentThisRound(a));
            }
            case FASTEST_UPLOAD -> c = Long.compare(sentThisRound(b), sentThisRound(a));
            case ANTI_LEECH -> c = Integer.compare(antiLeech(v, b), antiLeech(v, a));
        }
        return c != 0 ? c : Long.compare(sa.lastUnchoke, sb.lastUnchoke);
    }

    private boolean quotaDone(Peer p, State s, long quotaBytes, long now) {
        return !p.amChoking() && s.sentSinceUnchoke + p.bytesOutThisRound() > quotaBytes
                && now - s.lastUnchoke > cfg.quotaMinTime();
    }

    /**
     * What we sent the peer in the current round (libtorrent's {@code uploaded_in_last_round}, counted since the
     * last unchoke recalculation; at a rechoke, the round that ends): 0 for a choked peer.
     */
    private static long sentThisRound(Peer p) {
        return p.amChoking() ? 0 : p.bytesOutThisRound();
    }

    /** libtorrent's anti-leech score: 0 at half the pieces, 1000 at none or all. */
    private static int antiLeech(ChokeView v, Peer p) {
        int n = v.pieces();
        return n == 0 ? 0 : Math.abs((p.pieceCount() * 2 - n) * 1000 / n);
    }

    /** How a seed (and a tie between leechers) orders peers: libtorrent's {@code seed_choking_algorithm}. */
    public enum SeedChoking {
        /** Peers that received their quota since being unchoked give way to others (libtorrent's default). */
        ROUND_ROBIN,
        /** The peers we upload to fastest keep their slots. */
        FASTEST_UPLOAD,
        /** New and nearly finished peers first (Chow et al.). */
        ANTI_LEECH
    }

    /** libtorrent 2.0.8's defaults (settings_pack): 8 slots, 15 s, 30 s, automatic optimistic slots, round robin, quota 20. */
    @Doc("libtorrent 2.0 (fixed_slots_choker): tit-for-tat on last round's bytes, seeds rotate by round robin with a piece"
            + " quota, optimistic unchoke of the peer waiting longest")
    public record Config(
            @Doc("upload slots including the optimistic ones (libtorrent unchoke_slots_limit: 8)") int slots,
            @Doc("rechoke period (libtorrent unchoke_interval: 15 s)") @Unit(Unit.Kind.DURATION) long rechokeInterval,
            @Doc("optimistic unchoke rotation period (libtorrent optimistic_unchoke_interval: 30 s)")
            @Unit(Unit.Kind.DURATION) long optimisticInterval,
            @Doc("optimistic slots (libtorrent num_optimistic_unchoke_slots: 0 = a fifth of the slots, at least 1)") int optimisticSlots,
            @Doc("how ties are ordered, all peers of a seed (libtorrent seed_choking_algorithm): round_robin, fastest_upload"
                    + " or anti_leech") SeedChoking seedChoking,
            @Doc("round robin: pieces' worth of bytes a peer receives before it gives way (libtorrent seeding_piece_quota: 20)")
            int seedingPieceQuota,
            @Doc("round robin: and it has been unchoked at least this long (libtorrent choker.cpp: 1 minute)")
            @Unit(Unit.Kind.DURATION) long quotaMinTime,
            @Doc("when an unchoked peer loses interest or disconnects, recalculate the slots at once (libtorrent's"
                    + " trigger_unchoke, within one 500 ms tick); false waits for the next rechoke") boolean rechokeOnLeave)
            implements ChokerConfig {

        public Config {
            Checks.common(slots, rechokeInterval, optimisticInterval, 1);
            ConfigError.require(optimisticSlots >= 0 && optimisticSlots <= slots, "optimistic_slots", "must be in [0, slots]");
            ConfigError.require(seedChoking != null, "seed_choking", "must be round_robin, fastest_upload or anti_leech");
            ConfigError.require(seedingPieceQuota >= 1, "seeding_piece_quota", "must be >= 1");
            ConfigError.require(quotaMinTime >= 0, "quota_min_time", "must be >= 0");
        }

        public static Config defaults() {
            return new Config(8, 15_000_000_000L, 30_000_000_000L, 0, SeedChoking.ROUND_ROBIN, 20, 60_000_000_000L, true);
        }

        public Config withSlots(int n) {
            return new Config(n, rechokeInterval, optimisticInterval, optimisticSlots, seedChoking, seedingPieceQuota, quotaMinTime, rechokeOnLeave);
        }

        public Config withSeedChoking(SeedChoking s) {
            return new Config(slots, rechokeInterval, optimisticInterval, optimisticSlots, s, seedingPieceQuota, quotaMinTime, rechokeOnLeave);
        }

        public Config withRechokeOnLeave(boolean on) {
            return new Config(slots, rechokeInterval, optimisticInterval, optimisticSlots, seedChoking, seedingPieceQuota, quotaMinTime, on);
        }

        public Config withSeedingPieceQuota(int q) {
            return new Config(slots, rechokeInterval, optimisticInterval, optimisticSlots, seedChoking, q, quotaMinTime, rechokeOnLeave);
        }

        @Override
        public Choker create() {
            return new LibtorrentChoker(this);
        }

        @Override
        public long interval() {
            return rechokeInterval;
        }
    }
}
