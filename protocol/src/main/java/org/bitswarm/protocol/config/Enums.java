package org.bitswarm.protocol.config;

/** The enumerated choices of a swarm scenario. YAML writes the lower-case constant name. */
public final class Enums {
    private Enums() {}

    /** What a client does in one torrent. */
    public enum Role { SEED, PEER, LEECHER }

    /** {@code bytes}: real block bytes travel and pieces are hashed; {@code digest}: a block fingerprint travels. */
    public enum PayloadMode { BYTES, DIGEST }

    /** Piece hash: SHA-1 (BEP 3) or SHA-256 (BEP 52). */
    public enum HashAlgo { SHA1, SHA256 }

    /** When a run may stop before its end time. */
    public enum Until { ALL_COMPLETE, END_TIME }

    public enum CapacityKind { FIXED, CLASSES, UNIFORM }

    public enum ArrivalKind { FLASH, POISSON, LIST }

    public enum SeedingKind { NONE, FIXED, EXPONENTIAL, FOREVER }

    public enum EventKind { TRACKER_OUTAGE, PAUSE, RESUME, ABORT }
}
