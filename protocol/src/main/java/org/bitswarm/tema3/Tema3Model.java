package org.bitswarm.tema3;

import org.bitswarm.engine.Entity;
import org.bitswarm.engine.Model;
import org.bitswarm.engine.Partitioner;
import org.bitswarm.engine.Payload;
import org.bitswarm.engine.PayloadCodec;
import org.bitswarm.engine.Ticks;

/**
 * The tema3 exercise as a model: entity 0 is the tracker, entity R is client R. Entity i lives on rank
 * i mod ranks, so with as many ranks as entities (the exercise's {@code mpirun -np N}) client R runs on rank
 * R; fewer ranks give the same results, only slower or faster.
 */
public record Tema3Model(Tema3Input input, Timing timing) implements Model {
    static final long TRACKER = 0;

    /** Past this simulated time a run is stuck; a real one lasts seconds (12 clients x 1000 segments x 1 ms). */
    public static final long END_TIME = 3600 * Ticks.SECOND;

    /**
     * The network: every message takes {@code latency}; an upload side needs {@code segmentTime} per segment,
     * one at a time; a download side keeps up to {@code pipeline} requests in flight.
     */
    public record Timing(long latency, long segmentTime, int pipeline) {
        public static final Timing DEFAULT = new Timing(Ticks.MS, Ticks.MS, 4);

        public Timing {
            if (latency < 1 || segmentTime < 0 || pipeline < 1) {
                throw new IllegalArgumentException("bad tema3 timing " + latency + ", " + segmentTime + ", " + pipeline);
            }
        }
    }

    public Tema3Model(Tema3Input input) {
        this(input, Timing.DEFAULT);
    }

    @Override
    public long entityCount() {
        return input.np();
    }

    /** Every message takes the latency, so that is the lookahead. */
    @Override
    public long lookahead() {
        return timing.latency();
    }

    @Override
    public Entity createEntity(long id) {
        return id == TRACKER ? new Tracker(input.np() - 1, timing.latency())
                : new Client(input.client((int) id), timing);
    }

    @Override
    public PayloadCodec codec() {
        return Messages.CODEC;
    }

    @Override
    public String describe(int kind, Payload payload) {
        return Messages.describe(kind, payload);
    }

    @Override
    public Partitioner partitioner() {
        return Partitioner.ROUND_ROBIN;
    }
}
