package org.bitswarm.protocol.wire;

import java.util.Arrays;
import org.bitswarm.engine.ByteReader;
import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Payload;

/**
 * The payload of every message and timer of the BitTorrent model: one record per message shape, each naming
 * its fields (tema3's {@code Messages} does the same). All share one wire layout, so that the event digest
 * and the trace stay those of the single generic message they replace: torrent index, three numbers (int,
 * int, long; zero when unused), a flag byte, then the optional longs and bytes. Immutable once sent.
 */
public sealed interface Msg extends Payload {
    /** The torrent this message is about (the session index inside a client). */
    int torrent();

    /** A message that is only its kind and torrent: choke, unchoke, (not) interested, reject, close, join, leave, done. */
    record Signal(int torrent) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, 0, 0, 0, null, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, 0, 0, 0, null, null, false);
        }
    }

    /** A timer of one session, valid only while its generation (epoch, announce generation) is current. */
    record Timer(int torrent, int generation) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, generation, 0, 0, null, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, generation, 0, 0, null, null, false);
        }
    }

    /** BEP 3 tracker announce: the event ({@link Kind#EV_STARTED} ...) and how many peers are wanted. */
    record Announce(int torrent, int event, int numwant) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, event, numwant, 0, null, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, event, numwant, 0, null, null, false);
        }
    }

    /** A list of peer ids: the tracker's reply ({@link Kind#PEERS}) or a BEP 11 added list ({@link Kind#PEX}). */
    record Peers(int torrent, long[] peers) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, 0, 0, 0, peers, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, 0, 0, 0, peers, null, false);
        }
    }

    /** The handshake with the bitfield (as words of {@link java.util.BitSet#toLongArray()}). */
    record Handshake(int torrent, long[] bitfield) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, 0, 0, 0, bitfield, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, 0, 0, 0, bitfield, null, false);
        }
    }

    /** One HAVE. */
    record Have(int torrent, int piece) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, piece, 0, 0, null, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, piece, 0, 0, null, null, false);
        }
    }

    /** The HAVEs of one batching period, sent together. */
    record Haves(int torrent, long[] pieces) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, -1, 0, 0, pieces, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, -1, 0, 0, pieces, null, false);
        }
    }

    /** REQUEST or CANCEL of one block. */
    record BlockRef(int torrent, int piece, int block) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, piece, block, 0, null, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, piece, block, 0, null, null, false);
        }
    }

    /**
     * A block (BEP 3 piece message): its bytes in bytes mode, else its fingerprint. {@code tainted} is an oracle
     * bit for the invariant checker saying a corrupt sender garbled it; no protocol decision reads it.
     */
    record Block(int torrent, int piece, int block, long print, byte[] data, boolean tainted) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, piece, block, print, null, data, tainted);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, piece, block, print, null, data, tainted);
        }
    }

    /**
     * The receiver's own timer: the block {@code piece}/{@code block} from peer {@code from}, which crossed the
     * network at {@code wireAt} (ticks) and waited for the downlink, has now been received (the block itself waits
     * in the client). Sender and wire time name the piece message exactly, for a reader of the trace.
     */
    record BlockIn(int torrent, int piece, int block, long from, long wireAt) implements Msg {
        @Override
        public void encode(ByteWriter out) {
            Msg.write(out, torrent, piece, block, 0, new long[] {from, wireAt}, null, false);
        }

        @Override
        public String toString() {
            return Msg.describe(torrent, piece, block, 0, new long[] {from, wireAt}, null, false);
        }
    }

    private static void write(ByteWriter out, int torrent, int a, int b, long c, long[] longs, byte[] data, boolean tainted) {
        out.putInt(torrent).putInt(a).putInt(b).putLong(c);
        out.putByte((longs != null ? 1 : 0) | (data != null ? 2 : 0) | (tainted ? 4 : 0));
        if (longs != null) {
            out.putLongs(longs);
        }
        if (data != null) {
            out.putBytes(data);
        }
    }

    private static String describe(int torrent, int a, int b, long c, long[] longs, byte[] data, boolean tainted) {
        StringBuilder s = new StringBuilder("t").append(torrent).append(' ').append(a).append(' ').append(b);
        if (c != 0) {
            s.append(' ').append(c);
        }
        if (longs != null) {
            s.append(' ').append(Arrays.toString(longs));
        }
        if (data != null) {
            s.append(" data[").append(data.length).append(']');
        }
        if (tainted) {
            s.append(" tainted");
        }
        return s.toString();
    }

    /** Rebuilds a message that arrived from another rank; the kind says which record it is. */
    static Msg decode(int kind, ByteReader in) {
        int t = in.getInt();
        int a = in.getInt();
        int b = in.getInt();
        long c = in.getLong();
        int flags = in.getByte();
        long[] l = (flags & 1) != 0 ? in.getLongs() : null;
        byte[] d = (flags & 2) != 0 ? in.getBytes() : null;
        return switch (kind) {
            case Kind.ANNOUNCE -> new Announce(t, a, b);
            case Kind.PEERS, Kind.PEX -> new Peers(t, l);
            case Kind.HANDSHAKE -> new Handshake(t, l);
            case Kind.HAVE -> l != null ? new Haves(t, l) : new Have(t, a);
            case Kind.REQUEST, Kind.CANCEL -> new BlockRef(t, a, b);
            case Kind.PIECE -> new Block(t, a, b, c, d, (flags & 4) != 0);
            case Kind.BLOCK_IN -> new BlockIn(t, a, b, l[0], l[1]);
            case Kind.RECHOKE, Kind.ANNOUNCE_TIMER, Kind.PEX_TIMER, Kind.HAVE_FLUSH -> new Timer(t, a);
            default -> new Signal(t);
        };
    }
}
