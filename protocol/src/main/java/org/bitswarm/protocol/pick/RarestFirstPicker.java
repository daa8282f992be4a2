package org.bitswarm.protocol.pick;

import java.util.BitSet;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.PickView;
import org.bitswarm.protocol.strategy.PickerConfig;
import org.bitswarm.protocol.strategy.PiecePicker;
import umontreal.ssj.rng.RandomStream;

/**
 * Rarest first (BEP 3, mainline): the new piece the fewest neighbours announced, ties at random (reservoir
 * sampling, so each is equally likely); strict priority takes the rarest started piece.
 */
public final class RarestFirstPicker extends MainlinePicker {
    public RarestFirstPicker(Config cfg) {
        super(cfg.strictPriority(), cfg.randomFirst(), cfg.endgame());
    }

    @Override
    protected int choose(PickView v, BitSet cand, RandomStream rng) {
        int best = -1;
        int bestAvail = Integer.MAX_VALUE;
        int ties = 0;
        for (int i = cand.nextSetBit(0); i >= 0; i = cand.nextSetBit(i + 1)) {
            int a = v.availability(i);
            if (a < bestAvail) {
                bestAvail = a;
                best = i;
                ties = 1;
            } else if (a == bestAvail && rng.nextInt(0, ties++) == 0) {
                best = i;
            }
        }
        return best;
    }

    @Override
    protected boolean rarestStarted() {
        return true;
    }

    /** Mainline's rules around the choice: strict priority, 4 random first pieces, endgame. */
    @Doc("rarest first (BEP 3): the piece the fewest neighbours have, ties at random")
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

        public Config withEndgame(boolean on) {
            return new Config(strictPriority, randomFirst, on);
        }

        public Config withStrictPriority(boolean on) {
            return new Config(on, randomFirst, endgame);
        }

        @Override
        public PiecePicker create() {
            return new RarestFirstPicker(this);
        }
    }
}
