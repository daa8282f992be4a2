package org.bitswarm.protocol.choke;

import org.bitswarm.engine.config.ConfigError;

/** Validation shared by the mainline-style chokers' configuration records. */
final class Checks {
    private Checks() {}

    static void common(int slots, long rechokeInterval, long optimisticInterval, double newConnectionWeight) {
        ConfigError.require(slots >= 1, "slots", "must be >= 1");
        intervals(rechokeInterval, optimisticInterval, newConnectionWeight);
    }

    /** As {@link #common}, where {@code slots: 0} is mainline's automatic count from the upload rate. */
    static void mainline(int slots, long rechokeInterval, long optimisticInterval, double newConnectionWeight) {
        ConfigError.require(slots >= 0, "slots", "must be >= 1, or 0 for mainline 4.x's count from the upload rate");
        intervals(rechokeInterval, optimisticInterval, newConnectionWeight);
    }

    private static void intervals(long rechokeInterval, long optimisticInterval, double newConnectionWeight) {
        ConfigError.require(rechokeInterval > 0, "rechoke_interval", "must be positive");
        ConfigError.require(optimisticInterval >= rechokeInterval, "optimistic_interval", "must be >= rechoke_interval");
        ConfigError.require(newConnectionWeight >= 1, "new_connection_weight", "must be >= 1");
    }
}
