package org.bitswarm.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.bitswarm.engine.EventQueue;

/**
 * The classic hold benchmark of an event list: keep N events pending, repeatedly remove the earliest and add
 * one at its time plus 1 ms plus a uniform [0, 1.05 ms) increment (about PHOLD's spread). Not a test: it
 * reports, never asserts.
 * Run: mvn -q -pl sim-engine test-compile && java -cp sim-engine/target/classes:sim-engine/target/test-classes \
 *      org.bitswarm.engine.bench.HoldBench PENDING BUCKET_TICKS
 * (PHOLD's engine uses a bucket of lookahead / 32: 31250 ticks for a 1 ms lookahead.)
 * Reports holds per wall-clock second and per second of this thread's CPU time: on a shared machine the latter
 * is the steadier figure for comparing two builds side by side.
 */
public final class HoldBench {
    public static void main(String[] args) {
        int pending = Integer.parseInt(args[0]);
        long bucket = Long.parseLong(args[1]);
        long ops = 20_000_000;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int rep = 0; rep < 3; rep++) {
            EventQueue q = new EventQueue(bucket);
            long x = 12345;
            for (int i = 0; i < pending; i++) {
                x = lcg(x);
                q.add(x >>> 40, x, i, i, i % 1000, 1, null);
            }
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            for (long i = 0; i < ops; i++) {
                q.poll();
                x = lcg(x);
                q.add(q.time() + 1_000_000 + (x >>> 44), x, q.source(), i, q.target(), 1, null);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("pending=%d bucket=%d ticks: %.2f M holds/s, %.2f M holds per CPU second%n", pending,
                    bucket, ops / s / 1e6, ops / cpu / 1e6);
        }
    }

    private static long lcg(long x) {
        return x * 6364136223846793005L + 1442695040888963407L;
    }
}
