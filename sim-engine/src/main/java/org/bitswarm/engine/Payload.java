package org.bitswarm.engine;

/**
 * The content of a message or timer. A payload that may cross ranks must encode itself; the receiving rank
 * rebuilds it with the model's {@link PayloadCodec}. The encoding also feeds the event digest, so it must be
 * a pure function of the payload's content. Payloads are treated as immutable once sent.
 */
public interface Payload {
    void encode(ByteWriter out);
}
