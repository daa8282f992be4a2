package org.bitswarm.protocol.strategy;

/**
 * Which block to request from a peer next, including strict priority and endgame. Returns a packed key
 * ({@link org.bitswarm.protocol.wire.BlockKey}); a key of a piece not yet started starts it (its block 0).
 * One instance per session.
 */
public interface PiecePicker {
    /** The next block to ask this peer for, or -1 for none. */
    long next(PickView view, Peer peer);
}
