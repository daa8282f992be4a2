package org.bitswarm.engine;

/** Rebuilds payloads that arrive from another rank. The event kind tells which payload type to read. */
@FunctionalInterface
public interface PayloadCodec {
    Payload decode(int kind, ByteReader in);

    /** For models whose events carry no payload. */
    PayloadCodec NONE = (kind, in) -> null;
}
