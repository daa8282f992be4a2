package org.bitswarm.engine;

/**
 * A simulation model: how many entities there are, how to build the ones a rank owns, and how its payloads
 * travel. The engine knows nothing else about it.
 */
public interface Model {

    long entityCount();

    /** The smallest delay of any message between two different entities, in ticks; at least 1. */
    long lookahead();

    /** Builds entity {@code id}; called only on the rank that owns it. */
    Entity createEntity(long id);

    default PayloadCodec codec() {
        return PayloadCodec.NONE;
    }

    /** A readable name for an event, used by the event trace. */
    default String describe(int kind, Payload payload) {
        return payload == null ? "kind" + kind : "kind" + kind + " " + payload;
    }

    default Partitioner partitioner() {
        return Partitioner.BLOCK;
    }
}
