package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/** Tracker agents; every client announces to each of them (multi-tracker, all tiers). */
public record TrackerSpec(
        @Doc("number of tracker agents; every client announces to all of them (as in BEP 12 with each tracker its own tier), so a group uses every tracker and an outage of one leaves the others") int count,
        @Doc("periodic announce interval (mainline tracker: 30 min)") @Unit(Unit.Kind.DURATION) long announceInterval,
        @Doc("announce again after this delay while a client has fewer than min_peers connections") @Unit(Unit.Kind.DURATION) long retryInterval,
        @Doc("below this many connections a client re-announces early (mainline: 20)") int minPeers,
        @Doc("peers per reply (BEP 3 numwant: 50)") int numwant) {

    public TrackerSpec {
        ConfigError.require(count >= 1, "count", "must be >= 1");
        ConfigError.require(announceInterval > 0, "announce_interval", "must be positive");
        ConfigError.require(retryInterval > 0 && retryInterval <= announceInterval, "retry_interval", "must be in (0, announce_interval]");
        ConfigError.require(minPeers >= 0, "min_peers", "must be >= 0");
        ConfigError.require(numwant >= 1, "numwant", "must be >= 1");
    }

    public static TrackerSpec defaults() {
        return new TrackerSpec(1, 1_800_000_000_000L, 60_000_000_000L, 20, 50);
    }
}
