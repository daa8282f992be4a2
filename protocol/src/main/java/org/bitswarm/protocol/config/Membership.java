package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;

/** A group's part in one torrent. */
public record Membership(
        @Doc("torrent name") String torrent,
        @Doc("seed (has everything, only uploads), peer (uploads and downloads) or leecher (a free rider: downloads, never uploads; not the time series' \"leechers\", which counts every session still downloading)") Enums.Role role,
        @Doc("fraction of the pieces a peer starts with, chosen at random (0 = empty)") double initialContent) {

    public Membership {
        ConfigError.require(torrent != null && !torrent.isBlank(), "torrent", "must name a torrent");
        ConfigError.require(role != null, "role", "must be seed, peer or leecher");
        ConfigError.require(initialContent >= 0 && initialContent < 1, "initial_content", "must be in [0, 1)");
        ConfigError.require(initialContent == 0 || role != Enums.Role.SEED, "initial_content", "a seed has everything");
    }

    public static Membership defaults() {
        return new Membership("t0", Enums.Role.PEER, 0);
    }
}
