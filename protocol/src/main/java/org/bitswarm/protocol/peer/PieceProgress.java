package org.bitswarm.protocol.peer;

import java.util.BitSet;
import org.bitswarm.protocol.strategy.Started;

/** A piece being downloaded: which blocks are requested (and how often) and received, and from whom. */
final class PieceProgress implements Started {
    final int piece;
    final int blocks;
    final int[] requests;
    final BitSet received = new BitSet();
    int receivedCount;
    long[] contributors = new long[2];
    int nContributors;
    /** Assembled bytes in bytes mode, else null. */
    final byte[] data;
    /** Block fingerprints in digest mode, else null. */
    final long[] prints;
    /** With smart ban: who sent each block and a fingerprint of what it sent, else null. */
    long[] senders;
    long[] blockPrints;
    /** Oracle only: some block was garbled by its sender. */
    boolean tainted;

    PieceProgress(int piece, int blocks, int length, boolean bytesMode) {
        this.piece = piece;
        this.blocks = blocks;
        this.requests = new int[blocks];
        this.data = bytesMode ? new byte[length] : null;
        this.prints = bytesMode ? null : new long[blocks];
    }

    @Override
    public int piece() {
        return piece;
    }

    @Override
    public int blocks() {
        return blocks;
    }

    @Override
    public boolean received(int block) {
        return received.get(block);
    }

    /** First block nobody was asked for, or -1. */
    @Override
    public int freeBlock() {
        for (int b = 0; b < blocks; b++) {
            if (requests[b] == 0 && !received.get(b)) {
                return b;
            }
        }
        return -1;
    }

    void addContributor(long peer) {
        for (int i = 0; i < nContributors; i++) {
            if (contributors[i] == peer) {
                return;
            }
        }
        if (nContributors == contributors.length) {
            contributors = java.util.Arrays.copyOf(contributors, nContributors * 2);
        }
        contributors[nContributors++] = peer;
    }

    boolean complete() {
        return receivedCount == blocks;
    }
}
