package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.content.Content;
import org.junit.jupiter.api.Test;

/**
 * A partial piece in bytes mode holds only the blocks that arrived ahead of a gap (no piece-sized buffer), and
 * its hash verdict is the one over the assembled piece, whatever order the blocks came in.
 */
class PieceProgressTest {
    /** 2 pieces of 256 KiB (16 blocks of 16 KiB); the second piece is shorter (100 KiB: 7 blocks, the last 4 KiB). */
    private static final TorrentSpec SPEC = new TorrentSpec("t", 356 * 1024, 256 * 1024);

    private static Content content(Enums.HashAlgo algo) {
        return new Content(SPEC, 7, 0, algo);
    }

    private static PieceProgress receive(Content c, int piece, int[] order, int garbled) {
        PieceProgress pp = new PieceProgress(piece, SPEC.blocksIn(piece), true);
        for (int b : order) {
            byte[] data = c.block(piece, b);
            if (b == garbled) {
                data[data.length - 1] ^= 1;
            }
            pp.addBytes(c, b, data);
        }
        return pp;
    }

    @Test
    void inOrderBlocksAreHashedOnArrivalAndNoneIsKept() {
        Content c = content(Enums.HashAlgo.SHA1);
        PieceProgress pp = new PieceProgress(0, 16, true);
        for (int b = 0; b < 16; b++) {
            pp.addBytes(c, b, c.block(0, b));
            assertEquals(0, pp.bytesHeld(), "block " + b);
        }
        assertTrue(pp.bytesCheck(c));
    }

    @Test
    void blocksAheadOfAGapAreKeptUntilItFillsThenReleased() {
        Content c = content(Enums.HashAlgo.SHA1);
        PieceProgress pp = new PieceProgress(0, 16, true);
        for (int b = 15; b >= 1; b--) {
            pp.addBytes(c, b, c.block(0, b));
        }
        assertEquals(15 * TorrentSpec.BLOCK, pp.bytesHeld());
        pp.addBytes(c, 0, c.block(0, 0));
        assertEquals(0, pp.bytesHeld());
        assertTrue(pp.bytesCheck(c));
    }

    @Test
    void theVerdictIsTheAssembledPiecesInAnyOrderAndForAShortLastPiece() {
        for (Enums.HashAlgo algo : Enums.HashAlgo.values()) {
            Content c = content(algo);
            int[] shuffled = {3, 0, 6, 1, 5, 2, 4};
            assertEquals(7, SPEC.blocksIn(1));
            assertTrue(receive(c, 1, shuffled, -1).bytesCheck(c), algo.toString());
            assertFalse(receive(c, 1, shuffled, 6).bytesCheck(c), algo + ": a garbled short last block");
            assertFalse(receive(c, 1, shuffled, 0).bytesCheck(c), algo + ": a garbled first block");
            // the same piece assembled into one buffer, as before: the same verdicts
            byte[] whole = new byte[SPEC.pieceLength(1)];
            for (int b = 0; b < 7; b++) {
                byte[] d = c.block(1, b);
                System.arraycopy(d, 0, whole, b * TorrentSpec.BLOCK, d.length);
            }
            assertTrue(c.verify(1, whole, whole.length));
        }
    }
}
