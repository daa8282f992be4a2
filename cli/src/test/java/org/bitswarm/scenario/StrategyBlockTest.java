package org.bitswarm.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bitswarm.protocol.choke.RandomChoker;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.net.FixedLatency;
import org.bitswarm.protocol.pick.SequentialPicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strategy blocks bind by kind: a mapping with kind, a mapping without (the default kind), a bare kind name. */
class StrategyBlockTest {
    @TempDir
    Path dir;

    private SwarmConfig load(String protocolAndNetwork) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "model: bittorrent\nbittorrent:\n  torrents:\n    - {name: a, file_size: 1MiB}\n  groups:\n"
                + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n" + protocolAndNetwork);
        return Scenario.load(f).settings().bittorrent();
    }

    @Test
    void blocksBindToTheirKindsRecords() throws Exception {
        SwarmConfig c = load("  protocol:\n    choker: {kind: random, slots: 8}\n    piece_selection: sequential\n"
                + "  network:\n    latency: {kind: fixed, delay: 25ms}\n");
        assertEquals(RandomChoker.Config.defaults().slots() + 4, ((RandomChoker.Config) c.protocol().choker()).slots());
        assertEquals(new RandomChoker.Config(8, 10_000_000_000L, 30_000_000_000L, 3), c.protocol().choker());
        assertEquals(SequentialPicker.Config.defaults(), c.protocol().pieceSelection());
        assertEquals(new FixedLatency.Config(25_000_000L), c.network().latency());
    }

    @Test
    void aBlockWithoutKindIsTheDefaultKindAndMissingBlocksAreDefaults() throws Exception {
        SwarmConfig c = load("  protocol:\n    choker: {slots: 7}\n    connections: {pipeline: 9}\n");
        assertEquals(TitForTatChoker.Config.defaults().withSlots(7), c.protocol().choker());
        assertEquals(ProtocolSpec.ConnectionSpec.defaults().withPipeline(9), c.protocol().connections());
        assertEquals(ProtocolSpec.defaults().pieceSelection(), c.protocol().pieceSelection());
    }
}
