package org.bitswarm.protocol.pick;

import java.util.BitSet;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.PickView;
import org.bitswarm.protocol.strategy.PickerConfig;
import org.bitswarm.protocol.strategy.PiecePicker;
import umontreal.ssj.rng.RandomStream;

/** The lowest-numbered new piece (streaming order; a poor swarm policy, for comparisons). */
public final class SequentialPicker extends MainlinePicker {
    public SequentialPicker(Config cfg) {
        super(cfg.strictPriority(), cfg.randomFirst(), cfg.endgame());
    }

    @Override
    protected int choose(PickView v, BitSet cand, RandomStream rng) {
        return cand.nextSetBit(0);
    }

    @Override
    protected boolean rarestStarted() {
        return false;
    }

    /** Mainline's rules around the choice: strict priority, 4 random first pieces, endgame. */
    @Doc("the lowest-numbered new piece (streaming order)")
    public record Config(
            @Doc("finish started pieces before starting new ones") boolean strictPriority,
            @Doc("pieces chosen at random before the policy starts (mainline: 4)") int randomFirst,
            @Doc("request the last blocks from every peer and cancel duplicates") boolean endgame) implements PickerConfig {

        public Config {
            ConfigError.require(randomFirst >= 0, "random_first", "must be >= 0");
        }

        public static Config defaults() {
            return new Config(true, 4, true);
        }

        @Override
        public PiecePicker create() {
            return new SequentialPicker(this);
        }
    }
}
