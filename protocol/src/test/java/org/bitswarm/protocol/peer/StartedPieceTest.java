package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.TorrentSpec;
import org.junit.jupiter.api.Test;

/**
 * Strict priority: which started piece a request goes to. Under rarest-first it is the started piece the fewest
 * neighbours have (mainline's and BitTornado's {@code PiecePicker.next}); under random and sequential, the
 * lowest-numbered one.
 */
class StartedPieceTest {
    private static ProtocolSpec with(Enums.PiecePolicy policy) {
        ProtocolSpec d = ProtocolSpec.defaults();
        return new ProtocolSpec(d.maxConnections(), d.maxInitiate(), d.pipeline(), d.rechokeInterval(),
                d.uploadSlots(), d.optimisticInterval(), d.newConnectionWeight(), d.choker(), d.antiSnubbing(),
                d.snubTimeout(), policy, d.strictPriority(), d.randomFirst(), d.endgame(), d.banThreshold(),
                d.redundantHave(), d.haveBatch(), d.pex(), d.pexInterval());
    }

    /** 8 pieces of 4 blocks; pieces 2, 5 and 6 started, held by 5, 2 and 2 neighbours; the peer has 2, 5, 6. */
    private static Session session(Enums.PiecePolicy policy) {
        TorrentSpec spec = new TorrentSpec("t", 8 * 64 * 1024, 64 * 1024);
        Session s = new Session(null, 0, spec, null, Enums.Role.PEER, with(policy));
        int[] avail = {9, 9, 5, 9, 9, 2, 2, 9};
        System.arraycopy(avail, 0, s.avail, 0, avail.length);
        for (int piece : new int[] {2, 5, 6}) {
            PieceProgress pp = new PieceProgress(piece, 4, 64 * 1024, false);
            pp.requests[0] = 1; // block 0 already asked for
            s.inProgress.put(piece, pp);
            s.started.set(piece);
        }
        return s;
    }

    private static Connection peerWith(int... pieces) {
        Connection c = new Connection(99, 0, 5);
        for (int p : pieces) {
            c.peerHave.set(p);
        }
        return c;
    }

    @Test
    void rarestFirstTakesTheRarestStartedPieceLowestNumberOnTies() {
        Session s = session(Enums.PiecePolicy.RAREST_FIRST);
        assertEquals(Session.key(5, 1), s.startedBlock(peerWith(2, 5, 6)));
        assertEquals(Session.key(6, 1), s.startedBlock(peerWith(2, 6)));
        assertEquals(Session.key(2, 1), s.startedBlock(peerWith(2, 7)));
        assertEquals(-1, s.startedBlock(peerWith(0, 1, 7)));
        // a rare piece with no free block left is passed over
        s.inProgress.get(5).requests[1] = s.inProgress.get(5).requests[2] = s.inProgress.get(5).requests[3] = 1;
        assertEquals(Session.key(6, 1), s.startedBlock(peerWith(2, 5, 6)));
    }

    @Test
    void randomAndSequentialTakeTheLowestNumberedStartedPiece() {
        for (Enums.PiecePolicy policy : new Enums.PiecePolicy[] {Enums.PiecePolicy.RANDOM, Enums.PiecePolicy.SEQUENTIAL}) {
            Session s = session(policy);
            assertEquals(Session.key(2, 1), s.startedBlock(peerWith(2, 5, 6)), policy.name());
            assertEquals(Session.key(5, 1), s.startedBlock(peerWith(5, 6)), policy.name());
        }
    }
}
