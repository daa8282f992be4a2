package org.bitswarm.engine;

/** A message to another entity was stamped inside the lookahead: the model broke the engine's contract. */
public final class LookaheadViolation extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LookaheadViolation(String message) {
        super(message);
    }
}
