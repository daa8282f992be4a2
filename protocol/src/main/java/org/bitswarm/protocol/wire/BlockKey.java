package org.bitswarm.protocol.wire;

/** A (piece, block) pair packed in one long, for request queues and sets without boxing. */
public final class BlockKey {
    private BlockKey() {}

    public static long of(int piece, int block) {
        return (long) piece << 16 | block;
    }

    public static int piece(long key) {
        return (int) (key >>> 16);
    }

    public static int block(long key) {
        return (int) (key & 0xffff);
    }
}
