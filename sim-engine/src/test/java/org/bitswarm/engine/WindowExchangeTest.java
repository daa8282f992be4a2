package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The end-of-window exchange on three in-process ranks, over windows whose outboxes range from empty to well
 * past the largest inline size, some ranks overflowing while others do not: every rank must get exactly the
 * bytes sent to it and the same combined bound, stop flag and event count, and a second collective must
 * happen exactly in the windows where some rank did not fit.
 */
class WindowExchangeTest {
    private static final int RANKS = 3;
    private static final int WINDOWS = 300;

    /** Bytes rank {@code from} sends to rank {@code to} in window {@code w}: sizes from 0 to 3x the largest inline. */
    private static byte[] message(long seed, int w, int from, int to) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (w * 1_000_003L + from * 1009L + to));
        int size = switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(WindowExchange.MIN_INLINE);
            case 2 -> rnd.nextInt(WindowExchange.MAX_INLINE);
            default -> rnd.nextInt(3 * WindowExchange.MAX_INLINE);
        };
        if (w % 50 < 10) {
            size = Math.min(size, 100);
        }
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void everyRankGetsWhatWasSentToItAndTheSameAgreement() {
        long seed = Long.getLong("test.seed", 20261124L);
        System.out.println("WindowExchangeTest seed " + seed);
        List<long[]> counts = LocalCluster.runEach(RANKS, t -> {
            WindowExchange ex = new WindowExchange(t);
            int me = t.rank();
            long secondRounds = 0;
            for (int w = 0; w < WINDOWS; w++) {
                int inlineBefore = inlineOf(seed, w);
                boolean anyOverflow = false;
                for (int from = 0; from < RANKS; from++) {
                    for (int to = 0; to < RANKS; to++) {
                        anyOverflow |= from != to && framed(message(seed, w, from, to)) > inlineBefore;
                    }
                }
                for (int to = 0; to < RANKS; to++) {
                    if (to != me) {
                        ex.outbox[to].putBytes(message(seed, w, me, to));
                    }
                }
                long collectivesBefore = ex.collectives();
                ex.exchange(1000L * w + me, w == 123 && me == 2, w * 10L + me);
                secondRounds += ex.collectives() - collectivesBefore - 1;
                assertEquals(anyOverflow ? 2 : 1, ex.collectives() - collectivesBefore, "window " + w);
                assertEquals(1000L * w, ex.next());
                assertEquals(w == 123, ex.stop());
                assertEquals(3 * w * 10L + 3, ex.events());
                for (int from = 0; from < RANKS; from++) {
                    ByteReader in = ex.from(from);
                    if (from != me) {
                        assertArrayEquals(message(seed, w, from, me), in.getBytes(),
                                "window " + w + " from rank " + from + " to " + me);
                    }
                    assertEquals(false, in.hasMore());
                }
            }
            return new long[] {secondRounds};
        });
        long second = counts.get(0)[0];
        // Both kinds of window must have happened, or the test proves nothing about one of the paths.
        assertEquals(true, second > 20 && second < WINDOWS - 20, "windows with a second collective: " + second);
    }

    /** Bytes of a message in an outbox: a length, then the bytes. */
    private static int framed(byte[] message) {
        return Integer.BYTES + message.length;
    }

    /** The inline size in force for window w: follows the largest outbox of window w - 1 on any rank. */
    private static int inlineOf(long seed, int w) {
        if (w == 0) {
            return WindowExchange.MIN_INLINE;
        }
        long largest = 0;
        for (int from = 0; from < RANKS; from++) {
            for (int to = 0; to < RANKS; to++) {
                if (from != to) {
                    largest = Math.max(largest, framed(message(seed, w - 1, from, to)));
                }
            }
        }
        return WindowExchange.inlineFor(largest);
    }
}
