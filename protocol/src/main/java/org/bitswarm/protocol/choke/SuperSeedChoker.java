package org.bitswarm.protocol.choke;

import java.util.BitSet;
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
 * Super-seeding (BEP 16) for an initial seed: it hides its pieces (an empty bitfield) and offers each peer one
 * piece at a time by a HAVE, the one its neighbours hold least (ties at random, pieces not offered to anyone
 * before first), and serves a peer only the pieces offered to it. A peer gets its next piece once the previous
 * one was seen at another peer (a neighbour's HAVE), so the seed's upload goes to pieces the swarm spreads
 * rather than to copies one peer hoards. As in libtorrent's non-strict mode, a peer also gets its next piece
 * when the previous one stays unseen elsewhere for two rechoke intervals: a peer sends the seed no HAVE for a
 * piece the seed announced (so the seed cannot see it hold the piece), and neighbours that took it may have
 * left; strict waiting then starved peers for
 * good (10 of 60 in scenarios/super-seeding.yaml). A peer that reconnects starts afresh, since the HAVE of its
 * last offer went out on the old connection. Offers are checked on every neighbour HAVE, new connection
 * and rechoke. Unchoking is mainline's seed choker (tit-for-tat ranks by our upload rate when seeding). While the
 * session is still downloading it behaves as plain tit-for-tat.
 */
public final class SuperSeedChoker implements Choker {
    private final TitForTatChoker inner;
    private final long grace;
    /** Per peer: the piece offered last and how many neighbours had announced it then. */
    private final Map<Long, int[]> current = new HashMap<>();
    /** Per peer: the connection the last offer went out on (a reconnected peer has not seen it). */
    private final Map<Long, Peer> on = new HashMap<>();
    /** Per peer: when its last piece was offered. */
    private final Map<Long, Long> offeredAt = new HashMap<>();
    private final Map<Long, BitSet> offered = new HashMap<>();
    private final BitSet everOffered = new BitSet();

    public SuperSeedChoker(Config cfg) {
        this.inner = new TitForTatChoker(TitForTatChoker.Config.defaults().withSlots(cfg.slots())
                .withRechokeInterval(cfg.rechokeInterval()).withRechokeOnLeave(cfg.rechokeOnLeave()));
        this.grace = 2 * cfg.rechokeInterval();
    }

    @Override
    public long interval() {
        return inner.interval();
    }

    @Override
    public List<Peer> rechoke(ChokeView v) {
        return inner.rechoke(v);
    }

    @Override
    public boolean unchokeAtOnce(ChokeView v, Peer peer) {
        return inner.unchokeAtOnce(v, peer);
    }

    /** Mainline's seed choker: with rechoke_on_leave, a slot freed between rechokes is refilled at once. */
    @Override
    public List<Peer> released(ChokeView v) {
        return inner.released(v);
    }

    @Override
    public boolean showsPieces(ChokeView v) {
        return !v.seeding();
    }

    @Override
    public int offer(ChokeView v, Peer p) {
        if (on.put(p.id(), p) != p) {
            current.remove(p.id()); // a new connection to this peer: it never got the HAVE of the last offer
        }
        int[] last = current.get(p.id());
        if (last != null && v.availability(last[0]) - (p.has(last[0]) ? 1 : 0) <= last[1]) {
            Long since = offeredAt.get(p.id());
            if (since == null || v.now() - since < grace) {
                return -1; // not yet seen at another peer: wait a while for it to spread
            }
        }
        int best = -1;
        int bestAvail = Integer.MAX_VALUE;
        boolean bestFresh = false;
        int ties = 0;
        for (int i = 0; i < v.pieces(); i++) {
            if (p.has(i)) {
                continue;
            }
            int a = v.availability(i);
            boolean fresh = !everOffered.get(i);
            if (best < 0 || (fresh && !bestFresh) || (fresh == bestFresh && a < bestAvail)) {
                best = i;
                bestAvail = a;
                bestFresh = fresh;
                ties = 1;
            } else if (fresh == bestFresh && a == bestAvail && v.random().nextInt(0, ties++) == 0) {
                best = i;
            }
        }
        if (best < 0) {
            return -1;
        }
        current.put(p.id(), new int[] {best, v.availability(best)});
        offeredAt.put(p.id(), v.now());
        offered.computeIfAbsent(p.id(), k -> new BitSet()).set(best);
        everOffered.set(best);
        return best;
    }

    @Override
    public boolean serves(ChokeView v, Peer p, int piece) {
        BitSet b = offered.get(p.id());
        return b != null && b.get(piece);
    }

    @Doc("BEP 16 super-seeding: a seed offers each peer one rare piece at a time, the next once it spread")
    public record Config(
            @Doc("upload slots") int slots,
            @Doc("rechoke period") @Unit(Unit.Kind.DURATION) long rechokeInterval,
            @Doc("when an unchoked peer loses interest or disconnects, rechoke at once (mainline 4.x Choker.py, as "
                    + "tit_for_tat's rechoke_on_leave)") boolean rechokeOnLeave) implements ChokerConfig {
        public Config {
            ConfigError.require(slots >= 1, "slots", "must be >= 1");
            ConfigError.require(rechokeInterval > 0 && rechokeInterval <= 30_000_000_000L, "rechoke_interval",
                    "must be in (0, 30s]");
        }

        public static Config defaults() {
            return new Config(4, 10_000_000_000L, true);
        }

        @Override
        public Choker create() {
            return new SuperSeedChoker(this);
        }

        @Override
        public long interval() {
            return rechokeInterval;
        }
    }
}
