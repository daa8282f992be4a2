package org.bitswarm.engine;

/**
 * An agent with a global id. It reacts to events addressed to it and interacts with other entities only
 * through {@link Context#send}; it never reads or writes another entity's fields, nor state shared with other
 * entities that depends on the order of their events, so it can live on any rank. The engine relies on this
 * twice: for the partition, and to run each window entity by entity (see {@link RankEngine}). Read-only shared
 * data (configuration, memoised pure functions) is fine.
 */
public interface Entity {

    /** Called once before the first window, in id order on each rank, with {@code ctx.now() == 0}. */
    default void start(Context ctx) {}

    /** Handles one event addressed to this entity. {@code source} is the sender's id (own id for timers). */
    void handle(Context ctx, long source, int kind, Payload payload);

    /** Writes the entity's final state for the run's outputs; gathered at rank 0 in id order. */
    default void report(ByteWriter out) {}
}
