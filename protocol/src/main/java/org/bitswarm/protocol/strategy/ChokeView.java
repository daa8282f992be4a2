package org.bitswarm.protocol.strategy;

import java.util.List;
import umontreal.ssj.rng.RandomStream;

/** What a {@link Choker} sees of its session at a rechoke. */
public interface ChokeView {
    long now();

    /** The open connections, in connection order (stable for any partition). */
    List<? extends Peer> peers();

    /** We hold the whole torrent. */
    boolean seeding();

    /** The session may upload at all (a free rider, role leecher, never does). */
    boolean uploads();

    /** Connections we do not choke. */
    int unchokedCount();

    /** Pieces of the torrent. */
    int pieces();

    /** The piece availability among our neighbours (how many connections announced it). */
    int availability(int piece);

    /** Our upload capacity in bit/s. */
    long uploadRate();

    /** Bytes per piece (the last piece may be shorter). */
    long pieceBytes();

    /** The choker's random stream (one per client, from the context). */
    RandomStream random();
}
