package org.bitswarm.protocol.strategy;

import java.util.BitSet;
import java.util.Collection;
import umontreal.ssj.rng.RandomStream;

/** What a {@link PiecePicker} sees of its session. */
public interface PickView {
    /** Pieces of the torrent. */
    int pieces();

    /** Pieces we hold (verified). */
    int haveCount();

    boolean have(int piece);

    /** How many of our connections announced the piece. */
    int availability(int piece);

    /** Pieces the peer has that we neither hold nor started (a fresh set). */
    BitSet newCandidates(Peer peer);

    /** The pieces being downloaded, in piece order. */
    Collection<? extends Started> started();

    /** Open connections of this torrent (libtorrent's {@code torrent::num_peers()}). */
    int connections();

    /** The picker's random stream (one per client, from the context). */
    RandomStream random();
}
