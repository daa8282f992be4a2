package org.bitswarm.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bitswarm.protocol.choke.BitTyrantChoker;
import org.bitswarm.protocol.choke.RandomChoker;
import org.bitswarm.protocol.link.WeightedFair;
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
        return Scenario.load(f).settings().section(SwarmConfig.class);
    }

    @Test
    void blocksBindToTheirKindsRecords() throws Exception {
        SwarmConfig c = load("  protocol:\n    choker: {kind: random, slots: 8}\n    piece_selection: sequential\n"
                + "  network:\n    latency: {kind: fixed, delay: 25ms}\n");
        assertEquals(RandomChoker.Config.defaults().slots() + 4, ((RandomChoker.Config) c.protocol().choker()).slots());
        assertEquals(new RandomChoker.Config(8, 10_000_000_000L, 30_000_000_000L, 3, true, false), c.protocol().choker());
        assertEquals(SequentialPicker.Config.defaults(), c.protocol().pieceSelection());
        assertEquals(new FixedLatency.Config(25_000_000L), c.network().latency());
    }

    @Test
    void aGroupsProtocolBlocksReplaceTheSwarmsForThatGroupOnly() throws Exception {
        Path f = dir.resolve("g.yaml");
        Files.writeString(f, "model: bittorrent\nbittorrent:\n  torrents:\n    - {name: a, file_size: 1MiB}\n  groups:\n"
                + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n"
                + "    - name: t\n      count: 2\n      torrents: [{torrent: a, role: peer}]\n"
                + "      protocol: {choker: {kind: bit_tyrant}, links: weighted_fair}\n"
                + "  protocol: {ban_threshold: 5}\n");
        SwarmConfig c = Scenario.load(f).settings().section(SwarmConfig.class);
        assertEquals(ProtocolSpec.defaults().withBanThreshold(5), c.protocolOf(0));
        assertEquals(BitTyrantChoker.Config.defaults(), c.protocolOf(1).choker());
        assertEquals(WeightedFair.Config.defaults(), c.protocolOf(1).links());
        assertEquals(5, c.protocolOf(1).banThreshold(), "blocks the group does not give are the swarm's");
    }

    @Test
    void aGroupBlockThatDoesNotFitTheSwarmIsReportedAtTheGroup() throws Exception {
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, "model: bittorrent\nbittorrent:\n  torrents:\n    - {name: a, file_size: 1MiB}\n  groups:\n"
                + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n"
                + "    - name: t\n      count: 2\n      torrents: [{torrent: a, role: peer}]\n"
                + "      protocol: {choker: {rechoke_interval: 1s, optimistic_interval: 3s}}\n"
                + "  protocol: {have: {batch: 5s}}\n");
        ScenarioError e = assertThrows(ScenarioError.class, () -> Scenario.load(f));
        assertTrue(e.getMessage().contains("groups[1].protocol.have.batch"), e.getMessage());
    }

    @Test
    void aBlockWithoutKindIsTheDefaultKindAndMissingBlocksAreDefaults() throws Exception {
        SwarmConfig c = load("  protocol:\n    choker: {slots: 7}\n    connections: {pipeline: 9}\n");
        assertEquals(TitForTatChoker.Config.defaults().withSlots(7), c.protocol().choker());
        assertEquals(ProtocolSpec.ConnectionSpec.defaults().withPipeline(9), c.protocol().connections());
        assertEquals(ProtocolSpec.defaults().pieceSelection(), c.protocol().pieceSelection());
    }
}
