package org.bitswarm.protocol.config;

import java.util.List;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/** A BitTorrent scenario: the torrents, who takes part, the network, client behaviour, trackers and a timeline. */
public record SwarmConfig(
        @Doc("the torrents") List<TorrentSpec> torrents,
        @Doc("client groups") List<GroupSpec> groups,
        @Doc("latencies") NetworkSpec network,
        @Doc("client behaviour") ProtocolSpec protocol,
        @Doc("tracker agents") TrackerSpec trackers,
        @Doc("scheduled events: tracker_outage (the tracker drops every announce for duration), pause (every client of the group goes offline in all its torrents, keeping its verified pieces), resume (they come back and carry on), abort (they leave for good; their downloads count as over)") List<TimelineEvent> timeline,
        @Doc("bytes (real blocks travel, pieces hashed) or digest (a block fingerprint travels)") Enums.PayloadMode payload,
        @Doc("piece hash: sha1 (BEP 3) or sha256 (BEP 52)") Enums.HashAlgo hash,
        @Doc("period of the time series rows") @Unit(Unit.Kind.DURATION) long timeseriesInterval,
        @Doc("all_complete: stop once every downloader finished or left; end_time: run to the end") Enums.Until until) {

    public SwarmConfig {
        torrents = torrents == null ? List.of() : List.copyOf(torrents);
        groups = groups == null ? List.of() : List.copyOf(groups);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        ConfigError.require(!torrents.isEmpty(), "torrents", "at least one torrent");
        ConfigError.require(network != null, "network", "missing");
        ConfigError.require(protocol != null, "protocol", "missing");
        ConfigError.require(trackers != null, "trackers", "missing");
        ConfigError.require(payload != null, "payload", "must be bytes or digest");
        ConfigError.require(hash != null, "hash", "must be sha1 or sha256");
        ConfigError.require(timeseriesInterval > 0, "timeseries_interval", "must be positive");
        ConfigError.require(until != null, "until", "must be all_complete or end_time");
    }

    public static SwarmConfig defaults() {
        GroupSpec peers = GroupSpec.defaults();
        GroupSpec seed = new GroupSpec("seed", 1, List.of(new Membership("t0", Enums.Role.SEED, 0)), peers.upload(),
                peers.download(), peers.arrival(), peers.seeding(), 0, 0);
        return new SwarmConfig(List.of(TorrentSpec.defaults()), List.of(seed, peers), NetworkSpec.defaults(),
                ProtocolSpec.defaults(), TrackerSpec.defaults(), List.of(), Enums.PayloadMode.BYTES, Enums.HashAlgo.SHA1,
                10_000_000_000L, Enums.Until.ALL_COMPLETE);
    }

    /** Cross-record checks; returns this for chaining. Throws ConfigError with a key path. */
    public SwarmConfig validate() {
        for (int i = 0; i < torrents.size(); i++) {
            for (int j = 0; j < i; j++) {
                ConfigError.require(!torrents.get(i).name().equals(torrents.get(j).name()), "torrents[" + i + "].name",
                        "duplicate torrent name " + torrents.get(i).name());
            }
        }
        long clients = 0;
        for (int g = 0; g < groups.size(); g++) {
            GroupSpec gs = groups.get(g);
            clients += gs.count();
            for (int j = 0; j < g; j++) {
                ConfigError.require(!groups.get(j).name().equals(gs.name()), "groups[" + g + "].name", "duplicate group name");
            }
            try {
                gs.protocol().over(protocol);
            } catch (ConfigError e) {
                throw new ConfigError("groups[" + g + "].protocol." + e.key(), e.reason());
            }
            for (int m = 0; m < gs.torrents().size(); m++) {
                String t = gs.torrents().get(m).torrent();
                ConfigError.require(torrentIndex(t) >= 0, "groups[" + g + "].torrents[" + m + "].torrent", "unknown torrent " + t);
                for (int k = 0; k < m; k++) {
                    ConfigError.require(!gs.torrents().get(k).torrent().equals(t), "groups[" + g + "].torrents[" + m + "].torrent",
                            "torrent listed twice");
                }
            }
        }
        ConfigError.require(clients >= 1, "groups", "at least one client");
        ConfigError.require(clients + trackers.count() < Integer.MAX_VALUE, "groups", "too many clients");
        for (int t = 0; t < torrents.size(); t++) {
            ConfigError.require(hasSource(torrents.get(t).name()), "torrents[" + t + "]",
                    "no seed and no peer with initial content: nobody can ever finish " + torrents.get(t).name());
        }
        for (int e = 0; e < timeline.size(); e++) {
            TimelineEvent ev = timeline.get(e);
            if (ev.kind() == Enums.EventKind.TRACKER_OUTAGE) {
                ConfigError.require(ev.tracker() < trackers.count(), "timeline[" + e + "].tracker", "no such tracker");
            } else {
                ConfigError.require(groupIndex(ev.group()) >= 0, "timeline[" + e + "].group", "unknown group " + ev.group());
            }
        }
        return this;
    }

    private boolean hasSource(String torrent) {
        for (GroupSpec g : groups) {
            for (Membership m : g.torrents()) {
                if (g.count() > 0 && m.torrent().equals(torrent)
                        && (m.role() == Enums.Role.SEED || m.initialContent() > 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The protocol a group's clients run: the swarm's, with the group's own blocks in place. */
    public ProtocolSpec protocolOf(int group) {
        return groups.get(group).protocol().over(protocol);
    }

    public int torrentIndex(String name) {
        for (int i = 0; i < torrents.size(); i++) {
            if (torrents.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public int groupIndex(String name) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
