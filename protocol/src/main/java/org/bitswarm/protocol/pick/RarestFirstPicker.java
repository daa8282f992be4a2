package org.bitswarm.protocol.pick;

import java.util.BitSet;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.Peer;
import org.bitswarm.protocol.strategy.PickView;
import org.bitswarm.protocol.strategy.PickerConfig;
import org.bitswarm.protocol.strategy.PiecePicker;
import org.bitswarm.protocol.strategy.Started;
import umontreal.ssj.rng.RandomStream;

/**
 * Rarest first (BEP 3, mainline): the new piece the fewest neighbours announced, ties at random (reservoir
 * sampling, so each is equally likely); strict priority takes the rarest started piece, with four rules for
 * when a started piece gives way ({@code started_pieces}):
 *
 * <ul>
 *   <li>{@code seeds_first} (the default; mainline 4.x {@code PiecePicker.next(havefunc, seed)}): from a seed,
 *       only pieces already started from seeds go first, then the rarest wanted piece (a piece started from a
 *       neighbour competes like a new one); from any other peer, started pieces always go first. The seed's
 *       upload then goes to rare pieces, and partial pieces stay few: about as many as under {@code always}.
 *   <li>{@code unless_rarer} (BitTornado's {@code BT1/PiecePicker.next}): a started piece goes first unless this
 *       peer offers a strictly rarer new piece; completion is not forced from a seed. Partial pieces pile up
 *       in a flash crowd (issue 11 follow-up: 37 per downloader at 150 s with 250 peers, still growing).
 *   <li>{@code libtorrent} (libtorrent 1.2/2.0 {@code piece_picker::pick_pieces}): as {@code unless_rarer}
 *       (libtorrent sorts a partial piece ahead of new pieces of the same availability only), except while
 *       there are too many partial pieces: {@code num_partials > num_peers * 3 / 2 || num_partials *
 *       blocks_per_piece > 2048} (2048 blocks = 32 MiB), where {@code num_partials} counts pieces with a
 *       block not yet requested and {@code num_peers} the torrent's connections ({@code t.num_peers()}, passed
 *       by {@code request_a_block} in request_blocks.cpp); then it sets {@code prioritize_partials} and the
 *       rarest started piece goes first. (libtorrent breaks ties between partials by fewest blocks left; this
 *       model by the lowest piece number.)
 *   <li>{@code always}: started pieces always win, on every connection, the seed's included: leechers then
 *       ask the seed for the rest of pieces they started from neighbours, and the seed's upload, the only
 *       source of new pieces, goes to pieces the swarm already has (issue 11: a ten-leecher swarm 27-37 %
 *       slower than libtorrent on loopback, the seed sending 2.65 copies of the file against libtorrent's 2.05).
 * </ul>
 */
public final class RarestFirstPicker extends MainlinePicker {
    /** libtorrent's partial-piece bound: more partial pieces than connections * 3 / 2 ... */
    static final int LT_PARTIALS_PER_2_PEERS = 3;
    /** ... or more than this many blocks in them (2048 x 16 KiB = 32 MiB) and partial pieces go first. */
    static final int LT_PARTIAL_BLOCKS = 2048;

    private final StartedRule rule;

    public RarestFirstPicker(Config cfg) {
        super(cfg.strictPriority(), cfg.randomFirst(), cfg.endgame());
        this.rule = cfg.startedPieces();
    }

    /** When strict priority gives way to a new piece. */
    public enum StartedRule {
        /** Mainline 4.x: from a seed, pieces started from seeds first, then rarest first; else started first. */
        SEEDS_FIRST,
        /** A new piece strictly rarer than the started one goes first (BitTornado). */
        UNLESS_RARER,
        /** As UNLESS_RARER while partial pieces are few; started first once libtorrent's bound is passed. */
        LIBTORRENT,
        /** Started pieces always go first (strict priority as BEP 3 words it). */
        ALWAYS
    }

    @Override
    protected boolean seedRule(PickView v, Peer c) {
        return rule == StartedRule.SEEDS_FIRST && c.pieceCount() == v.pieces();
    }

    @Override
    protected boolean newPieceFirst(PickView v, Peer c, int startedPiece) {
        return switch (rule) {
            case UNLESS_RARER -> rarerNewPiece(v, c, startedPiece);
            case LIBTORRENT -> !tooManyPartials(v) && rarerNewPiece(v, c, startedPiece);
            case SEEDS_FIRST, ALWAYS -> false;
        };
    }

    /**
     * libtorrent's {@code piece_picker::pick_pieces}: {@code num_partials > num_peers * 3 / 2 || num_partials *
     * blocks_per_piece > 2048}, a partial being a piece with a block nobody was asked for yet.
     */
    static boolean tooManyPartials(PickView v) {
        int partials = 0;
        int blocksPerPiece = 0;
        for (Started pp : v.started()) {
            if (pp.freeBlock() >= 0) {
                partials++;
                blocksPerPiece = Math.max(blocksPerPiece, pp.blocks());
            }
        }
        return partials > v.connections() * LT_PARTIALS_PER_2_PEERS / 2
                || (long) partials * blocksPerPiece > LT_PARTIAL_BLOCKS;
    }

    private static boolean rarerNewPiece(PickView v, Peer c, int startedPiece) {
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
            @Doc("when a started piece gives way: seeds_first (mainline 4.x: from a seed, pieces started from seeds "
                    + "first, then rarest first; from others, started first), unless_rarer (BitTornado: a strictly rarer "
                    + "new piece from this peer starts first), libtorrent (unless_rarer until partial pieces exceed 1.5 "
                    + "per connection or 2048 blocks, then started first) or always (started pieces always win, even "
                    + "from a seed)") StartedRule startedPieces)
            implements PickerConfig {

        public Config {
            ConfigError.require(randomFirst >= 0, "random_first", "must be >= 0");
            ConfigError.require(startedPieces != null, "started_pieces", "must be seeds_first, unless_rarer, libtorrent or always");
        }

        /** With mainline's rule for started pieces (seeds_first). */
        public Config(boolean strictPriority, int randomFirst, boolean endgame) {
            this(strictPriority, randomFirst, endgame, StartedRule.SEEDS_FIRST);
        }

        public static Config defaults() {
            return new Config(true, 4, true, StartedRule.SEEDS_FIRST);
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
