package org.bitswarm.protocol.wire;

import java.util.Arrays;
import org.bitswarm.engine.ByteReader;
import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Payload;

/**
 * One payload type for every message and timer: a torrent index, three small integers whose meaning depends on
 * the kind (piece, block, announce event, epoch, ...), an optional list of longs (bitfield words, peer ids) and
 * optional bytes (block content). {@code tainted} is an oracle bit for the invariant checker saying a corrupt
 * sender garbled the block; no protocol decision ever reads it. Immutable once sent.
 */
public final class Msg implements Payload {
    public final int torrent;
    public final int a;
    public final int b;
    public final long c;
    public final long[] longs;
    public final byte[] data;
    public final boolean tainted;

    public Msg(int torrent, int a, int b, long c, long[] longs, byte[] data, boolean tainted) {
        this.torrent = torrent;
        this.a = a;
        this.b = b;
        this.c = c;
        this.longs = longs;
        this.data = data;
        this.tainted = tainted;
    }

    public static Msg of(int torrent) {
        return new Msg(torrent, 0, 0, 0, null, null, false);
    }

    public static Msg of(int torrent, int a) {
        return new Msg(torrent, a, 0, 0, null, null, false);
    }

    public static Msg of(int torrent, int a, int b) {
        return new Msg(torrent, a, b, 0, null, null, false);
    }

    public static Msg withLongs(int torrent, int a, long[] longs) {
        return new Msg(torrent, a, 0, 0, longs, null, false);
    }

    @Override
    public void encode(ByteWriter out) {
        out.putInt(torrent).putInt(a).putInt(b).putLong(c);
        out.putByte((longs != null ? 1 : 0) | (data != null ? 2 : 0) | (tainted ? 4 : 0));
        if (longs != null) {
            out.putLongs(longs);
        }
        if (data != null) {
            out.putBytes(data);
        }
    }

    public static Msg decode(ByteReader in) {
        int t = in.getInt();
        int a = in.getInt();
        int b = in.getInt();
        long c = in.getLong();
        int flags = in.getByte();
        long[] l = (flags & 1) != 0 ? in.getLongs() : null;
        byte[] d = (flags & 2) != 0 ? in.getBytes() : null;
        return new Msg(t, a, b, c, l, d, (flags & 4) != 0);
    }

    @Override
    public String toString() {
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
}
