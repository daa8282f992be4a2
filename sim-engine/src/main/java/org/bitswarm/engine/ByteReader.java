package org.bitswarm.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what a {@link ByteWriter} wrote, in the same order. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    private void need(int n) {
        if (pos + n > end) {
            throw new IllegalStateException("truncated message: need " + n + " bytes, have " + (end - pos));
        }
    }

    public int getByte() {
        need(1);
        return buf[pos++];
    }

    public int getInt() {
        need(4);
        int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long getLong() {
        long hi = getInt();
        return hi << 32 | (getInt() & 0xffffffffL);
    }

    public double getDouble() {
        return Double.longBitsToDouble(getLong());
    }

    public byte[] getBytes() {
        int n = getInt();
        if (n < 0) {
            throw new IllegalStateException("negative length " + n);
        }
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    public String getString() {
        return new String(getBytes(), StandardCharsets.UTF_8);
    }

    public long[] getLongs() {
        int n = getInt();
        need(n * 8);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = getLong();
        }
        return v;
    }

    /** A reader over the next {@code n} bytes; this reader skips past them. */
    public ByteReader slice(int n) {
        if (n < 0) {
            throw new IllegalStateException("negative length " + n);
        }
        need(n);
        ByteReader r = new ByteReader(buf, pos, n);
        pos += n;
        return r;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public int position() {
        return pos;
    }
}
