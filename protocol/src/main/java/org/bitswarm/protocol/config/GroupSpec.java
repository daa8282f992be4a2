package org.bitswarm.protocol.config;

import java.util.List;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;

/** A group of identical clients: how many, their torrents and roles, links, arrivals, seeding, misbehaviour. */
public record GroupSpec(
        @Doc("group name, used by the timeline") String name,
        @Doc("number of clients") int count,
        @Doc("torrents the clients take part in, with a role each") List<Membership> torrents,
        @Doc("upload capacity per client: one access link, shared by all the torrents the client takes part in") CapacitySpec upload,
        @Doc("download capacity per client, shared by all its torrents") CapacitySpec download,
        @Doc("when the clients join") ArrivalSpec arrival,
        @Doc("how long a client seeds after completing") SeedingSpec seeding,
        @Doc("fraction of the clients that send corrupt data (the first ones of the group)") double corruptFraction,
        @Doc("probability that a corrupt client garbles a block it sends") double corruptProbability,
        @Doc("protocol blocks this group runs instead of the swarm's (e.g. {choker: {kind: bit_tyrant}})") ProtocolOverride protocol) {

    public GroupSpec {
        torrents = torrents == null ? List.of() : List.copyOf(torrents);
        ConfigError.require(name != null && !name.isBlank(), "name", "must not be empty");
        ConfigError.require(count >= 0, "count", "must be >= 0");
        ConfigError.require(!torrents.isEmpty(), "torrents", "a group needs at least one torrent");
        ConfigError.require(upload != null, "upload", "missing");
        ConfigError.require(download != null, "download", "missing");
        ConfigError.require(arrival != null, "arrival", "missing");
        ConfigError.require(seeding != null, "seeding", "missing");
        ConfigError.require(corruptFraction >= 0 && corruptFraction <= 1, "corrupt_fraction", "must be in [0, 1]");
        ConfigError.require(corruptProbability >= 0 && corruptProbability <= 1, "corrupt_probability", "must be in [0, 1]");
        protocol = protocol == null ? ProtocolOverride.defaults() : protocol;
    }

    /** A group that runs the swarm's protocol. */
    public GroupSpec(String name, int count, List<Membership> torrents, CapacitySpec upload, CapacitySpec download,
            ArrivalSpec arrival, SeedingSpec seeding, double corruptFraction, double corruptProbability) {
        this(name, count, torrents, upload, download, arrival, seeding, corruptFraction, corruptProbability,
                ProtocolOverride.defaults());
    }

    public GroupSpec withProtocol(ProtocolOverride p) {
        return new GroupSpec(name, count, torrents, upload, download, arrival, seeding, corruptFraction,
                corruptProbability, p);
    }

    public static GroupSpec defaults() {
        return new GroupSpec("g0", 1, List.of(Membership.defaults()), CapacitySpec.defaults(),
                CapacitySpec.fixed(10_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
    }

    /** Clients of this group that misbehave: the first {@code round(count * corrupt_fraction)}. */
    public int corruptCount() {
        return (int) Math.round(count * corruptFraction);
    }
}
