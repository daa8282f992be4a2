package org.bitswarm.protocol.pick;

import java.util.BitSet;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.PickView;
import org.bitswarm.protocol.strategy.PickerConfig;
import org.bitswarm.protocol.strategy.PiecePicker;
import umontreal.ssj.rng.RandomStream;

/** A new piece drawn uniformly among the candidates (the baseline rarest-first is compared with). */
public final class RandomPicker extends MainlinePicker {
    public RandomPicker(Config cfg) {
        super(cfg.strictPriority(), cfg.randomFirst(), cfg.endgame());
    }

    @Override
    protected int choose(PickView v, BitSet cand, RandomStream rng) {
        return nth(cand, rng.nextInt(0, cand.cardinality() - 1));
    }

    @Override
    protected boolean rarestStarted() {
        return false;
    }

    /** Mainline's rules around the choice: strict priority, 4 random first pieces, endgame. */
    @Doc("a random new piece (baseline)")
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
            return new RandomPicker(this);
        }
    }
}
