package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bitswarm.protocol.choke.LibtorrentChoker;
import org.bitswarm.protocol.choke.LibtorrentChoker.SeedChoking;
import org.bitswarm.protocol.strategy.Choker;
import org.bitswarm.protocol.strategy.Peer;
import org.junit.jupiter.api.Test;

/**
 * libtorrent's unchoker alone, on a hand-built view: a seed rotates its slots by round robin once a peer has its
 * piece quota, fastest_upload does not; a leecher reciprocates last round's bytes; the optimistic slot goes to
 * the peer waiting longest.
 */
class LibtorrentChokerTest {
    private static final long S = 1_000_000_000L;

    /** {@code n} interested peers around a session at t = 100 s. */
    private static FakeSwarm swarm(int n) {
        FakeSwarm v = new FakeSwarm(4, 1, 1, 1, 1, 1);
        v.now = 100 * S;
        for (int i = 0; i < n; i++) {
            v.peers.add(new FakeSwarm.FakePeer(i));
        }
        return v;
    }

    /**
     * One rechoke as the session applies it: the peers returned are unchoked, the others choked; during the next
     * round every unchoked peer receives {@code sentPerRound} bytes; the clock moves on by the rechoke interval.
     */
    private static Set<Long> round(FakeSwarm v, Choker c, long sentPerRound) {
        List<Peer> u = c.rechoke(v);
        Set<Long> ids = new HashSet<>();
        for (Peer p : u) {
            ids.add(p.id());
        }
        for (FakeSwarm.FakePeer p : v.peers) {
            p.amChoking = !ids.contains(p.id);
            p.outThisRound = p.amChoking ? 0 : sentPerRound;
        }
        v.now += c.interval();
        return ids;
    }

    @Test
    void aSeedRotatesItsSlotsOnceAPeerHasItsQuota() {
        FakeSwarm v = swarm(16);
        v.seeding = true;
        // 20 pieces of 256 KiB = 5 MiB per quota; 1.5 MiB per 15 s round: the quota is full after 4 rounds (60 s),
        // and the minute has passed after 5
        Choker c = LibtorrentChoker.Config.defaults().create();
        Set<Long> everUnchoked = new HashSet<>();
        Set<Long> first = null;
        for (int r = 0; r < 24; r++) {
            Set<Long> u = round(v, c, 1536 * 1024);
            assertEquals(8, u.size(), "8 slots, one of them optimistic");
            if (first == null) {
                first = u;
            }
            everUnchoked.addAll(u);
        }
        assertEquals(16, everUnchoked.size(), "round robin: every peer had a slot");
        FakeSwarm w = swarm(16);
        w.seeding = true;
        Choker fastest = LibtorrentChoker.Config.defaults().withSeedChoking(SeedChoking.FASTEST_UPLOAD).create();
        Set<Long> regularFirst = null;
        for (int r = 0; r < 24; r++) {
            Set<Long> u = round(w, fastest, 1536 * 1024);
            if (r == 0) {
                regularFirst = new HashSet<>(u);
            }
            if (r >= 1) {
                // the 7 regular peers it served keep their slots; only the optimistic one changes
                Set<Long> kept = new HashSet<>(u);
                kept.retainAll(regularFirst);
                assertTrue(kept.size() >= 7, "fastest_upload keeps the peers it serves: " + u + " vs " + regularFirst);
            }
        }
    }

    @Test
    void aPeerKeepsItsSlotUntilItHasTheQuotaAndAMinute() {
        FakeSwarm v = swarm(16);
        v.seeding = true;
        Choker c = LibtorrentChoker.Config.defaults().create();
        Set<Long> r0 = round(v, c, 1536 * 1024);
        // 15 s, 30 s, 45 s, 60 s: under a minute or under the quota, so the regular seven stay
        for (int r = 1; r <= 4; r++) {
            Set<Long> u = round(v, c, 1536 * 1024);
            Set<Long> kept = new HashSet<>(u);
            kept.retainAll(r0);
            assertTrue(kept.size() >= 7, "round " + r + ": the first peers keep their slots " + u + " vs " + r0);
        }
        // 75 s and 7.5 MiB: quota and minute done, they give way to the peers that waited
        Set<Long> u = round(v, c, 1536 * 1024);
        Set<Long> kept = new HashSet<>(u);
        kept.retainAll(r0);
        assertTrue(kept.size() <= 1, "after the quota the waiting peers get the slots: " + u + " vs " + r0);
        // a tiny quota with a slow uplink: under the quota nobody rotates even after the minute
        FakeSwarm w = swarm(16);
        w.seeding = true;
        Choker big = LibtorrentChoker.Config.defaults().withSeedingPieceQuota(1000).create();
        Set<Long> w0 = round(w, big, 1536 * 1024);
        for (int r = 1; r <= 8; r++) {
            Set<Long> x = round(w, big, 1536 * 1024);
            x.retainAll(w0);
            assertTrue(x.size() >= 7, "quota of 1000 pieces not reached: no rotation");
        }
    }

    @Test
    void aLeecherReciprocatesLastRoundsBytesAndFillsTheRestWithoutThem() {
        FakeSwarm v = swarm(12);
        for (FakeSwarm.FakePeer p : v.peers) {
            p.thisRound = p.id == 3 || p.id == 5 || p.id == 9 ? 10_000 * p.id : 0;
        }
        Set<Long> u = new HashSet<>();
        for (Peer p : LibtorrentChoker.Config.defaults().create().rechoke(v)) {
            u.add(p.id());
        }
        assertEquals(8, u.size(), "slots are filled even by peers that sent nothing (no mainline rank > 0 rule)");
        assertTrue(u.containsAll(Set.of(3L, 5L, 9L)), "the peers that sent us data are reciprocated: " + u);
    }

    @Test
    void theOptimisticSlotGoesToThePeerWaitingLongestAndRotatesEveryOptimisticInterval() {
        FakeSwarm v = swarm(10);
        // peers 0..6 uploaded to us and hold the 7 regular slots; 7, 8, 9 (choked) compete for the optimistic one
        for (FakeSwarm.FakePeer p : v.peers) {
            p.thisRound = p.id < 7 ? 1000 * (p.id + 1) : 0;
            p.amChoking = p.id >= 7;
        }
        Choker c = LibtorrentChoker.Config.defaults().create();
        Set<Long> opts = new HashSet<>();
        Set<Long> prev = null;
        for (int r = 0; r < 6; r++) {
            Set<Long> u = round(v, c, 0);
            assertTrue(u.containsAll(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L)), "regular slots: " + u);
            Set<Long> opt = new HashSet<>(u);
            opt.removeAll(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L));
            assertEquals(1, opt.size(), "one optimistic slot (a fifth of 8, at least 1)");
            if (r % 2 == 1) {
                assertEquals(prev, opt, "held for 30 s = two 15 s rechokes");
            }
            prev = opt;
            opts.addAll(opt);
        }
        assertEquals(Set.of(7L, 8L, 9L), opts, "in turn, longest waiting first: every waiting peer had it");
    }

    @Test
    void aFreeRiderUnchokesNobodyAndAFreeSlotIsFilledAtOnce() {
        FakeSwarm v = swarm(4);
        Choker c = LibtorrentChoker.Config.defaults().create();
        v.uploads = false;
        assertTrue(c.rechoke(v).isEmpty());
        v.uploads = true;
        assertTrue(c.unchokeAtOnce(v, v.peers.get(0)), "4 of 8 slots free");
        for (FakeSwarm.FakePeer p : v.peers) {
            p.amChoking = false;
        }
        for (int i = 4; i < 8; i++) {
            FakeSwarm.FakePeer p = new FakeSwarm.FakePeer(i);
            p.amChoking = false;
            v.peers.add(p);
        }
        assertFalse(c.unchokeAtOnce(v, new FakeSwarm.FakePeer(99)), "all 8 slots taken");
    }

    @Test
    void aPeerThatLeavesFreesItsSlotAtOnce() {
        FakeSwarm v = swarm(10);
        v.seeding = true;
        LibtorrentChoker c = (LibtorrentChoker) LibtorrentChoker.Config.defaults().create();
        Set<Long> u = round(v, c, 1024);
        assertEquals(8, u.size());
        FakeSwarm.FakePeer gone = null;
        for (FakeSwarm.FakePeer p : v.peers) {
            if (!p.amChoking) {
                gone = p;
            }
        }
        gone.peerInterested = false;
        Set<Long> after = new HashSet<>();
        for (Peer p : c.released(v)) {
            after.add(p.id());
        }
        assertEquals(8, after.size(), "the freed slot is refilled");
        assertFalse(after.contains(gone.id), "not the peer that lost interest");
        Set<Long> kept = new HashSet<>(after);
        kept.retainAll(u);
        assertEquals(7, kept.size(), "the others keep their slots");
        LibtorrentChoker off = (LibtorrentChoker) LibtorrentChoker.Config.defaults().withRechokeOnLeave(false).create();
        assertEquals(null, off.released(v), "rechoke_on_leave false: wait for the next rechoke");
    }
}
