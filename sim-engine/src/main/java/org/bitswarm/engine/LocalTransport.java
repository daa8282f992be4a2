package org.bitswarm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * N logical ranks inside one JVM, one thread each, without MPJ: the in-process twin of the MPJ transport, so
 * that unit tests exercise the same window protocol quickly. Every collective is two barrier phases: publish,
 * then read. If a rank fails, {@link Group#abort} breaks the barrier for good and every other rank gets an
 * exception instead of waiting forever, whether it is already waiting or arrives later.
 */
public final class LocalTransport implements Transport {

    /** The shared state of one group of ranks: a barrier that a failing rank can break for good. */
    public static final class Group {
        private final int size;
        private final Object[] slots;
        private int arrived;
        private long generation;
        private Throwable failure;

        Group(int size) {
            this.size = size;
            this.slots = new Object[size];
        }

        /** Releases every rank blocked in a collective, now or later; they throw, naming the cause. */
        public synchronized void abort(Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            notifyAll();
        }

        synchronized void await() {
            long gen = generation;
            if (failure == null && ++arrived == size) {
                arrived = 0;
                generation++;
                notifyAll();
                return;
            }
            while (gen == generation && failure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted in a collective", e);
                }
            }
            if (gen == generation) {
                throw new IllegalStateException("another rank failed: " + failure, failure);
            }
        }
    }

    private final Group group;
    private final int rank;
    private long bytesSent;

    private LocalTransport(Group group, int rank) {
        this.group = group;
        this.rank = rank;
    }

    /** Creates {@code n} connected transports, one per logical rank. */
    public static List<LocalTransport> group(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one rank");
        }
        Group g = new Group(n);
        List<LocalTransport> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            out.add(new LocalTransport(g, r));
        }
        return out;
    }

    public Group sharedGroup() {
        return group;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return group.size;
    }

    /**
     * Publishes this rank's contribution and runs {@code read} on everybody's between the two barrier phases,
     * while no rank can yet reuse or change what it published.
     */
    private void publish(Object mine, Consumer<Object[]> read) {
        group.slots[rank] = mine;
        group.await();
        read.accept(group.slots);
        group.await();
    }

    @Override
    public byte[] allToAll(byte[] send, int perRank) {
        if (perRank < 0 || send.length != group.size * perRank) {
            throw new IllegalArgumentException("allToAll: " + send.length + " bytes for " + group.size + " ranks");
        }
        byte[] recv = new byte[send.length];
        publish(send, all -> {
            for (int r = 0; r < group.size; r++) {
                System.arraycopy((byte[]) all[r], rank * perRank, recv, r * perRank, perRank);
            }
        });
        return recv;
    }

    @Override
    public byte[][] allToAllBytes(byte[][] send, int[] recvSizes) {
        for (int r = 0; r < send.length; r++) {
            if (r != rank) {
                bytesSent += send[r].length;
            }
        }
        byte[][] recv = new byte[group.size][];
        publish(send, all -> {
            for (int r = 0; r < group.size; r++) {
                recv[r] = ((byte[][]) all[r])[rank].clone();
            }
        });
        for (int r = 0; r < group.size; r++) {
            if (recv[r].length != recvSizes[r]) {
                throw new IllegalStateException("rank " + r + " sent " + recv[r].length + " bytes, expected " + recvSizes[r]);
            }
        }
        return recv;
    }

    @Override
    public byte[][] gather(byte[] mine) {
        if (rank != 0) {
            bytesSent += mine.length;
        }
        byte[][] out = new byte[group.size][];
        publish(mine, all -> {
            if (rank == 0) {
                for (int r = 0; r < group.size; r++) {
                    out[r] = ((byte[]) all[r]).clone();
                }
            }
        });
        return rank == 0 ? out : null;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }
}
