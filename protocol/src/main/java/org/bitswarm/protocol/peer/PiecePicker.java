package org.bitswarm.protocol.peer;

import java.util.BitSet;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.ProtocolSpec;
import umontreal.ssj.rng.RandomStream;

/**
 * Which block to ask a peer for next (BEP 3 and mainline): strict priority (finish the pieces already started,
 * the rarest of them first under rarest-first: {@code Session.startedBlock}),
 * random first piece (the first {@code random_first} pieces at random, to have something to trade quickly),
 * then rarest first among the pieces our neighbours announced, ties broken at random. The {@code random} and
 * {@code sequential} policies replace rarest-first for comparisons. Endgame (once no block is left unrequested,
 * ask every peer that has a missing block; duplicates are cancelled on arrival) is left to the caller.
 */
final class PiecePicker {
    private PiecePicker() {}

    /** A new piece the peer has and we neither have nor started, or -1. */
    static int newPiece(Session s, Connection c, ProtocolSpec p, RandomStream rng) {
        BitSet cand = (BitSet) c.peerHave.clone();
        cand.andNot(s.have);
        cand.andNot(s.started);
        if (cand.isEmpty()) {
            return -1;
        }
        Enums.PiecePolicy policy = s.haveCount < p.randomFirst() ? Enums.PiecePolicy.RANDOM : p.pieceSelection();
        switch (policy) {
            case SEQUENTIAL:
                return cand.nextSetBit(0);
            case RANDOM:
                return nth(cand, rng.nextInt(0, cand.cardinality() - 1));
            default:
                return rarest(s.avail, cand, rng);
        }
    }

    private static int nth(BitSet set, int n) {
        int i = set.nextSetBit(0);
        for (int k = 0; k < n; k++) {
            i = set.nextSetBit(i + 1);
        }
        return i;
    }

    /** The least available candidate; ties by reservoir sampling so each is equally likely. */
    private static int rarest(int[] avail, BitSet cand, RandomStream rng) {
        int best = -1;
        int bestAvail = Integer.MAX_VALUE;
        int ties = 0;
        for (int i = cand.nextSetBit(0); i >= 0; i = cand.nextSetBit(i + 1)) {
            int a = avail[i];
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
}
