package org.bitswarm.engine.mpj;

import java.util.Arrays;

import org.bitswarm.engine.Transport;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * {@link Transport} over MPJ Express 0.44 collectives on {@code MPI.COMM_WORLD}.
 *
 * <p>Why collectives and not point-to-point: one MPJ collective costs tens to hundreds of microseconds even
 * between threads of one JVM, so a conservative window exchanges everything it has in one {@code Alltoall}
 * (counts, and the messages themselves when they fit) and, only when they do not, one {@code Alltoallv},
 * whatever the number of messages.
 *
 * <p>Things MPJ 0.44 gets wrong or is fussy about, each checked on multicore and niodev:
 * <ul>
 *   <li>{@code Gather} uses a tree: a non-root rank forwards its subtree's blocks and so needs a receive buffer
 *       of the full size, not an empty one (an empty one throws ArrayIndexOutOfBounds in the middle ranks and
 *       the others hang). {@code Gatherv} is happy with an empty buffer on non-roots.</li>
 *   <li>Zero counts and zero-length arrays are fine in {@code Alltoall}, {@code Alltoallv} and {@code Gatherv};
 *       {@code null} buffers are not, so empty arrays are passed instead.</li>
 *   <li>Every collective takes one flat array, so {@link #allToAllBytes} packs the per-rank arrays into one
 *       buffer and unpacks the result: two copies, cheap next to the collective itself.</li>
 * </ul>
 *
 * <p>Not thread-safe: like every MPI communicator, collectives must be issued by one thread per rank, in the
 * same order on every rank. Build one instance per rank after {@link MpjRuntime#init}; {@link #close} does not
 * finalize MPJ (call {@link MpjRuntime#finish} once at the very end).
 */
public final class MpjTransport implements Transport {

    private static final byte[] NO_BYTES = new byte[0];

    private final Intracomm comm;
    private final int rank;
    private final int size;
    private long bytesSent;

    /** A transport over {@code MPI.COMM_WORLD}; requires {@link MpjRuntime#init} to have run on this rank. */
    public MpjTransport() {
        try {
            this.comm = MPI.COMM_WORLD;
            if (comm == null) {
                throw new MpjException("MPJ is not initialised: call MpjRuntime.init(args) first");
            }
            this.rank = comm.Rank();
            this.size = comm.Size();
        } catch (MPIException e) {
            throw new MpjException("cannot read rank and size of MPI.COMM_WORLD", e);
        }
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte[] allToAll(byte[] send, int perRank) {
        if (perRank < 0 || send.length != (long) size * perRank) {
            throw new IllegalArgumentException("allToAll: " + send.length + " bytes is not " + size + " ranks x "
                    + perRank);
        }
        byte[] recv = new byte[send.length];
        try {
            comm.Alltoall(send, 0, perRank, MPI.BYTE, recv, 0, perRank, MPI.BYTE);
        } catch (MPIException e) {
            throw new MpjException("Alltoall failed on rank " + rank, e);
        }
        return recv;
    }

    @Override
    public byte[][] allToAllBytes(byte[][] send, int[] recvSizes) {
        if (send.length != size || recvSizes.length != size) {
            throw new IllegalArgumentException("allToAllBytes: " + send.length + " arrays and " + recvSizes.length
                    + " sizes for " + size + " ranks");
        }
        Layout out = Layout.of(lengths(send));
        Layout in = Layout.of(recvSizes);
        byte[] packed = pack(send, out);
        byte[] recv = in.total == 0 ? NO_BYTES : new byte[in.total];
        try {
            comm.Alltoallv(packed, 0, out.counts, out.displs, MPI.BYTE, recv, 0, in.counts, in.displs, MPI.BYTE);
        } catch (MPIException e) {
            throw new MpjException("Alltoallv failed on rank " + rank, e);
        }
        bytesSent += out.total - send[rank].length;
        return unpack(recv, in);
    }

    @Override
    public byte[][] gather(byte[] mine) {
        int[] sizes = gatherSizes(mine.length);
        Layout in = rank == 0 ? Layout.of(sizes) : Layout.empty(size);
        byte[] recv = in.total == 0 ? NO_BYTES : new byte[in.total];
        gatherv(mine, recv, in);
        if (rank != 0) {
            bytesSent += mine.length;
            return null;
        }
        return unpack(recv, in);
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    /** Every rank's payload size, at rank 0. The buffer is full-size everywhere: MPJ's tree Gather needs it. */
    private int[] gatherSizes(int mine) {
        int[] sizes = new int[size];
        try {
            comm.Gather(new int[] {mine}, 0, 1, MPI.INT, sizes, 0, 1, MPI.INT, 0);
        } catch (MPIException e) {
            throw new MpjException("Gather of sizes failed on rank " + rank, e);
        }
        return sizes;
    }

    private void gatherv(byte[] mine, byte[] recv, Layout in) {
        try {
            comm.Gatherv(mine, 0, mine.length, MPI.BYTE, recv, 0, in.counts, in.displs, MPI.BYTE, 0);
        } catch (MPIException e) {
            throw new MpjException("Gatherv failed on rank " + rank, e);
        }
    }

    private static int[] lengths(byte[][] arrays) {
        int[] lengths = new int[arrays.length];
        for (int r = 0; r < arrays.length; r++) {
            lengths[r] = arrays[r].length;
        }
        return lengths;
    }

    private static byte[] pack(byte[][] parts, Layout layout) {
        if (layout.total == 0) {
            return NO_BYTES;
        }
        byte[] packed = new byte[layout.total];
        for (int r = 0; r < parts.length; r++) {
            System.arraycopy(parts[r], 0, packed, layout.displs[r], layout.counts[r]);
        }
        return packed;
    }

    private static byte[][] unpack(byte[] packed, Layout layout) {
        byte[][] parts = new byte[layout.counts.length][];
        for (int r = 0; r < parts.length; r++) {
            parts[r] = layout.counts[r] == 0 ? NO_BYTES
                    : Arrays.copyOfRange(packed, layout.displs[r], layout.displs[r] + layout.counts[r]);
        }
        return parts;
    }

    /** Counts and displacements of one packed buffer, as {@code Alltoallv}/{@code Gatherv} want them. */
    private static final class Layout {
        final int[] counts;
        final int[] displs;
        final int total;

        private Layout(int[] counts, int[] displs, int total) {
            this.counts = counts;
            this.displs = displs;
            this.total = total;
        }

        static Layout of(int[] counts) {
            int[] displs = new int[counts.length];
            long total = 0;
            for (int r = 0; r < counts.length; r++) {
                if (counts[r] < 0) {
                    throw new IllegalArgumentException("negative size " + counts[r] + " for rank " + r);
                }
                displs[r] = (int) total;
                total += counts[r];
            }
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("more than 2 GiB in one collective: " + total + " bytes");
            }
            return new Layout(counts.clone(), displs, (int) total);
        }

        static Layout empty(int ranks) {
            return new Layout(new int[ranks], new int[ranks], 0);
        }
    }
}
