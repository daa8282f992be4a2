package org.bitswarm.protocol.choke;

import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.ChokeView;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.ChokerConfig;
import org.bitswarm.protocol.strategy.Peer;

/**
 * Regular slots drawn at random among the interested peers at each rechoke, with mainline's optimistic
 * unchoke beside them: no reciprocation, hence no incentive (the baseline tit-for-tat is compared with).
 */
public final class RandomChoker extends MainlineChoker {
    public RandomChoker(Config cfg) {
        super(cfg.slots(), cfg.rechokeInterval(), cfg.optimisticInterval(), cfg.newConnectionWeight(), cfg.rechokeOnLeave(),
                cfg.rechokeOnConnect());
    }

    @Override
    protected long rank(ChokeView v, Peer c) {
        return 0;
    }

    @Override
    protected boolean snubbed(ChokeView v, Peer c) {
        return false;
    }

    @Override
    protected boolean eligible(ChokeView v, long rank) {
        return true;
    }

    /** Slots and periods as mainline's tit-for-tat, so that only the ranking differs. */
    @Doc("regular slots drawn at random each rechoke: no reciprocation (baseline)")
    public record Config(
            @Doc("upload slots including the optimistic one; 0 = mainline 4.x's count from the upload rate, as tit_for_tat") int slots,
            @Doc("rechoke period") @Unit(Unit.Kind.DURATION) long rechokeInterval,
            @Doc("optimistic unchoke rotation period") @Unit(Unit.Kind.DURATION) long optimisticInterval,
            @Doc("weight of a new connection in the optimistic draw") double newConnectionWeight,
            @Doc("when an unchoked peer loses interest or disconnects, rechoke at once so the freed slot is refilled (mainline 4.x BitTorrent/Choker.py: not_interested and connection_lost call _rechoke); false waits for the next rechoke, as Bitswarm did before issue 11") boolean rechokeOnLeave,
            @Doc("when a connection opens, rechoke at once (mainline 4.x BitTorrent/Choker.py: connection_made calls _rechoke, so the regular slots are ranked again on the current rates); false leaves the slots until the next rechoke, as Bitswarm does by default") boolean rechokeOnConnect) implements ChokerConfig {

        public Config {
            Checks.mainline(slots, rechokeInterval, optimisticInterval, newConnectionWeight);
        }

        public static Config defaults() {
            return new Config(4, 10_000_000_000L, 30_000_000_000L, 3, true, false);
        }

        @Override
        public Choker create() {
            return new RandomChoker(this);
        }

        @Override
        public long interval() {
            return rechokeInterval;
        }
    }
}
