package org.bitswarm.protocol.pick;

import java.util.BitSet;
import org.bitswarm.protocol.strategy.Peer;
import org.bitswarm.protocol.strategy.PickView;
import org.bitswarm.protocol.strategy.PiecePicker;
import org.bitswarm.protocol.strategy.Started;
import org.bitswarm.protocol.wire.BlockKey;
import umontreal.ssj.rng.RandomStream;

/**
 * Mainline's block choice (BEP 3): strict priority (finish the pieces already started first), random first
 * piece (the first {@code random_first} pieces at random, to have something to trade quickly), then a new
 * piece chosen by {@link #choose}, and endgame (once every missing block is requested, ask every peer that
 * has one; the session cancels duplicates on arrival). Subclasses choose the new piece, which started
 * piece strict priority takes, and whether a new piece may go before it ({@link #newPieceFirst}).
 */
public abstract class MainlinePicker implements PiecePicker {
    private final boolean strictPriority;
    private final int randomFirst;
    private final boolean endgame;

    protected MainlinePicker(boolean strictPriority, int randomFirst, boolean endgame) {
        this.strictPriority = strictPriority;
        this.randomFirst = randomFirst;
        this.endgame = endgame;
    }

    /** A new piece among the (non-empty) candidates. */
    protected abstract int choose(PickView v, BitSet candidates, RandomStream rng);

    /**
     * Whether a new piece from this peer goes before the started piece strict priority would take (past the
     * random first pieces). Mainline's rule as written in BEP 3: never.
     */
    protected boolean newPieceFirst(PickView v, Peer c, int startedPiece) {
        return false;
    }

    /** Strict priority takes the rarest started piece (else the lowest-numbered one). */
    protected abstract boolean rarestStarted();

    /**
     * Whether to pick from this peer as mainline 4.x does from a seed ({@link #fromSeed}) instead of by strict
     * priority over every started piece. Never, unless a subclass says so.
     */
    protected boolean seedRule(PickView v, Peer c) {
        return false;
    }

    @Override
    public long next(PickView v, Peer c) {
        if (strictPriority && seedRule(v, c)) {
            return fromSeed(v, c);
        }
        if (strictPriority) {
            long k = startedBlock(v, c);
            if (k >= 0 && !(v.haveCount() >= randomFirst && newPieceFirst(v, c, BlockKey.piece(k)))) {
                return k;
            }
        }
        int piece = newPiece(v, c);
        if (piece >= 0) {
            return BlockKey.of(piece, 0);
        }
        long k = strictPriority ? -1 : startedBlock(v, c);
        if (k >= 0) {
            return k;
        }
        return endgame ? endgameBlock(v, c) : -1;
    }

    /**
     * Mainline 4.x {@code PiecePicker.next(havefunc, seed=True)}: from a seed, only the pieces already started
     * from seeds ({@link Started#fromSeed}) go first, the rarest of them; then (past the random first pieces)
     * the rarest piece we want among all the seed has, where a piece started from a neighbour with a free block
     * counts like a new one (mainline's {@code interests} keep started pieces until they complete). So a seed is
     * not asked for the rest of a common piece while a rarer one waits.
     */
    private long fromSeed(PickView v, Peer c) {
        Started best = null;
        int bestBlock = -1;
        for (Started pp : v.started()) {
            if (pp.fromSeed() && c.has(pp.piece())
                    && (best == null || v.availability(pp.piece()) < v.availability(best.piece()))) {
                int b = pp.freeBlock();
                if (b >= 0) {
                    best = pp;
                    bestBlock = b;
                }
            }
        }
        if (best != null) {
            return BlockKey.of(best.piece(), bestBlock);
        }
        BitSet cand = v.newCandidates(c);
        for (Started pp : v.started()) {
            if (c.has(pp.piece()) && pp.freeBlock() >= 0) {
                cand.set(pp.piece());
            }
        }
        if (cand.isEmpty()) {
            return endgame ? endgameBlock(v, c) : -1;
        }
        RandomStream rng = v.random();
        int piece = v.haveCount() < randomFirst ? nth(cand, rng.nextInt(0, cand.cardinality() - 1)) : choose(v, cand, rng);
        for (Started pp : v.started()) {
            if (pp.piece() == piece) {
                return BlockKey.of(piece, pp.freeBlock());
            }
        }
        return BlockKey.of(piece, 0);
    }

    /** A new piece the peer has and we neither have nor started, or -1. */
    int newPiece(PickView v, Peer c) {
        BitSet cand = v.newCandidates(c);
        if (cand.isEmpty()) {
            return -1;
        }
        RandomStream rng = v.random();
        if (v.haveCount() < randomFirst) {
            return nth(cand, rng.nextInt(0, cand.cardinality() - 1));
        }
        return choose(v, cand, rng);
    }

    static int nth(BitSet set, int n) {
        int i = set.nextSetBit(0);
        for (int k = 0; k < n; k++) {
            i = set.nextSetBit(i + 1);
        }
        return i;
    }

    /**
     * A free block of a started piece this peer has. With {@link #rarestStarted()}, of the rarest such piece
     * (mainline's and BitTornado's {@code PiecePicker.next} take the started piece the fewest neighbours have);
     * otherwise of the lowest-numbered one. Ties go to the lowest number.
     */
    long startedBlock(PickView v, Peer c) {
        boolean rarest = rarestStarted();
        Started best = null;
        int bestBlock = -1;
        for (Started pp : v.started()) {
            if (c.has(pp.piece()) && (best == null || v.availability(pp.piece()) < v.availability(best.piece()))) {
                int b = pp.freeBlock();
                if (b >= 0) {
                    best = pp;
                    bestBlock = b;
                    if (!rarest) {
                        break;
                    }
                }
            }
        }
        return best == null ? -1 : BlockKey.of(best.piece(), bestBlock);
    }

    /** Endgame: every missing piece is started and every block requested; ask this peer too. */
    private long endgameBlock(PickView v, Peer c) {
        if (v.haveCount() + v.started().size() < v.pieces()) {
            return -1;
        }
        for (Started pp : v.started()) {
            if (pp.freeBlock() >= 0) {
                return -1;
            }
        }
        for (Started pp : v.started()) {
            if (!c.has(pp.piece())) {
                continue;
            }
            for (int b = 0; b < pp.blocks(); b++) {
                long k = BlockKey.of(pp.piece(), b);
                if (!pp.received(b) && !c.requested(k)) {
                    return k;
                }
            }
        }
        return -1;
    }
}
