package org.bitswarm.protocol.peer;

import java.security.MessageDigest;
import java.util.BitSet;
import org.bitswarm.protocol.content.Content;
import org.bitswarm.protocol.strategy.Started;

/**
 * A piece being downloaded: which blocks are requested (and how often) and received, and from whom.
 *
 * <p>In bytes mode a partial piece costs only what has arrived and cannot be hashed yet: blocks are fed to the
 * piece hash as soon as every block before them is in (as libtorrent hashes in order while blocks arrive), and
 * only a block that arrives ahead of a gap is kept until the gap fills. No piece-sized buffer is allocated, so
 * a client with many started pieces (BitTornado's rule lets one start many in a flash crowd) holds a few
 * blocks for each, not 256 KiB; the hash, and so every verdict, is the same as over the assembled piece.
 */
final class PieceProgress implements Started {
    final int piece;
    final int blocks;
    final int[] requests;
    final BitSet received = new BitSet();
    int receivedCount;
    long[] contributors = new long[2];
    int nContributors;
    /** Bytes mode: the piece hash over blocks 0 .. hashed-1, created with the first block; else null. */
    private MessageDigest hash;
    /** Bytes mode: how many leading blocks went into {@link #hash}. */
    private int hashed;
    /** Bytes mode: blocks that arrived ahead of a gap, by block index (allocated on the first such block). */
    private byte[][] ahead;
    private final boolean bytesMode;
    /** Block fingerprints in digest mode, else null. */
    final long[] prints;
    /** With smart ban: who sent each block and a fingerprint of what it sent, else null. */
    long[] senders;
    long[] blockPrints;
    /** Oracle only: some block was garbled by its sender. */
    boolean tainted;
    /** A block of it was requested from a seed (mainline's seedstarted). */
    boolean fromSeed;

    PieceProgress(int piece, int blocks, boolean bytesMode) {
        this.piece = piece;
        this.blocks = blocks;
        this.requests = new int[blocks];
        this.bytesMode = bytesMode;
        this.prints = bytesMode ? null : new long[blocks];
    }

    boolean bytesMode() {
        return bytesMode;
    }

    /**
     * Bytes mode: takes a received block's bytes (not copied; the message's array is not touched again), hashing
     * it and any blocks waiting behind it once every earlier block is in.
     */
    void addBytes(Content content, int block, byte[] data) {
        if (block != hashed) {
            if (ahead == null) {
                ahead = new byte[blocks][];
            }
            ahead[block] = data;
            return;
        }
        if (hash == null) {
            hash = content.newDigest();
        }
        hash.update(data);
        hashed++;
        while (ahead != null && hashed < blocks && ahead[hashed] != null) {
            hash.update(ahead[hashed]);
            ahead[hashed++] = null;
        }
    }

    /** Bytes mode, once complete: whether the bytes received hash to the metainfo's piece hash. */
    boolean bytesCheck(Content content) {
        return hashed == blocks && content.matches(piece, hash.digest());
    }

    /** Bytes held for blocks waiting behind a gap (a diagnosis figure). */
    long bytesHeld() {
        long n = 0;
        if (ahead != null) {
            for (byte[] b : ahead) {
                n += b == null ? 0 : b.length;
            }
        }
        return n;
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

    @Override
    public boolean fromSeed() {
        return fromSeed;
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
