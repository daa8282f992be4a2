package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Time arithmetic at extreme rates and sizes, against exact BigInteger arithmetic. */
class TicksTest {
    private static final BigInteger NS_PER_S = BigInteger.valueOf(Ticks.SECOND);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** ceil(bytes * 8 * 10^9 / bps), or null when it does not fit a long. */
    private static Long reference(long bytes, long bps) {
        BigInteger num = BigInteger.valueOf(bytes).multiply(BigInteger.valueOf(8)).multiply(NS_PER_S);
        BigInteger[] qr = num.divideAndRemainder(BigInteger.valueOf(bps));
        BigInteger t = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return t.compareTo(LONG_MAX) > 0 ? null : t.longValue();
    }

    private static void check(long bytes, long bps) {
        Long want = reference(bytes, bps);
        if (want == null) {
            assertThrows(ArithmeticException.class, () -> Ticks.transmission(bytes, bps), bytes + " B at " + bps + " bit/s");
        } else {
            assertEquals(want.longValue(), Ticks.transmission(bytes, bps), bytes + " B at " + bps + " bit/s");
        }
    }

    @Test
    void summedUplinksPastTenGigabitGiveTheExactTime() {
        // The Kumar-Ross bound for 10^4 clients sums their uplinks to about 1.9e10 bit/s: 1 MiB then takes
        // 8388608 * 1e9 / 1.9e10 = 441505.68... ns, rounded up. (The old rest * SECOND wrapped around here.)
        assertEquals(441_506L, Ticks.transmission(1L << 20, 19_000_000_000L));
        assertEquals(1L, Ticks.transmission(1, Long.MAX_VALUE));
        assertEquals(0L, Ticks.transmission(0, Long.MAX_VALUE));
        assertEquals(8_000_000_000L, Ticks.transmission(Long.MAX_VALUE / 8 + 1, Long.MAX_VALUE / 8 + 1), "size past 2^60");
    }

    @Test
    void matchesExactArithmeticAtEveryScale() {
        long[] sizes = {0, 1, 7, 16_384, 1L << 20, 1L << 30, 1L << 40, 1L << 50, Long.MAX_VALUE / 8,
            Long.MAX_VALUE / 8 + 1, Long.MAX_VALUE / 2, Long.MAX_VALUE};
        long[] rates = {1, 3, 1_000, 640_000, 1_000_000_000L, 9_223_372_027L, 9_223_372_028L, 9_300_000_000L,
            19_000_000_000L, 1L << 40, 3L << 60, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (long b : sizes) {
            for (long r : rates) {
                check(b, r);
            }
        }
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            // log-uniform sizes and rates over the whole long range, so both paths and the boundary are hit
            long b = rnd.nextLong() >>> (1 + rnd.nextInt(63));
            long r = Math.max(1, rnd.nextLong() >>> (1 + rnd.nextInt(63)));
            check(b, r);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Ticks.transmission(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Ticks.transmission(1, -5));
        assertThrows(IllegalArgumentException.class, () -> Ticks.transmission(-1, 1000));
        assertThrows(ArithmeticException.class, () -> Ticks.add(Long.MAX_VALUE - 1, 2));
        assertEquals(Ticks.NEVER, Ticks.addSaturating(Long.MAX_VALUE - 1, 2));
    }
}
