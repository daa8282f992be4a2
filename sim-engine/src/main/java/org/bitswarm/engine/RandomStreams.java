package org.bitswarm.engine;

import java.util.Arrays;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;

/**
 * Hands out SSJ MRG32k3a streams that depend only on (seed, entity, purpose, replication).
 *
 * <p>SSJ numbers its streams by creation order from a static package seed, which under MPJ multicore is
 * per rank (one class loader each) and would give two ranks the same streams. Instead, stream
 * {@code n = entity * PURPOSES + purpose} is computed directly: its starting state is {@code A^(n * 2^127) s0},
 * the state SSJ itself would reach after creating n streams from the same package seed (L'Ecuyer, Simard,
 * Chen and Kelton, "An object-oriented random-number package with many long streams and substreams",
 * Operations Research 50(6), 2002). The jump matrices {@code A^(2^(127+j))} are built once by repeated
 * squaring, so a stream costs at most 64 matrix-vector products. Replication r then uses substream r of that
 * stream. The six seed values come from the run's 64-bit seed through SplitMix64.
 */
public final class RandomStreams {
    /** Purposes per entity: the stream index is {@code entity * PURPOSES + purpose}. */
    public static final int PURPOSES = 16;

    static final long M1 = 4294967087L;
    static final long M2 = 4294944443L;
    private static final long[][] A1 = {{0, 1, 0}, {0, 0, 1}, {M1 - 810728, 1403580, 0}};
    private static final long[][] A2 = {{0, 1, 0}, {0, 0, 1}, {M2 - 1370589, 0, 527612}};
    private static final int BITS = 63;
    /** JUMP1[j] = A1^(2^(127+j)) mod m1, likewise JUMP2. */
    private static final long[][][] JUMP1 = jumps(A1, M1);
    private static final long[][][] JUMP2 = jumps(A2, M2);
    /**
     * Every stream is a clone of this one with its own seed set. SSJ's constructor reads and advances the static
     * package seed without a lock; cloning does not touch it, so rank threads and parallel sweep runs can create
     * streams at the same time. This constructor call is the only one, inside this class's (locked) initialisation,
     * and its state is never used.
     */
    private static final MRG32k3a TEMPLATE = new MRG32k3a("bitswarm stream");

    private final long[] base;
    private final int replication;

    public RandomStreams(long seed, int replication) {
        this(seedFrom(seed), replication);
    }

    /** Streams from an explicit MRG32k3a package seed (six values, as {@code MRG32k3a.setPackageSeed}). */
    public RandomStreams(long[] packageSeed, int replication) {
        if (packageSeed.length != 6) {
            throw new IllegalArgumentException("an MRG32k3a seed has 6 values");
        }
        if (replication < 0) {
            throw new IllegalArgumentException("replication must be >= 0: " + replication);
        }
        this.base = packageSeed.clone();
        this.replication = replication;
    }

    /** The stream of {@code entity} for {@code purpose}, positioned at the start of substream {@code replication}. */
    public RandomStream stream(long entity, int purpose) {
        if (purpose < 0 || purpose >= PURPOSES) {
            throw new IllegalArgumentException("purpose must be in [0, " + PURPOSES + "): " + purpose);
        }
        return streamNumber(Math.addExact(Math.multiplyExact(entity, (long) PURPOSES), purpose));
    }

    /** Stream number {@code n} counted from the package seed, at substream {@code replication}. */
    public RandomStream streamNumber(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("stream number must be >= 0: " + n);
        }
        long[] s1 = {base[0], base[1], base[2]};
        long[] s2 = {base[3], base[4], base[5]};
        for (int j = 0; j < BITS; j++) {
            if ((n >>> j & 1) != 0) {
                s1 = apply(JUMP1[j], s1, M1);
                s2 = apply(JUMP2[j], s2, M2);
            }
        }
        MRG32k3a g = TEMPLATE.clone();
        g.setSeed(new long[] {s1[0], s1[1], s1[2], s2[0], s2[1], s2[2]});
        for (int r = 0; r < replication; r++) {
            g.resetNextSubstream();
        }
        return g;
    }

    /** Six valid MRG32k3a seed values derived from a 64-bit seed with SplitMix64. */
    public static long[] seedFrom(long seed) {
        long[] s = new long[6];
        long x = seed;
        for (int i = 0; i < 6; i++) {
            x += 0x9E3779B97F4A7C15L;
            long m = i < 3 ? M1 : M2;
            s[i] = 1 + Long.remainderUnsigned(Mix.splitmix(x), m - 1);
        }
        return s;
    }

    private static long[][][] jumps(long[][] a, long m) {
        long[][] p = a;
        for (int i = 0; i < 127; i++) {
            p = multiply(p, p, m);
        }
        long[][][] out = new long[BITS][][];
        for (int j = 0; j < BITS; j++) {
            out[j] = p;
            p = multiply(p, p, m);
        }
        return out;
    }

    private static long mulMod(long a, long b, long m) {
        // a, b < 2^32, so the unsigned 64-bit product is exact.
        return Long.remainderUnsigned(a * b, m);
    }

    private static long[][] multiply(long[][] x, long[][] y, long m) {
        long[][] r = new long[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                long s = 0;
                for (int k = 0; k < 3; k++) {
                    s = (s + mulMod(x[i][k], y[k][j], m)) % m;
                }
                r[i][j] = s;
            }
        }
        return r;
    }

    private static long[] apply(long[][] x, long[] v, long m) {
        long[] r = new long[3];
        for (int i = 0; i < 3; i++) {
            long s = 0;
            for (int k = 0; k < 3; k++) {
                s = (s + mulMod(x[i][k], v[k], m)) % m;
            }
            r[i] = s;
        }
        return r;
    }

    @Override
    public String toString() {
        return "RandomStreams" + Arrays.toString(base) + "/r" + replication;
    }
}
