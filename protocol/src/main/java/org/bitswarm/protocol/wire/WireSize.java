package org.bitswarm.protocol.wire;

/**
 * Bytes a message occupies on the wire (BEP 3: 4-byte length prefix, 1-byte id, payload; handshake 68 bytes),
 * used to charge links. The handshake travels with the bitfield, as clients send them back to back.
 */
public final class WireSize {
    private WireSize() {}

    public static final int HANDSHAKE = 68;
    public static final int SMALL = 5;
    public static final int HAVE = 9;
    public static final int REQUEST = 17;
    public static final int PIECE_HEADER = 13;
    /** An HTTP announce and the fixed part of its reply, roughly as mainline sends them. */
    public static final int ANNOUNCE = 300;
    public static final int PEERS_BASE = 60;
    /** BEP 21 upload_only as an extended message (BEP 10): length, id 20, extended id, one byte. */
    public static final int UPLOAD_ONLY = 7;
    /** BEP 23 compact peer entry: 4-byte address and 2-byte port. */
    public static final int COMPACT_PEER = 6;

    public static int bitfield(int pieces) {
        return 5 + (pieces + 7) / 8;
    }

    public static int handshake(int pieces) {
        return HANDSHAKE + bitfield(pieces);
    }

    /** BEP 11 ut_pex: extended header (6 bytes) and bencoded compact "added" list. */
    public static int pex(int peers) {
        return 6 + 20 + COMPACT_PEER * peers;
    }
}
