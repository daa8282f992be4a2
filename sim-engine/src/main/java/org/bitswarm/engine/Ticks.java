package org.bitswarm.engine;

/**
 * Virtual time is a {@code long} count of nanoseconds. No double ever decides an event order: models may
 * draw a duration as a double number of seconds, but convert it here, once, before it becomes a timestamp.
 * 2^63 ns is about 292 years of simulated time; {@link #NEVER} stands for "no event".
 */
public final class Ticks {
    public static final long NS = 1L;
    public static final long US = 1_000L;
    public static final long MS = 1_000_000L;
    public static final long SECOND = 1_000_000_000L;
    public static final long NEVER = Long.MAX_VALUE;

    private Ticks() {}

    /** Rounds a non-negative number of seconds to ticks; rejects NaN, negatives and overflow. */
    public static long ofSeconds(double seconds) {
        if (!(seconds >= 0) || seconds * SECOND >= (double) Long.MAX_VALUE) {
            throw new IllegalArgumentException("duration out of range: " + seconds + " s");
        }
        return Math.round(seconds * SECOND);
    }

    public static double toSeconds(long ticks) {
        return ticks / (double) SECOND;
    }

    /** Seconds with nine decimals, computed on integers: {@code 1500000000 -> "1.500000000"}. */
    public static String format(long ticks) {
        if (ticks == NEVER) {
            return "never";
        }
        String sign = ticks < 0 ? "-" : "";
        long a = Math.abs(ticks);
        return sign + (a / SECOND) + "." + String.format(java.util.Locale.ROOT, "%09d", a % SECOND);
    }

    /** {@code t + d}, saturating at {@link #NEVER}. */
    public static long addSaturating(long t, long d) {
        long r = t + d;
        return (d > 0 && r < t) ? NEVER : r;
    }

    /** {@code t + d}, or an exception instead of a silent wrap-around. */
    public static long add(long t, long d) {
        long r = t + d;
        if (d < 0 || r < t) {
            throw new ArithmeticException("time overflow: " + t + " + " + d);
        }
        return r;
    }

    /** Beyond this rate {@code rest * SECOND + bitsPerSecond - 1} could overflow a long (about 9.2 Gbit/s). */
    private static final long FAST_RATE_LIMIT = Long.MAX_VALUE / (SECOND + 1);
    private static final java.math.BigInteger BIG_SECOND = java.math.BigInteger.valueOf(SECOND);

    /**
     * Ticks needed to push {@code bytes} through a link of {@code bitsPerSecond}: {@code ceil(bytes * 8e9 / bps)},
     * exact for every input whose result fits a long, an {@link ArithmeticException} otherwise.
     */
    public static long transmission(long bytes, long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + bitsPerSecond);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + bytes);
        }
        if (bitsPerSecond > FAST_RATE_LIMIT || bytes > Long.MAX_VALUE / 8) {
            return transmissionExact(bytes, bitsPerSecond);
        }
        // bytes * 8e9 / bps can overflow a long for large transfers: split the division.
        long bits = bytes * 8L;
        long whole = bits / bitsPerSecond;
        long rest = bits % bitsPerSecond;
        return Math.addExact(Math.multiplyExact(whole, SECOND), (rest * SECOND + bitsPerSecond - 1) / bitsPerSecond);
    }

    /** The slow path of {@link #transmission}: summed rates past about 9.2 Gbit/s, or sizes past 2^60 bytes. */
    private static long transmissionExact(long bytes, long bitsPerSecond) {
        java.math.BigInteger[] qr = java.math.BigInteger.valueOf(bytes).shiftLeft(3).multiply(BIG_SECOND)
                .divideAndRemainder(java.math.BigInteger.valueOf(bitsPerSecond));
        java.math.BigInteger t = qr[1].signum() > 0 ? qr[0].add(java.math.BigInteger.ONE) : qr[0];
        if (t.bitLength() > 63) {
            throw new ArithmeticException("transmission time overflows: " + bytes + " B at " + bitsPerSecond + " bit/s");
        }
        return t.longValueExact();
    }
}
