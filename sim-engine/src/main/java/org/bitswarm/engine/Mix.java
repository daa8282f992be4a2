package org.bitswarm.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** 64-bit mixing functions (the SplitMix64 finalizer of Steele, Lea and Flood, OOPSLA 2014). */
public final class Mix {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private Mix() {}

    public static long splitmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A keyed hash of two longs. */
    public static long hash(long key, long a, long b) {
        return splitmix(splitmix(key ^ a) + b * 0x9E3779B97F4A7C15L);
    }

    /** Hash of {@code n} bytes of {@code b}, for payload digests. */
    public static long bytes(byte[] b, int n) {
        long h = 0x84222325CBF29CE4L ^ n;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            h = splitmix(h ^ (long) LONGS.get(b, i));
        }
        long w = 0;
        for (; i < n; i++) {
            w = w << 8 | (b[i] & 0xffL);
        }
        return splitmix(h ^ w ^ 0x2545F4914F6CDD1DL);
    }
}
