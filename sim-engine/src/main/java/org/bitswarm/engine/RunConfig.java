package org.bitswarm.engine;

/**
 * How to run a model: the seed and replication that select the random streams, the end of simulated time
 * (events at {@code t >= endTime} are not run; {@link Ticks#NEVER} runs until nothing is left), whether to
 * keep a full event trace (for golden tests), and a listener for progress on rank 0.
 */
public record RunConfig(long seed, int replication, long endTime, boolean trace, WindowListener listener) {

    public RunConfig {
        if (replication < 0) {
            throw new IllegalArgumentException("replication must be >= 0");
        }
        if (endTime <= 0) {
            throw new IllegalArgumentException("end time must be positive");
        }
        if (listener == null) {
            listener = WindowListener.NONE;
        }
    }

    public static RunConfig of(long seed, long endTime) {
        return new RunConfig(seed, 0, endTime, false, WindowListener.NONE);
    }

    public RunConfig withTrace(boolean on) {
        return new RunConfig(seed, replication, endTime, on, listener);
    }

    public RunConfig withListener(WindowListener l) {
        return new RunConfig(seed, replication, endTime, trace, l);
    }

    public RunConfig withReplication(int r) {
        return new RunConfig(seed, r, endTime, trace, listener);
    }

    /** Called on rank 0 after every window with the next window start and the global event count. */
    @FunctionalInterface
    public interface WindowListener {
        void windowDone(long nextTime, long eventsSoFar, long windows);

        /** Called on rank 0 once the last window is done, with what the last {@link #windowDone} was given. */
        default void runDone(long nextTime, long events, long windows) {}

        WindowListener NONE = (t, e, w) -> {};
    }
}
