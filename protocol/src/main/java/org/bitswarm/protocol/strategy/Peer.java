package org.bitswarm.protocol.strategy;

import java.util.BitSet;

/**
 * What a strategy may read about one connection: the remote peer's pieces and interest, the choke states of
 * both sides, and the bytes exchanged. Read-only; a strategy changes the swarm only through what it returns.
 */
public interface Peer {
    /** The remote peer's entity id. */
    long id();

    /** False once the connection was closed. */
    boolean open();

    /** When the connection was set up (ticks). */
    long connectedAt();

    /** The remote peer wants data from us. */
    boolean peerInterested();

    /** We want data from the remote peer. */
    boolean amInterested();

    /** We choke the remote peer. */
    boolean amChoking();

    /** The remote peer chokes us. */
    boolean peerChoking();

    /** When the last block from the peer arrived (or the connection time). */
    long lastBlockAt();

    /** Bytes received from the peer over the last two rechoke periods (mainline's rate estimate). */
    long rateIn();

    /** Bytes sent to the peer over the last two rechoke periods. */
    long rateOut();

    /** Bytes sent to the peer since the last rechoke. */
    long bytesOutThisRound();

    /** Bytes received from the peer since the last rechoke. */
    long bytesInThisRound();

    /** Bytes received from the peer in the rechoke period before the last one ended. */
    long bytesInLastRound();

    /** The peer announced this piece. */
    boolean has(int piece);

    /** How many pieces the peer announced. */
    int pieceCount();

    /** A copy of the pieces the peer announced. */
    BitSet pieces();

    /** We have a request for this packed (piece, block) key in flight to the peer. */
    boolean requested(long key);
}
