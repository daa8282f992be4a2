package org.bitswarm.protocol.strategy;

/** A piece being downloaded, as a {@link PiecePicker} sees it. */
public interface Started {
    int piece();

    int blocks();

    /** The first block nobody was asked for, or -1. */
    int freeBlock();

    boolean received(int block);
}
