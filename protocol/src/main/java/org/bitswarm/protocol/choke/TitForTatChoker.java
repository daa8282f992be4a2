package org.bitswarm.protocol.choke;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.ChokeView;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.ChokerConfig;
import org.bitswarm.protocol.strategy.Peer;

/**
 * Tit-for-tat (BEP 3, mainline 4.x): the regular slots go to the interested peers with the best download rate
 * to us, and only to peers that gave us something; a seed ranks by our upload rate to them instead.
 * Anti-snubbing: a peer that sent no block for {@code snub_timeout} (30 s) while we wanted data loses its
 * regular slot, which goes to another random peer.
 */
public final class TitForTatChoker extends MainlineChoker {
    private final Config cfg;

    public TitForTatChoker(Config cfg) {
        super(cfg.slots(), cfg.rechokeInterval(), cfg.optimisticInterval(), cfg.newConnectionWeight(), cfg.rechokeOnLeave(),
                cfg.rechokeOnConnect());
        this.cfg = cfg;
    }

    @Override
    protected long rank(ChokeView v, Peer c) {
        return v.seeding() ? c.rateOut() : c.rateIn();
    }

    @Override
    protected boolean snubbed(ChokeView v, Peer c) {
        return cfg.antiSnubbing() && !v.seeding() && c.amInterested() && v.now() - c.lastBlockAt() >= cfg.snubTimeout();
    }

    @Override
    protected boolean eligible(ChokeView v, long rank) {
        // Tit-for-tat reciprocates only peers that gave us something (a seed ranks everyone it serves).
        return v.seeding() || rank > 0;
    }

    /**
     * Mainline 4.x's values: 4 slots, rechoke 10 s, optimistic unchoke every 30 s, anti-snubbing after 30 s, and a
     * rechoke at once when an unchoked peer loses interest or disconnects.
     */
    @Doc("tit-for-tat (mainline 4.x): regular slots to the best uploaders to us, optimistic unchoke, anti-snubbing")
    public record Config(
            @Doc("upload slots including the optimistic one (BEP 3, mainline 3.x: 4); 0 = mainline 4.x's count from the upload rate (max_uploads -1: 7 without a limit, else sqrt(0.6 x KiB/s) above 42 KiB/s, so 8 at 1 Mbit/s)") int slots,
            @Doc("rechoke period (BEP 3, mainline: 10 s)") @Unit(Unit.Kind.DURATION) long rechokeInterval,
            @Doc("optimistic unchoke rotation period (mainline: 30 s)") @Unit(Unit.Kind.DURATION) long optimisticInterval,
            @Doc("weight of a new connection in the optimistic draw (mainline: 3)") double newConnectionWeight,
            @Doc("take the reciprocation slot from a peer that sent nothing for snub_timeout") boolean antiSnubbing,
            @Doc("anti-snubbing delay (mainline: 30 s)") @Unit(Unit.Kind.DURATION) long snubTimeout,
            @Doc("when an unchoked peer loses interest or disconnects, rechoke at once so the freed slot is refilled (mainline 4.x BitTorrent/Choker.py: not_interested and connection_lost call _rechoke); false waits for the next rechoke, as Bitswarm did before issue 11") boolean rechokeOnLeave,
            @Doc("when a connection opens, rechoke at once (mainline 4.x BitTorrent/Choker.py: connection_made calls _rechoke, so the regular slots are ranked again on the current rates); false leaves the slots until the next rechoke, as Bitswarm does by default") boolean rechokeOnConnect) implements ChokerConfig {

        public Config {
            Checks.mainline(slots, rechokeInterval, optimisticInterval, newConnectionWeight);
            ConfigError.require(snubTimeout > 0, "snub_timeout", "must be positive");
        }

        public static Config defaults() {
            return new Config(4, 10_000_000_000L, 30_000_000_000L, 3, true, 30_000_000_000L, true, false);
        }

        public Config withSlots(int n) {
            return new Config(n, rechokeInterval, optimisticInterval, newConnectionWeight, antiSnubbing, snubTimeout, rechokeOnLeave, rechokeOnConnect);
        }

        public Config withRechokeInterval(long t) {
            return new Config(slots, t, optimisticInterval, newConnectionWeight, antiSnubbing, snubTimeout, rechokeOnLeave, rechokeOnConnect);
        }

        public Config withAntiSnubbing(boolean on) {
            return new Config(slots, rechokeInterval, optimisticInterval, newConnectionWeight, on, snubTimeout, rechokeOnLeave, rechokeOnConnect);
        }

        public Config withRechokeOnLeave(boolean on) {
            return new Config(slots, rechokeInterval, optimisticInterval, newConnectionWeight, antiSnubbing, snubTimeout, on, rechokeOnConnect);
        }

        @Override
        public Choker create() {
            return new TitForTatChoker(this);
        }

        @Override
        public long interval() {
            return rechokeInterval;
        }
    }
}
