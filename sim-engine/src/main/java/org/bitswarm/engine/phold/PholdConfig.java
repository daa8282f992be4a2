package org.bitswarm.engine.phold;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/** The {@code phold:} section of a scenario. Durations are ticks (nanoseconds). */
public record PholdConfig(
        @Doc("number of entities (logical processes)") long entities,
        @Doc("jobs each entity holds at t = 0") int jobsPerEntity,
        @Doc("probability that a hop goes to another entity rather than to itself") double remoteFraction,
        @Doc("minimum delay of every hop, and the engine's lookahead") @Unit(Unit.Kind.DURATION) long lookahead,
        @Doc("mean of the exponential part of a hop's delay") @Unit(Unit.Kind.DURATION) long meanDelay,
        @Doc("testing aid: this entity throws on its first event (-1: none)") long failOnEntity) {

    public PholdConfig {
        ConfigError.require(entities >= 2 && entities <= 100_000_000, "entities", "must be in [2, 100000000], got " + entities);
        ConfigError.require(jobsPerEntity >= 0 && jobsPerEntity <= 10_000, "jobs_per_entity", "must be in [0, 10000], got " + jobsPerEntity);
        ConfigError.require(remoteFraction >= 0 && remoteFraction <= 1, "remote_fraction", "must be in [0, 1], got " + remoteFraction);
        ConfigError.require(lookahead >= 1, "lookahead", "must be positive");
        ConfigError.require(meanDelay >= 0, "mean_delay", "must not be negative");
        ConfigError.require(failOnEntity >= -1 && failOnEntity < entities, "fail_on_entity", "must be -1 or an entity id, got " + failOnEntity);
    }

    public static PholdConfig defaults() {
        return new PholdConfig(1000, 10, 0.05, 1_000_000L, 1_000_000L, -1);
    }

    public Phold model() {
        return new Phold(entities, jobsPerEntity, remoteFraction, lookahead, meanDelay, failOnEntity);
    }
}
