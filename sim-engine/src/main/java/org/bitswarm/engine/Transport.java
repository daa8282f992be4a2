package org.bitswarm.engine;

/**
 * The seam between the engine and the message-passing layer: the few collectives one conservative window
 * needs, and a gather for the end of the run. Two implementations exist: {@link LocalTransport} (N logical
 * ranks as threads of one JVM, no MPJ) and {@code org.bitswarm.engine.mpj.MpjTransport}, the only class
 * of the project that imports {@code mpi.*}.
 *
 * <p>Every method is a collective: all ranks call it in the same order with compatible arguments.
 */
public interface Transport extends AutoCloseable {

    int rank();

    int size();

    /**
     * All-to-all of fixed-size byte blocks. {@code send.length == size() * perRank}; block r (bytes
     * {@code [r*perRank, (r+1)*perRank)}) goes to rank r. Returns the blocks received, block r from rank r.
     */
    byte[] allToAll(byte[] send, int perRank);

    /**
     * All-to-all of variable-size byte arrays. {@code send[r]} goes to rank r (may be empty, never null);
     * {@code recvSizes[r]} is the number of bytes rank r sends here (known from a previous {@link #allToAll}).
     * Returns the arrays received, index r from rank r.
     */
    byte[][] allToAllBytes(byte[][] send, int[] recvSizes);

    /** Gathers one byte array per rank at rank 0. Returns them in rank order on rank 0, null elsewhere. */
    byte[][] gather(byte[] mine);

    /** Bytes this rank has handed to other ranks so far (payload of allToAllBytes and gather only). */
    long bytesSent();

    @Override
    default void close() {}
}
