package org.bitswarm.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer: how payloads and reports are written for other ranks. */
public final class ByteWriter {
    private byte[] buf;
    private int len;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public ByteWriter putByte(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter putInt(int v) {
        ensure(4);
        buf[len] = (byte) (v >>> 24);
        buf[len + 1] = (byte) (v >>> 16);
        buf[len + 2] = (byte) (v >>> 8);
        buf[len + 3] = (byte) v;
        len += 4;
        return this;
    }

    public ByteWriter putLong(long v) {
        putInt((int) (v >>> 32));
        return putInt((int) v);
    }

    public ByteWriter putDouble(double v) {
        return putLong(Double.doubleToLongBits(v));
    }

    public ByteWriter putBytes(byte[] b) {
        return putBytes(b, 0, b.length);
    }

    /** Length-prefixed bytes. */
    public ByteWriter putBytes(byte[] b, int off, int n) {
        putInt(n);
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public ByteWriter putString(String s) {
        return putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public ByteWriter putLongs(long[] v) {
        putInt(v.length);
        for (long x : v) {
            putLong(x);
        }
        return this;
    }

    public int size() {
        return len;
    }

    public void reset() {
        len = 0;
    }

    /** The backing array; only the first {@link #size()} bytes are meaningful. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
