package org.bitswarm.cli.launch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bitswarm.engine.mpj.MpjRuntime;
import org.bitswarm.engine.mpj.MpjTransport;

/**
 * A rank main for the launcher tests, run by real MPJ ranks. Its first application argument picks a scenario:
 * {@code round} checks allToAll, allToAllBytes and gather data on every rank; {@code throw}, {@code oom},
 * {@code exit} and {@code hang} misbehave on rank 1 in the ways the launcher must catch; {@code die-in-handshake}
 * ends rank 2's JVM in the middle of reporting its ports to MPJRun. Every check failure is
 * an exception, which RankGuard turns into a failure report, so "exit 0" means "every rank checked its data".
 */
public final class TransportProbe {

    /** Printed by each rank after its checks passed. */
    static final String OK_MARKER = "@@probe ok rank ";
    /** Rank 1 throws an exception with this message in the {@code throw} scenario. */
    static final String THROWN = "probe failure on rank 1";
    /** Printed by rank 1 in the {@code hang} scenario just before it stops forever. */
    static final String HANGING = "@@probe hanging";
    /** Larger than MPJ's 128 KiB protocol switch limit, so the rendezvous path is exercised too. */
    static final int LARGE = 200_000;

    /** The scenario in which rank 2 of 3 halts while it reports its ports, once its heartbeat is on disk. */
    static final String DIE_IN_HANDSHAKE = "die-in-handshake";

    private TransportProbe() {}

    /**
     * Once its heartbeat is on disk, opens a connection to MPJRun's port server (the "#Server Port" of niodev's
     * config argument, on loopback) and halts with it open: MPJRun reads a port report that ends at once.
     */
    private static void dieMidHandshake(String niodevConfig) throws Exception {
        java.nio.file.Path beat = java.nio.file.Path.of(System.getProperty(RankGuard.STATUS_DIR_PROPERTY))
                .resolve("rank-2.beat");
        while (!java.nio.file.Files.exists(beat)) {
            Thread.sleep(20);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("#Server Port;(\\d+)").matcher(niodevConfig);
        if (!m.find()) {
            throw new IllegalStateException("no MPJRun port in niodev's config: " + niodevConfig);
        }
        java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
        s.getOutputStream().flush();
        Runtime.getRuntime().halt(0);
    }

    public static void main(String[] args) {
        RankGuard.run(args, mpjArgs -> {
            if (DIE_IN_HANDSHAKE.equals(mpjArgs[mpjArgs.length - 1]) && "2".equals(mpjArgs[0])) {
                dieMidHandshake(mpjArgs[1]); // as a rank killed inside MPI.Init would
            }
            String[] app = MpjRuntime.init(mpjArgs);
            try (MpjTransport t = new MpjTransport()) {
                runScenario(app[0], t);
            }
            MpjRuntime.finish();
        });
    }

    private static void runScenario(String scenario, MpjTransport t) throws InterruptedException {
        switch (scenario) {
            case "round" -> round(t);
            case "throw" -> misbehave(t, () -> {
                throw new IllegalStateException(THROWN);
            });
            case "oom" -> misbehave(t, TransportProbe::exhaustHeap);
            case "exit" -> misbehave(t, () -> System.exit(0));
            case "hang" -> misbehave(t, () -> {
                System.out.println(HANGING);
                sleepForever();
            });
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    /** Rank 1 misbehaves; every other rank waits in a collective, as the engine's ranks would. */
    private static void misbehave(MpjTransport t, Runnable onRankOne) {
        if (t.rank() == 1 || t.size() == 1) {
            onRankOne.run();
        }
        t.allToAll(new byte[t.size()], 1);
    }

    private static void round(MpjTransport t) {
        checkAllToAll(t);
        checkAllToAllBytes(t);
        checkEmptyCollectives(t);
        long gathered = checkGather(t);
        long expected = expectedBytesSent(t) + gathered;
        check(t.bytesSent() == expected, "bytesSent " + t.bytesSent() + ", expected " + expected);
        System.out.println(OK_MARKER + t.rank());
    }

    private static void checkAllToAll(MpjTransport t) {
        int n = t.size();
        byte[] send = new byte[n * 2];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < 2; k++) {
                send[r * 2 + k] = (byte) (t.rank() * 50 + r * 5 + k);
            }
        }
        byte[] recv = t.allToAll(send, 2);
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < 2; k++) {
                check(recv[s * 2 + k] == (byte) (s * 50 + t.rank() * 5 + k), "allToAll block from " + s);
            }
        }
    }

    private static void checkAllToAllBytes(MpjTransport t) {
        int n = t.size();
        byte[][] send = new byte[n][];
        byte[] sizes = new byte[n * Integer.BYTES];
        ByteBuffer out = ByteBuffer.wrap(sizes);
        for (int r = 0; r < n; r++) {
            send[r] = payload(t.rank(), r, size(t.rank(), r, n));
            out.putInt(send[r].length);
        }
        // Sizes first, as the engine does: the receiver must know them before Alltoallv.
        ByteBuffer incoming = ByteBuffer.wrap(t.allToAll(sizes, Integer.BYTES));
        int[] recvSizes = new int[n];
        for (int s = 0; s < n; s++) {
            recvSizes[s] = incoming.getInt();
        }
        byte[][] recv = t.allToAllBytes(send, recvSizes);
        for (int s = 0; s < n; s++) {
            check(Arrays.equals(recv[s], payload(s, t.rank(), size(s, t.rank(), n))), "allToAllBytes from " + s);
        }
    }

    private static void checkEmptyCollectives(MpjTransport t) {
        int n = t.size();
        check(t.allToAll(new byte[0], 0).length == 0, "empty allToAll");
        byte[][] none = new byte[n][];
        Arrays.fill(none, new byte[0]);
        byte[][] recv = t.allToAllBytes(none, new int[n]);
        for (byte[] r : recv) {
            check(r != null && r.length == 0, "empty allToAllBytes");
        }
    }

    /** Returns the bytes this rank handed to rank 0. */
    private static long checkGather(MpjTransport t) {
        byte[] mine = payload(t.rank(), 0, t.rank() * 3);
        byte[][] all = t.gather(mine);
        if (t.rank() != 0) {
            check(all == null, "gather returns null off rank 0");
            return mine.length;
        }
        check(all.length == t.size(), "gather size");
        for (int s = 0; s < t.size(); s++) {
            check(Arrays.equals(all[s], payload(s, 0, s * 3)), "gather from " + s);
        }
        return 0;
    }

    private static long expectedBytesSent(MpjTransport t) {
        long sum = 0;
        for (int r = 0; r < t.size(); r++) {
            if (r != t.rank()) {
                sum += size(t.rank(), r, t.size());
            }
        }
        return sum;
    }

    /** Some pairs send nothing, rank 0 sends one large array to the last rank, the rest small ones. */
    private static int size(int from, int to, int n) {
        if (n > 1 && from == 0 && to == n - 1) {
            return LARGE;
        }
        return (from + to) % 3 == 0 ? 0 : from * 7 + to * 3 + 1;
    }

    private static byte[] payload(int from, int to, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (from * 31 + to * 17 + i);
        }
        return b;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("rank check failed: " + what);
        }
    }

    private static void exhaustHeap() {
        List<long[]> hog = new ArrayList<>();
        while (true) {
            hog.add(new long[1 << 20]);
        }
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
