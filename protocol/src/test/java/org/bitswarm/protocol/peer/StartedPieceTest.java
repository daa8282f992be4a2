package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bitswarm.protocol.pick.RandomPicker;
import org.bitswarm.protocol.pick.RarestFirstPicker;
import org.bitswarm.protocol.pick.SequentialPicker;
import org.bitswarm.protocol.strategy.PickerConfig;
import org.bitswarm.protocol.strategy.PiecePicker;
import org.bitswarm.protocol.wire.BlockKey;
import org.junit.jupiter.api.Test;

/**
 * Strict priority, through the picker on its own (a {@link FakeSwarm} view, no session): which started piece
 * a request goes to. Under rarest-first it is the started piece the fewest neighbours have (mainline's and
 * BitTornado's {@code PiecePicker.next}); under random and sequential, the lowest-numbered one.
 */
class StartedPieceTest {
    /** 8 pieces of 4 blocks; pieces 2, 5 and 6 started (block 0 asked for), held by 5, 2 and 2 neighbours. */
    private static FakeSwarm swarm() {
        FakeSwarm v = new FakeSwarm(8, 4, 9, 9, 5, 9, 9, 2, 2, 9);
        v.start(2, 0);
        v.start(5, 0);
        v.start(6, 0);
        return v;
    }

    private static long next(PickerConfig cfg, FakeSwarm v, int... peerPieces) {
        PiecePicker picker = cfg.create();
        return picker.next(v, FakeSwarm.peer(peerPieces));
    }

    @Test
    void rarestFirstTakesTheRarestStartedPieceLowestNumberOnTies() {
        PickerConfig cfg = RarestFirstPicker.Config.defaults();
        FakeSwarm v = swarm();
        assertEquals(BlockKey.of(5, 1), next(cfg, v, 2, 5, 6));
        assertEquals(BlockKey.of(6, 1), next(cfg, v, 2, 6));
        assertEquals(BlockKey.of(2, 1), next(cfg, v, 2, 7));
        // a rare piece with no free block left is passed over
        v.request(5, 1);
        v.request(5, 2);
        v.request(5, 3);
        assertEquals(BlockKey.of(6, 1), next(cfg, v, 2, 5, 6));
    }

    @Test
    void aStrictlyRarerNewPieceGoesBeforeAStartedOneUnlessTheRuleIsAlways() {
        // Started piece 2 is held by 5 neighbours; the peer also offers new piece 1 (3 neighbours) and 7 (9).
        FakeSwarm v = new FakeSwarm(8, 4, 9, 3, 5, 9, 9, 2, 2, 9);
        v.start(2, 0);
        RarestFirstPicker.Config bitTornado = RarestFirstPicker.Config.defaults()
                .withStartedPieces(RarestFirstPicker.StartedRule.UNLESS_RARER);
        // BitTornado: the rarer new piece starts ...
        assertEquals(BlockKey.of(1, 0), next(bitTornado, v, 1, 2, 7));
        // ... but a new piece only as rare as the started one does not (strict priority holds on ties).
        assertEquals(BlockKey.of(2, 1), next(bitTornado, v, 2, 7));
        // The old rule, kept as started_pieces: always: the started piece wins whatever the peer offers.
        RarestFirstPicker.Config always = RarestFirstPicker.Config.defaults()
                .withStartedPieces(RarestFirstPicker.StartedRule.ALWAYS);
        assertEquals(BlockKey.of(2, 1), next(always, v, 1, 2, 7));
    }

    private static final int[] ALL = {0, 1, 2, 3, 4, 5, 6, 7};

    private static RarestFirstPicker.Config rule(RarestFirstPicker.StartedRule r) {
        return RarestFirstPicker.Config.defaults().withStartedPieces(r);
    }

    @Test
    void mainlineIsTheDefault() {
        assertEquals(RarestFirstPicker.StartedRule.SEEDS_FIRST, RarestFirstPicker.Config.defaults().startedPieces());
        assertEquals(RarestFirstPicker.Config.defaults(), org.bitswarm.protocol.config.ProtocolSpec.defaults().pieceSelection());
    }

    @Test
    void seedsFirstFromASeedFinishesOnlyPiecesStartedFromSeedsThenGoesRarestFirst() {
        // availability 9 3 5 9 9 2 4 9: piece 5 is the rarest; piece 2 (5 neighbours) was started from a neighbour
        FakeSwarm v = new FakeSwarm(8, 4, 9, 3, 5, 9, 9, 2, 4, 9);
        v.start(2, 0);
        RarestFirstPicker.Config mainline = rule(RarestFirstPicker.StartedRule.SEEDS_FIRST);
        // from a seed, the neighbour's started piece does not go first: the rarest piece does
        assertEquals(BlockKey.of(5, 0), next(mainline, v, ALL));
        // the old rule asks the seed for the rest of the common started piece
        assertEquals(BlockKey.of(2, 1), next(rule(RarestFirstPicker.StartedRule.ALWAYS), v, ALL));
        // from a neighbour (not a seed), started pieces go first, as in mainline's PiecePicker.next(seed=False),
        // where BitTornado would start the rarer piece 1
        assertEquals(BlockKey.of(2, 1), next(mainline, v, 1, 2, 7));
        assertEquals(BlockKey.of(1, 0), next(rule(RarestFirstPicker.StartedRule.UNLESS_RARER), v, 1, 2, 7));
        // once piece 2 was asked of a seed, the seed is asked for the rest of it first, rarer pieces or not
        v.fromSeed(2);
        assertEquals(BlockKey.of(2, 1), next(mainline, v, ALL));
        assertEquals(BlockKey.of(5, 0), next(rule(RarestFirstPicker.StartedRule.UNLESS_RARER), v, ALL));
    }

    @Test
    void seedsFirstFromASeedTakesANeighboursStartedPieceWhenItIsTheRarest() {
        FakeSwarm v = new FakeSwarm(8, 4, 9, 3, 5, 9, 9, 2, 4, 9);
        v.start(5, 0);
        v.start(2, 0, 1, 2, 3);
        v.fromSeed(2); // started from a seed, but no block left to ask for
        // piece 5 was started from a neighbour and is the rarest wanted piece: its next free block
        assertEquals(BlockKey.of(5, 1), next(rule(RarestFirstPicker.StartedRule.SEEDS_FIRST), v, ALL));
    }

    @Test
    void libtorrentGoesRarestFirstUntilThereAreMorePartialsThanOneAndAHalfPerConnection() {
        FakeSwarm v = new FakeSwarm(8, 4, 9, 3, 5, 9, 9, 2, 2, 9);
        v.connections = 2; // bound: more than 2 * 3 / 2 = 3 partial pieces
        RarestFirstPicker.Config lt = rule(RarestFirstPicker.StartedRule.LIBTORRENT);
        v.start(2, 0);
        v.start(0, 0);
        v.start(3, 0);
        // 3 partials: as BitTornado, the strictly rarer new piece 1 starts
        assertEquals(BlockKey.of(1, 0), next(lt, v, 1, 2, 7));
        v.start(4, 0);
        // 4 > 3: prioritize_partials, the (rarest) started piece this peer has goes first
        assertEquals(BlockKey.of(2, 1), next(lt, v, 1, 2, 7));
        assertEquals(BlockKey.of(1, 0), next(rule(RarestFirstPicker.StartedRule.UNLESS_RARER), v, 1, 2, 7));
        // a piece with every block requested is no longer partial (libtorrent's piece_full): back to 3
        v.request(4, 1);
        v.request(4, 2);
        v.request(4, 3);
        assertEquals(BlockKey.of(1, 0), next(lt, v, 1, 2, 7));
        // more connections raise the bound
        v.start(6, 0);
        assertEquals(BlockKey.of(2, 1), next(lt, v, 1, 2, 7));
        v.connections = 3;
        assertEquals(BlockKey.of(1, 0), next(lt, v, 1, 2, 7));
    }

    @Test
    void libtorrentAlsoCapsPartialPiecesAt2048Blocks() {
        // 12 pieces of 256 blocks (4 MiB pieces); many connections, so only the block cap can bind
        FakeSwarm v = new FakeSwarm(12, 256, 9, 3, 5, 9, 9, 9, 9, 9, 9, 9, 9, 9);
        v.connections = 100;
        RarestFirstPicker.Config lt = rule(RarestFirstPicker.StartedRule.LIBTORRENT);
        for (int p = 2; p <= 9; p++) {
            v.start(p, 0);
        }
        // 8 x 256 = 2048 blocks: not above the cap, the rarer new piece 1 starts
        assertEquals(BlockKey.of(1, 0), next(lt, v, 1, 2));
        v.start(10, 0);
        // 9 x 256 = 2304 > 2048
        assertEquals(BlockKey.of(2, 1), next(lt, v, 1, 2));
    }

    @Test
    void theRandomFirstPiecesKeepStrictPriority() {
        FakeSwarm v = new FakeSwarm(8, 4, 9, 3, 5, 9, 9, 2, 2, 9);
        v.start(2, 0);
        v.haveCount(1);
        // fewer than random_first (4) pieces held: finishing the started piece comes first, rarer or not
        assertEquals(BlockKey.of(2, 1), next(RarestFirstPicker.Config.defaults(), v, 1, 2, 7));
    }

    @Test
    void randomAndSequentialTakeTheLowestNumberedStartedPiece() {
        for (PickerConfig cfg : new PickerConfig[] {RandomPicker.Config.defaults(), SequentialPicker.Config.defaults()}) {
            FakeSwarm v = swarm();
            assertEquals(BlockKey.of(2, 1), next(cfg, v, 2, 5, 6), cfg.toString());
            assertEquals(BlockKey.of(5, 1), next(cfg, v, 5, 6), cfg.toString());
        }
    }

    @Test
    void withoutAStartedPieceTheRarestNewPieceStarts() {
        // random_first 0: straight to rarest first; pieces 0, 1 and 7 are new, 1 is the rarest
        FakeSwarm v = new FakeSwarm(8, 4, 9, 3, 5, 9, 9, 2, 2, 4);
        v.haveCount(0);
        PiecePicker picker = new RarestFirstPicker.Config(true, 0, true).create();
        assertEquals(BlockKey.of(1, 0), picker.next(v, FakeSwarm.peer(0, 1, 7)));
        assertEquals(-1, picker.next(v, FakeSwarm.peer()));
    }

    @Test
    void sequentialStartsTheLowestNewPiece() {
        FakeSwarm v = new FakeSwarm(8, 4, 1, 1, 1, 1, 1, 1, 1, 1);
        PiecePicker picker = new SequentialPicker.Config(true, 0, true).create();
        assertEquals(BlockKey.of(3, 0), picker.next(v, FakeSwarm.peer(3, 6)));
    }

    @Test
    void endgameAsksASecondPeerForARequestedBlockOnlyOnceEverythingIsRequested() {
        // 2 pieces of 2 blocks; piece 0 held, piece 1 started with both blocks requested from someone else
        FakeSwarm v = new FakeSwarm(2, 2, 1, 1);
        v.hold(0);
        v.start(1, 0);
        v.request(1, 1);
        assertEquals(BlockKey.of(1, 0), next(RarestFirstPicker.Config.defaults(), v, 0, 1));
        assertEquals(-1, next(RarestFirstPicker.Config.defaults().withEndgame(false), v, 0, 1));
    }
}
