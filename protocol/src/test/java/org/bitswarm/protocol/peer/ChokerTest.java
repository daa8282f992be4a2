package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bitswarm.protocol.choke.MainlineChoker;
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
        Choker c = new TitForTatChoker.Config(1, 10 * S, 30 * S, 3, true, 30 * S, true, false).create();
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
        Choker c = new TitForTatChoker.Config(2, 10 * S, 30 * S, 3, true, 30 * S, true, false).create();
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
    @Test
    void slotsZeroFollowsMainlineAutomaticCountFromTheUploadRate() {
        // mainline 4.x download.py _set_auto_uploads, the rate in KiB/s
        assertEquals(7, MainlineChoker.autoSlots(0), "no limit");
        assertEquals(2, MainlineChoker.autoSlots(8 * 8 * 1024), "8 KiB/s");
        assertEquals(3, MainlineChoker.autoSlots(14 * 8 * 1024), "14 KiB/s");
        assertEquals(4, MainlineChoker.autoSlots(41 * 8 * 1024), "41 KiB/s");
        assertEquals(8, MainlineChoker.autoSlots(1_000_000), "1 Mbit/s = 122 KiB/s: sqrt(73.2)");
        assertEquals(17, MainlineChoker.autoSlots(4_000_000), "4 Mbit/s: sqrt(293)");
        FakeSwarm v = swarm();
        for (int i = 8; i < 20; i++) {
            FakeSwarm.FakePeer p = new FakeSwarm.FakePeer(i);
            p.thisRound = i * 10_240L;
            p.lastBlockAt = v.now - S;
            v.peers.add(p);
        }
        TitForTatChoker.Config auto = TitForTatChoker.Config.defaults().withSlots(0);
        v.uploadRate = 1_000_000;
        assertEquals(8, auto.create().rechoke(v).size(), "8 slots at 1 Mbit/s");
        v.uploadRate = 4_000_000;
        Set<Long> u = ids(auto.create().rechoke(v));
        assertEquals(17, u.size(), "17 slots at 4 Mbit/s");
        for (long id = 4; id < 20; id++) {
            assertTrue(u.contains(id), "the 16 regular slots go to the best uploaders, 4 to 19: " + u);
        }
        assertEquals(4, TitForTatChoker.Config.defaults().create().rechoke(v).size(), "the default keeps 4");
    }

    @Test
    void rechokeOnConnectRanksTheSlotsAgainWhenAConnectionOpens() {
        FakeSwarm v = swarm();
        TitForTatChoker.Config base = TitForTatChoker.Config.defaults();
        assertEquals(null, base.create().connected(v), "by default a new connection waits for the next rechoke");
        Choker on = new TitForTatChoker.Config(base.slots(), base.rechokeInterval(), base.optimisticInterval(),
                base.newConnectionWeight(), base.antiSnubbing(), base.snubTimeout(), base.rechokeOnLeave(), true).create();
        Set<Long> first = ids(on.rechoke(v));
        assertTrue(first.containsAll(Set.of(7L, 6L, 5L)), "the three fastest: " + first);
        // peer 2 has become the fastest since; a connection opens before the next rechoke
        v.peers.get(2).thisRound = 200_000;
        v.peers.add(new FakeSwarm.FakePeer(8));
        v.peers.get(8).peerInterested = false;
        Set<Long> after = ids(on.connected(v));
        assertEquals(4, after.size());
        assertTrue(after.containsAll(Set.of(2L, 7L, 6L)), "ranked again on the current rates: " + after);
        assertFalse(after.contains(8L), "the new peer is not interested yet");
    }
}
