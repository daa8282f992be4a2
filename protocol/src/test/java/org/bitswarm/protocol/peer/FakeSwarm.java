package org.bitswarm.protocol.peer;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.bitswarm.protocol.strategy.ChokeView;
import org.bitswarm.protocol.strategy.Peer;
import org.bitswarm.protocol.strategy.PickView;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;

/**
 * A hand-built session view for testing a strategy alone: pieces held, pieces started, availability, peers.
 * Everything a picker or choker may read, and nothing else.
 */
final class FakeSwarm implements PickView, ChokeView {
    private final int pieces;
    private final int blocks;
    private final int[] avail;
    private final BitSet have = new BitSet();
    private int haveCount;
    private final TreeMap<Integer, PieceProgress> started = new TreeMap<>();
    final java.util.List<FakePeer> peers = new java.util.ArrayList<>();
    long now;
    boolean seeding;
    boolean uploads = true;
    long uploadRate = 1_000_000;
    long pieceBytes = 256 * 1024;
    /** Open connections, as the picker sees them. */
    int connections = 10;
    private final RandomStream rng = new MRG32k3a();

    FakeSwarm(int pieces, int blocks, int... avail) {
        this.pieces = pieces;
        this.blocks = blocks;
        this.avail = avail.clone();
        this.haveCount = 4; // past mainline's random-first phase unless a test says otherwise
    }

    void availability(int piece, int n) {
        avail[piece] = n;
    }

    void haveCount(int n) {
        haveCount = n;
    }

    void hold(int piece) {
        have.set(piece);
        haveCount = have.cardinality();
    }

    /** Starts a piece with the given blocks already requested. */
    void start(int piece, int... requested) {
        // the session's own record of a started piece (digest mode: no byte buffer)
        PieceProgress s = new PieceProgress(piece, blocks, false);
        for (int b : requested) {
            s.requests[b]++;
        }
        started.put(piece, s);
    }

    /** Marks a started piece as requested from a seed (mainline's seedstarted). */
    void fromSeed(int piece) {
        started.get(piece).fromSeed = true;
    }

    void request(int piece, int block) {
        started.get(piece).requests[block]++;
    }

    static FakePeer peer(int... pieces) {
        FakePeer p = new FakePeer(pieces.length == 0 ? 0 : 100 + pieces[0]);
        for (int i : pieces) {
            p.pieces.set(i);
        }
        return p;
    }

    @Override
    public int pieces() {
        return pieces;
    }

    @Override
    public int haveCount() {
        return haveCount;
    }

    @Override
    public boolean have(int piece) {
        return have.get(piece);
    }

    @Override
    public int availability(int piece) {
        return avail[piece];
    }

    @Override
    public BitSet newCandidates(Peer peer) {
        BitSet c = peer.pieces();
        c.andNot(have);
        for (int p : started.keySet()) {
            c.clear(p);
        }
        return c;
    }

    @Override
    public Collection<PieceProgress> started() {
        return started.values();
    }

    @Override
    public int connections() {
        return connections;
    }

    @Override
    public RandomStream random() {
        return rng;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public java.util.List<FakePeer> peers() {
        return peers;
    }

    @Override
    public boolean seeding() {
        return seeding;
    }

    @Override
    public boolean uploads() {
        return uploads;
    }

    @Override
    public long uploadRate() {
        return uploadRate;
    }

    @Override
    public long pieceBytes() {
        return pieceBytes;
    }

    @Override
    public int unchokedCount() {
        int n = 0;
        for (FakePeer p : peers) {
            if (!p.amChoking) {
                n++;
            }
        }
        return n;
    }

    /** A neighbour with settable state. */
    static final class FakePeer implements Peer {
        final long id;
        final BitSet pieces = new BitSet();
        final Set<Long> requested = new HashSet<>();
        boolean open = true;
        boolean peerInterested = true;
        boolean amInterested = true;
        boolean amChoking = true;
        long connectedAt = -1_000_000_000_000L;
        long lastBlockAt;
        long thisRound;
        long lastRound;
        long rateOut;
        long outThisRound;

        FakePeer(long id) {
            this.id = id;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public boolean open() {
            return open;
        }

        @Override
        public long connectedAt() {
            return connectedAt;
        }

        @Override
        public boolean peerInterested() {
            return peerInterested;
        }

        @Override
        public boolean amInterested() {
            return amInterested;
        }

        @Override
        public boolean amChoking() {
            return amChoking;
        }

        @Override
        public boolean peerChoking() {
            return false;
        }

        @Override
        public long lastBlockAt() {
            return lastBlockAt;
        }

        @Override
        public long rateIn() {
            return thisRound + lastRound;
        }

        @Override
        public long rateOut() {
            return rateOut;
        }

        @Override
        public long bytesOutThisRound() {
            return outThisRound;
        }

        @Override
        public long bytesInThisRound() {
            return thisRound;
        }

        @Override
        public long bytesInLastRound() {
            return lastRound;
        }

        @Override
        public boolean has(int piece) {
            return pieces.get(piece);
        }

        @Override
        public int pieceCount() {
            return pieces.cardinality();
        }

        @Override
        public BitSet pieces() {
            return (BitSet) pieces.clone();
        }

        @Override
        public boolean requested(long key) {
            return requested.contains(key);
        }

        @Override
        public String toString() {
            return "peer" + id;
        }
    }
}
