package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/**
 * A scheduled change: a tracker outage (at, for duration; tracker -1 = all), or a group that pauses, resumes
 * (keeping verified pieces) or aborts (leaves for good) at a time.
 */
public record TimelineEvent(
        @Doc("tracker_outage, pause, resume or abort") Enums.EventKind kind,
        @Doc("when it happens") @Unit(Unit.Kind.DURATION) long at,
        @Doc("outage length") @Unit(Unit.Kind.DURATION) long duration,
        @Doc("group for pause, resume and abort (all its clients)") String group,
        @Doc("tracker index for an outage, -1 for all") int tracker) {

    public TimelineEvent {
        ConfigError.require(kind != null, "kind", "must be tracker_outage, pause, resume or abort");
        ConfigError.require(at >= 0, "at", "must be >= 0");
        ConfigError.require(duration >= 0, "duration", "must be >= 0");
        group = group == null ? "" : group;
        ConfigError.require(kind == Enums.EventKind.TRACKER_OUTAGE || !group.isBlank(), "group", "needed for " + kind);
        ConfigError.require(tracker >= -1, "tracker", "must be >= -1");
    }

    public static TimelineEvent defaults() {
        return new TimelineEvent(Enums.EventKind.TRACKER_OUTAGE, 0, 0, "", -1);
    }
}
