package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bitswarm.protocol.choke.BitTyrantChoker;
import org.bitswarm.protocol.choke.PropShareChoker;
import org.bitswarm.protocol.choke.SuperSeedChoker;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.Peer;
import org.junit.jupiter.api.Test;

/** PropShare and BitTyrant alone, on a hand-built view. */
class NewPolicyTest {
    private static final long S = 1_000_000_000L;

    private static FakeSwarm swarm(int peers) {
        FakeSwarm v = new FakeSwarm(4, 1, 1, 1, 1, 1);
        v.now = 100 * S;
        for (int i = 0; i < peers; i++) {
            v.peers.add(new FakeSwarm.FakePeer(i));
        }
        return v;
    }

    private static Set<Long> ids(List<Peer> ps) {
        Set<Long> out = new HashSet<>();
        for (Peer p : ps) {
            out.add(p.id());
        }
        return out;
    }

    @Test
    void propShareRewardsInProportionAndKeepsAnOptimisticShare() {
        FakeSwarm v = swarm(6);
        v.peers.get(3).thisRound = 5_000;
        v.peers.get(5).thisRound = 15_000;
        Choker c = PropShareChoker.Config.defaults().create();
        for (int round = 0; round < 10; round++) {
            List<Peer> u = c.rechoke(v);
            assertEquals(3, u.size(), "both contributors and one optimistic");
            assertTrue(ids(u).containsAll(Set.of(3L, 5L)));
            assertEquals(0.2, c.weight(v.peers.get(3)), 1e-12);
            assertEquals(0.6, c.weight(v.peers.get(5)), 1e-12);
            for (Peer p : u) {
                if (p.id() != 3 && p.id() != 5) {
                    assertEquals(0.2, c.weight(p), 1e-12, "the optimistic peer gets the rest");
                }
            }
        }
    }

    @Test
    void propShareGivesAFreeRiderOnlyTheOptimisticShare() {
        FakeSwarm v = swarm(3);
        v.peers.get(0).thisRound = 10_000;
        v.peers.get(1).thisRound = 10_000;
        Choker c = PropShareChoker.Config.defaults().create();
        c.rechoke(v);
        assertEquals(0.4, c.weight(v.peers.get(0)), 1e-12);
        assertEquals(0.2, c.weight(v.peers.get(2)), 1e-12, "peer 2 gave nothing: the optimistic 20 %");
        v.uploads = false;
        assertTrue(c.rechoke(v).isEmpty(), "a session that does not upload unchokes nobody");
    }

    @Test
    void superSeedingOffersOneRarePieceAtATimeAndServesOnlyThat() {
        FakeSwarm v = new FakeSwarm(4, 1, 3, 1, 2, 1);
        v.seeding = true;
        FakeSwarm.FakePeer a = new FakeSwarm.FakePeer(1);
        FakeSwarm.FakePeer b = new FakeSwarm.FakePeer(2);
        v.peers.add(a);
        v.peers.add(b);
        Choker c = SuperSeedChoker.Config.defaults().create();
        assertTrue(!c.showsPieces(v), "a seed hides its pieces");
        int first = c.offer(v, a);
        assertTrue(first == 1 || first == 3, "one of the rarest: " + first);
        int second = c.offer(v, b);
        assertEquals(first == 1 ? 3 : 1, second, "another peer gets the other rare piece, not offered before");
        assertEquals(-1, c.offer(v, a), "no second piece before the first was seen elsewhere");
        assertTrue(c.serves(v, a, first) && !c.serves(v, a, second), "a peer is served only its offers");
        a.pieces.set(first);
        v.availability(first, 2); // a announced it: still not at another peer
        assertEquals(-1, c.offer(v, a));
        v.availability(first, 3); // another neighbour announced it too
        assertTrue(c.offer(v, a) >= 0, "then the next piece");
        FakeSwarm leeching = new FakeSwarm(4, 1, 1, 1, 1, 1);
        assertTrue(c.showsPieces(leeching), "not a seed: an ordinary client");
    }

    @Test
    void superSeedingOffersTheNextPieceWhenTheLastStaysUnseenForTwoRechokes() {
        FakeSwarm v = new FakeSwarm(4, 1, 3, 1, 2, 1);
        v.seeding = true;
        v.now = 100 * S;
        FakeSwarm.FakePeer a = new FakeSwarm.FakePeer(1);
        v.peers.add(a);
        Choker c = SuperSeedChoker.Config.defaults().create();
        int first = c.offer(v, a);
        assertTrue(first >= 0);
        v.now += 19 * S; // a holds it, but sends the seed no HAVE for a piece the seed announced
        assertEquals(-1, c.offer(v, a), "within two rechoke intervals: wait for it to spread");
        v.now += S;
        int next = c.offer(v, a);
        assertTrue(next >= 0 && next != first, "then the next piece, or the peer starves: " + next);
        v.peers.set(0, new FakeSwarm.FakePeer(1)); // a reconnects: it never saw the last HAVE
        assertTrue(c.offer(v, v.peers.get(0)) >= 0, "a new connection gets an offer at once");
    }

    @Test
    void bitTyrantFillsItsCapacityBestRatioFirstAndAdaptsWhatItPays() {
        FakeSwarm v = swarm(8);
        v.uploadRate = 1_000_000; // 1.25 MB per 10 s round
        double cap = 1_250_000;
        Choker c = BitTyrantChoker.Config.defaults().create();
        List<Peer> first = c.rechoke(v);
        assertEquals(4, first.size(), "u_p starts at capacity / 4");
        for (Peer p : first) {
            assertEquals(cap / 4, c.weight(p), 1e-6);
            ((FakeSwarm.FakePeer) p).amChoking = false;
        }
        // Round 2: peer 7 (if unchoked or not) sends a lot, the others nothing.
        FakeSwarm.FakePeer generous = v.peers.get(7);
        generous.thisRound = 400_000;
        List<Peer> second = c.rechoke(v);
        assertTrue(ids(second).contains(7L), "the best reciprocation per byte is unchoked: " + ids(second));
        for (Peer p : second) {
            if (p.id() != 7 && ids(first).contains(p.id())) {
                assertEquals(cap / 4 * 1.2, c.weight(p), 1e-6, "no reciprocation: pay 20 % more");
            }
        }
        // Three rounds of reciprocation in a row: pay 10 % less.
        double before = c.weight(generous);
        c.rechoke(v);
        c.rechoke(v);
        assertEquals(before * 0.9, c.weight(generous), 1e-6);
        double sum = 0;
        for (Peer p : c.rechoke(v)) {
            sum += c.weight(p);
        }
        assertTrue(sum <= cap + 1e-6, "the unchoked peers' payments fit the capacity: " + sum);
    }
}
