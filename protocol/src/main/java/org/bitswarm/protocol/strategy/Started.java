package org.bitswarm.protocol.strategy;

/** A piece being downloaded, as a {@link PiecePicker} sees it. */
public interface Started {
    int piece();

    int blocks();

    /** The first block nobody was asked for, or -1. */
    int freeBlock();

    boolean received(int block);

    /** A block of it was requested from a seed (mainline 4.x keeps these pieces in its own list, seedstarted). */
    boolean fromSeed();
}
