package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bitswarm.protocol.choke.RandomChoker;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.Peer;
import org.junit.jupiter.api.Test;

/** The chokers alone, on a hand-built view: who gets the regular slots, the optimistic one, and nobody's. */
class ChokerTest {
    private static final long S = 1_000_000_000L;

    /** Eight interested peers; peer i sent i * 10 KiB this round (peer 0 nothing). */
    private static FakeSwarm swarm() {
        FakeSwarm v = new FakeSwarm(4, 1, 1, 1, 1, 1);
        v.now = 100 * S;
        for (int i = 0; i < 8; i++) {
            FakeSwarm.FakePeer p = new FakeSwarm.FakePeer(i);
            p.thisRound = i * 10_240L;
            p.lastBlockAt = v.now - S;
            p.rateOut = (8 - i) * 1000L;
            v.peers.add(p);
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
    void titForTatGivesTheRegularSlotsToTheBestUploadersAndOneOptimistic() {
        FakeSwarm v = swarm();
        Choker c = TitForTatChoker.Config.defaults().create();
        for (int round = 0; round < 6; round++) {
            Set<Long> u = ids(c.rechoke(v));
            assertEquals(4, u.size(), "4 slots");
            assertTrue(u.containsAll(Set.of(7L, 6L, 5L)), "the three fastest reciprocate: " + u);
        }
    }

    @Test
    void aSnubbingPeerLosesItsRegularSlot() {
        FakeSwarm v = swarm();
        v.peers.get(7).lastBlockAt = v.now - 31 * S;
        Set<Long> u = ids(TitForTatChoker.Config.defaults().create().rechoke(v));
        assertTrue(u.containsAll(Set.of(6L, 5L, 4L)), "the next three take the regular slots: " + u);
        Set<Long> off = ids(TitForTatChoker.Config.defaults().withAntiSnubbing(false).create().rechoke(v));
        assertTrue(off.containsAll(Set.of(7L, 6L, 5L)), "without anti-snubbing the snubber keeps its slot: " + off);
    }

    @Test
    void aSeedRanksByWhatItSent() {
        FakeSwarm v = swarm();
        v.seeding = true;
        Set<Long> u = ids(TitForTatChoker.Config.defaults().create().rechoke(v));
        assertTrue(u.containsAll(Set.of(0L, 1L, 2L)), "a seed keeps the peers it serves fastest: " + u);
    }

    @Test
    void onlyPeersThatGaveSomethingAreReciprocated() {
        FakeSwarm v = swarm();
        for (FakeSwarm.FakePeer p : v.peers) {
            p.thisRound = p.id == 3 ? 5000 : 0;
        }
        // 1 regular slot (peer 3), then the optimistic one and the two left over: random peers
        Set<Long> u = ids(TitForTatChoker.Config.defaults().create().rechoke(v));
        assertEquals(4, u.size());
        assertTrue(u.contains(3L));
    }

    @Test
    void aFreeRiderUnchokesNobodyAndUninterestedPeersAreSkipped() {
        FakeSwarm v = swarm();
        v.uploads = false;
        assertTrue(TitForTatChoker.Config.defaults().create().rechoke(v).isEmpty());
        FakeSwarm w = swarm();
        for (FakeSwarm.FakePeer p : w.peers) {
            p.peerInterested = p.id == 2;
        }
        assertEquals(Set.of(2L), ids(TitForTatChoker.Config.defaults().create().rechoke(w)));
    }

    @Test
    void theOptimisticSlotRotatesOnlyEveryThirdRechoke() {
        FakeSwarm v = swarm();
        for (FakeSwarm.FakePeer p : v.peers) {
            p.thisRound = 0; // nobody reciprocates: one optimistic slot plus three random extras
        }
        Choker c = new TitForTatChoker.Config(1, 10 * S, 30 * S, 3, true, 30 * S, true).create();
        List<Peer> first = c.rechoke(v);
        assertEquals(1, first.size());
        assertEquals(first, c.rechoke(v), "kept at the second rechoke");
        assertEquals(first, c.rechoke(v), "kept at the third rechoke");
        Set<Long> seen = new HashSet<>(ids(first));
        for (int i = 0; i < 30; i++) {
            seen.addAll(ids(c.rechoke(v)));
        }
        assertTrue(seen.size() > 2, "then it rotates: " + seen);
    }

    @Test
    void randomChokerIgnoresRates() {
        FakeSwarm v = swarm();
        Choker c = RandomChoker.Config.defaults().create();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            seen.addAll(ids(c.rechoke(v)));
        }
        assertTrue(seen.contains(0L) && seen.contains(1L), "slow peers get regular slots too: " + seen);
        assertFalse(c.unchokeAtOnce(full(v), v.peers.get(0)), "no free slot, no unchoke between rechokes");
    }

    /** Marks the peers the choker chose as unchoked, the others as choked (what the session does). */
    private static void apply(FakeSwarm v, List<Peer> unchoke) {
        Set<Long> u = ids(unchoke);
        for (FakeSwarm.FakePeer p : v.peers) {
            p.amChoking = !u.contains(p.id);
        }
    }

    @Test
    void aSlotFreedByAPeerThatLostInterestIsRefilledAtOnce() {
        FakeSwarm v = swarm();
        Choker c = TitForTatChoker.Config.defaults().create();
        List<Peer> first = c.rechoke(v);
        apply(v, first);
        Set<Long> before = ids(first);
        FakeSwarm.FakePeer leaving = v.peers.get(7); // a regular slot (the fastest uploader to us)
        assertTrue(before.contains(7L));
        leaving.peerInterested = false;
        List<Peer> now = c.released(v);
        assertEquals(4, now.size(), "the four slots are full again at once: " + ids(now));
        assertFalse(ids(now).contains(7L), "the peer that lost interest is choked");
        assertTrue(ids(now).containsAll(Set.of(6L, 5L, 4L)), "the next best peer takes the regular slot: " + ids(now));
        assertFalse(TitForTatChoker.Config.defaults().withRechokeOnLeave(false).create().released(v) != null,
                "rechoke_on_leave: false waits for the next rechoke");
    }

    @Test
    void aRechokeOnLeaveKeepsTheOptimisticUnchokeAndItsRotation() {
        FakeSwarm v = swarm();
        for (FakeSwarm.FakePeer p : v.peers) {
            p.thisRound = 0; // nobody reciprocates: one optimistic slot only
        }
        Choker c = new TitForTatChoker.Config(2, 10 * S, 30 * S, 3, true, 30 * S, true).create();
        List<Peer> first = c.rechoke(v);
        apply(v, first);
        assertEquals(2, first.size(), "the optimistic slot and one random extra");
        // the optimistic peer is the first one chosen; the extra disconnects
        Peer opt = first.get(0);
        Peer extra = first.get(1);
        v.peers.removeIf(p -> p.id == extra.id());
        for (int i = 0; i < 10; i++) {
            List<Peer> now = c.released(v);
            assertEquals(2, now.size());
            assertEquals(opt, now.get(0), "the optimistic peer keeps its slot through rechokes on leave");
            apply(v, now);
        }
        // rechokes on leave do not count towards the rotation: the second and third timer rechokes keep it
        assertEquals(opt, c.rechoke(v).get(0));
        assertEquals(opt, c.rechoke(v).get(0));
        // and when the optimistic peer itself leaves, another interested peer takes its slot
        v.peers.stream().filter(p -> p.id == opt.id()).forEach(p -> p.open = false); // the session closes it first
        v.peers.removeIf(p -> p.id == opt.id());
        List<Peer> now = c.released(v);
        assertEquals(2, now.size());
        assertFalse(ids(now).contains(opt.id()));
    }

    private static FakeSwarm full(FakeSwarm v) {
        for (int i = 0; i < 4; i++) {
            v.peers.get(i).amChoking = false;
        }
        return v;
    }
}
