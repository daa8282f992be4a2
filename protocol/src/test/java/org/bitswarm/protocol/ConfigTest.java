package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.RecordComponent;
import java.util.List;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.net.FixedLatency;
import org.bitswarm.protocol.net.UniformLatency;
import org.bitswarm.protocol.strategy.Strategies;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.RateClass;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TimelineEvent;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.config.TrackerSpec;
import org.junit.jupiter.api.Test;

/** Bad input fails loudly with the key and the reason; every record has defaults() and documented components. */
class ConfigTest {
    @Test
    void pieceSizeMustBeAPowerOfTwo() {
        ConfigError e = assertThrows(ConfigError.class, () -> new TorrentSpec("t", 1 << 20, 100_000));
        assertEquals("piece_size", e.key());
    }

    @Test
    void groupMustReferToAKnownTorrent() {
        SwarmConfig d = SwarmConfig.defaults();
        GroupSpec g = new GroupSpec("g", 3, List.of(new Membership("nope", Enums.Role.PEER, 0)), CapacitySpec.defaults(),
                CapacitySpec.defaults(), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        SwarmConfig bad = new SwarmConfig(d.torrents(), List.of(d.groups().get(0), g), d.network(), d.protocol(),
                d.trackers(), d.timeline(), d.payload(), d.hash(), d.timeseriesInterval(), d.until());
        ConfigError e = assertThrows(ConfigError.class, bad::validate);
        assertEquals("groups[1].torrents[0].torrent", e.key());
    }

    @Test
    void aTorrentNeedsASource() {
        SwarmConfig d = SwarmConfig.defaults();
        SwarmConfig bad = new SwarmConfig(d.torrents(), List.of(GroupSpec.defaults()), d.network(), d.protocol(), d.trackers(),
                d.timeline(), d.payload(), d.hash(), d.timeseriesInterval(), d.until());
        ConfigError e = assertThrows(ConfigError.class, bad::validate);
        assertEquals("torrents[0]", e.key());
    }

    @Test
    void timelineRefersToKnownGroups() {
        SwarmConfig d = SwarmConfig.defaults();
        SwarmConfig bad = new SwarmConfig(d.torrents(), d.groups(), d.network(), d.protocol(), d.trackers(),
                List.of(new TimelineEvent(Enums.EventKind.PAUSE, 0, 0, "ghost", -1)), d.payload(), d.hash(),
                d.timeseriesInterval(), d.until());
        assertEquals("timeline[0].group", assertThrows(ConfigError.class, bad::validate).key());
    }

    @Test
    void latencyBelowOneMillisecondIsRejected() {
        assertEquals("delay", assertThrows(ConfigError.class, () -> new FixedLatency.Config(10_000)).key());
        assertEquals("min", assertThrows(ConfigError.class, () -> new UniformLatency.Config(10_000, 10_000_000)).key());
    }

    @Test
    void defaultsAreValid() {
        SwarmConfig.defaults().validate();
    }

    @Test
    void everyRecordHasDefaultsAndDocs() throws Exception {
        List<Class<?>> all = new java.util.ArrayList<>(List.of(SwarmConfig.class, TorrentSpec.class, GroupSpec.class,
                Membership.class, CapacitySpec.class, RateClass.class, ArrivalSpec.class, SeedingSpec.class,
                NetworkSpec.class, ProtocolSpec.class, ProtocolSpec.ConnectionSpec.class, ProtocolSpec.HaveSpec.class,
                ProtocolSpec.PexSpec.class, TrackerSpec.class, TimelineEvent.class));
        for (var registry : List.of(Strategies.CHOKERS, Strategies.PICKERS, Strategies.LINKS, Strategies.LATENCIES)) {
            all.addAll(registry.kinds().values());
        }
        for (Class<?> c : all) {
            c.getMethod("defaults").invoke(null);
            for (RecordComponent rc : c.getRecordComponents()) {
                if (rc.getAnnotation(Doc.class) == null) {
                    throw new AssertionError(c.getSimpleName() + "." + rc.getName() + " has no @Doc");
                }
            }
        }
    }
}
