package org.bitswarm.protocol.pick;

import java.util.BitSet;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.Peer;
import org.bitswarm.protocol.strategy.PickView;
import org.bitswarm.protocol.strategy.PickerConfig;
import org.bitswarm.protocol.strategy.PiecePicker;
import umontreal.ssj.rng.RandomStream;

/**
 * Rarest first (BEP 3, mainline): the new piece the fewest neighbours announced, ties at random (reservoir
 * sampling, so each is equally likely); strict priority takes the rarest started piece, unless
 * ({@code started_pieces: unless_rarer}, the default) this peer offers a new piece strictly rarer than it.
 *
 * <p>That is BitTornado's {@code BT1/PiecePicker.next}: a started piece is returned only when no strictly rarer
 * new piece is available, and completion is not forced when the remote peer is a seed. With
 * {@code started_pieces: always} started pieces always win, on every connection, the seed's included: leechers
 * then ask the seed for the rest of pieces they started from neighbours, and the seed's upload, the only source
 * of new pieces, goes to pieces the swarm already has (issue 11: a ten-leecher swarm 27-37 % slower than
 * libtorrent on loopback, the seed sending 2.65 copies of the file against libtorrent's 2.05).
 */
public final class RarestFirstPicker extends MainlinePicker {
    private final boolean unlessRarer;

    public RarestFirstPicker(Config cfg) {
        super(cfg.strictPriority(), cfg.randomFirst(), cfg.endgame());
        this.unlessRarer = cfg.startedPieces() == StartedRule.UNLESS_RARER;
    }

    /** When strict priority gives way to a new piece. */
    public enum StartedRule {
        /** A new piece strictly rarer than the started one goes first (BitTornado). */
        UNLESS_RARER,
        /** Started pieces always go first (strict priority as BEP 3 words it). */
        ALWAYS
    }

    @Override
    protected boolean newPieceFirst(PickView v, Peer c, int startedPiece) {
        if (!unlessRarer) {
            return false;
        }
        int a = v.availability(startedPiece);
        BitSet cand = v.newCandidates(c);
        for (int i = cand.nextSetBit(0); i >= 0; i = cand.nextSetBit(i + 1)) {
            if (v.availability(i) < a) {
                return true;
            }
        }
        return false;
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
            @Doc("request the last blocks from every peer and cancel duplicates") boolean endgame,
            @Doc("when strict priority gives way: unless_rarer (BitTornado: a strictly rarer new piece from this peer "
                    + "starts first) or always (started pieces always win, even from a seed)") StartedRule startedPieces)
            implements PickerConfig {

        public Config {
            ConfigError.require(randomFirst >= 0, "random_first", "must be >= 0");
            ConfigError.require(startedPieces != null, "started_pieces", "must be unless_rarer or always");
        }

        /** With BitTornado's rule for started pieces. */
        public Config(boolean strictPriority, int randomFirst, boolean endgame) {
            this(strictPriority, randomFirst, endgame, StartedRule.UNLESS_RARER);
        }

        public static Config defaults() {
            return new Config(true, 4, true, StartedRule.UNLESS_RARER);
        }

        public Config withEndgame(boolean on) {
            return new Config(strictPriority, randomFirst, on, startedPieces);
        }

        public Config withStrictPriority(boolean on) {
            return new Config(on, randomFirst, endgame, startedPieces);
        }

        public Config withStartedPieces(StartedRule rule) {
            return new Config(strictPriority, randomFirst, endgame, rule);
        }

        @Override
        public PiecePicker create() {
            return new RarestFirstPicker(this);
        }
    }
}
