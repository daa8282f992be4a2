package org.bitswarm.engine;

import umontreal.ssj.rng.RandomStream;

/** What an entity may do while it handles an event. Passed explicitly: the engine has no static state. */
public interface Context {

    /** Current simulated time in ticks (nanoseconds). */
    long now();

    /** Id of the entity handling the event. */
    long self();

    /** Total number of entities in the model. */
    long entityCount();

    /** The model's lookahead: the smallest delay allowed on a message to another entity. */
    long lookahead();

    /**
     * Sends a message to another entity, to be handled at {@code now() + delay}. Throws
     * {@link LookaheadViolation} if {@code delay < lookahead()}: with that rule the result cannot depend on
     * which rank the destination lives on.
     */
    void send(long dest, long delay, int kind, Payload payload);

    /** Schedules an event for this entity itself (a timer) at {@code now() + delay}, {@code delay >= 0}. */
    void schedule(long delay, int kind, Payload payload);

    /**
     * The entity's own MRG32k3a stream for a purpose (0 to {@link RandomStreams#PURPOSES} - 1), derived from
     * the run's seed, the entity's id, the purpose and the replication, never from creation order.
     */
    RandomStream random(int purpose);

    /** Asks every rank to stop at the end of the current window (a deterministic point in simulated time). */
    void requestStop();
}
