package org.bitswarm.engine.mpj;

import java.util.Arrays;

import mpi.MPI;

/**
 * Start and end of MPJ Express for one rank. These are statics because MPJ's own state is static
 * ({@code MPI.COMM_WORLD}, the device): under the multicore device every rank is a thread with its own class
 * loader, so "static" still means "per rank" there, and under niodev every rank is its own JVM.
 *
 * <p>MPJ's {@code MPIException} is unchecked; failures come out of here as {@link MpjException} naming the rank.
 */
public final class MpjRuntime {

    /** MPJ puts three arguments before the application's: rank, then size or device config, then device. */
    static final int MPJ_LEADING_ARGS = 3;

    /** MPJ 0.44 has no MPI.Finalized(); remembered here so that a second finish() is harmless. */
    private static volatile boolean finished;

    private MpjRuntime() {}

    /**
     * Initialises MPJ for this rank and returns the application's own arguments (those after MPJ's three
     * leading ones). Call it once, first thing in the rank's {@code main}, with the {@code args} MPJ passed in.
     *
     * @throws MpjException if these are not MPJ's arguments (the class was started by plain {@code java}),
     *     or if MPJ fails to bring the device up
     */
    public static String[] init(String[] args) {
        if (args == null || args.length < MPJ_LEADING_ARGS) {
            throw new MpjException("not started by MPJ Express: expected its 3 leading arguments (rank, size or"
                    + " config, device), got " + Arrays.toString(args));
        }
        try {
            return MPI.Init(args);
        } catch (RuntimeException e) {
            throw new MpjException("MPJ Express failed to start rank " + args[0] + " on device " + args[2], e);
        }
    }

    /**
     * Shuts MPJ down for this rank, once; later calls and calls without a successful {@link #init} do nothing.
     * Collective: every rank calls it after its last collective. Not for a finally block after a failure: it
     * would wait for ranks that never come (let RankGuard end the rank instead).
     */
    public static void finish() {
        try {
            if (!finished && MPI.Initialized()) {
                finished = true;
                MPI.Finalize();
            }
        } catch (RuntimeException e) {
            throw new MpjException("MPJ Express failed to finalize", e);
        }
    }
}
