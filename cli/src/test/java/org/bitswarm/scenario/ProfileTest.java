package org.bitswarm.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.choke.LibtorrentChoker;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.config.Profile;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protocol.profile}: a profile sets every protocol default, keys written still override it (in the swarm's
 * block and in a group's), a group may run another profile, mainline is the default and changes nothing.
 */
class ProfileTest {
    private static final String HEAD = "model: bittorrent\nend_time: 10min\nbittorrent:\n  torrents:\n"
            + "    - {name: a, file_size: 1MiB}\n  groups:\n"
            + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}], upload: {kind: fixed, rate: 2Mbit/s}}\n"
            + "    - {name: p, count: 6, torrents: [{torrent: a, role: peer}]}\n";

    @TempDir
    Path dir;

    private Scenario scenario(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return Scenario.load(f);
    }

    private SwarmConfig swarm(String tail) throws Exception {
        return scenario("s.yaml", HEAD + tail).settings().section(SwarmConfig.class);
    }

    private static String digest(Scenario sc) {
        RunSettings s = sc.settings();
        SwarmConfig cfg = s.section(SwarmConfig.class);
        RunResult r = LocalCluster.run(() -> new BitTorrentModel(cfg, s.seed()), 1, RunConfig.of(s.seed(), s.endTime()));
        return r.eventDigest();
    }

    @Test
    void mainlineIsTheDefaultAndChangesNoDigest() throws Exception {
        Path quick = Path.of("..", "scenarios", "quickstart.yaml");
        String text = Files.readString(quick);
        assertTrue(text.contains("\n  network:"), "quickstart has a network block to put the profile before");
        Scenario plain = Scenario.load(quick);
        Scenario explicit = scenario("q.yaml", text.replace("\n  network:", "\n  protocol: {profile: mainline}\n  network:"));
        assertEquals(ProtocolSpec.defaults(), plain.settings().section(SwarmConfig.class).protocol());
        assertEquals(plain.settings().section(SwarmConfig.class), explicit.settings().section(SwarmConfig.class));
        String d = digest(plain);
        assertEquals(d, digest(explicit), "profile: mainline gives the digest of no profile");
        Scenario lt = scenario("l.yaml", text.replace("\n  network:", "\n  protocol: {profile: libtorrent}\n  network:"));
        assertNotEquals(d, digest(lt), "another profile is another run");
    }

    @Test
    void aProfileSetsEveryProtocolDefault() throws Exception {
        for (Profile p : Profile.values()) {
            SwarmConfig c = swarm("  protocol: {profile: " + p.name().toLowerCase(java.util.Locale.ROOT) + "}\n");
            assertEquals(p.spec(), c.protocol(), p.name());
            assertEquals(p.spec(), c.protocolOf(1), "groups without protocol blocks run the swarm's profile");
        }
        assertEquals(Profile.MAINLINE.spec(), ProtocolSpec.defaults());
    }

    @Test
    void keysWrittenBesideAProfileOverrideIt() throws Exception {
        SwarmConfig c = swarm("  protocol:\n    profile: libtorrent\n    choker: {slots: 4}\n    connections: {pipeline: 9}\n"
                + "    ban_threshold: 1\n");
        ProtocolSpec lt = Profile.LIBTORRENT.spec();
        assertEquals(LibtorrentChoker.Config.defaults().withSlots(4), c.protocol().choker(), "a block without kind takes the profile's kind");
        assertEquals(lt.connections().withPipeline(9), c.protocol().connections(), "other keys of the block stay the profile's");
        assertEquals(1, c.protocol().banThreshold());
        assertEquals(lt.pieceSelection(), c.protocol().pieceSelection());
        assertEquals(lt.have(), c.protocol().have());
        // another kind than the profile's has its own defaults, a bare kind name too
        assertEquals(TitForTatChoker.Config.defaults(), swarm("  protocol: {profile: libtorrent, choker: {kind: tit_for_tat}}\n")
                .protocol().choker());
        assertEquals(LibtorrentChoker.Config.defaults(), swarm("  protocol: {profile: transmission, choker: libtorrent}\n")
                .protocol().choker());
    }

    @Test
    void groupBlocksTakeTheProfileInForceAndAGroupMayRunAnotherClient() throws Exception {
        String text = "model: bittorrent\nend_time: 10min\nbittorrent:\n  torrents:\n    - {name: a, file_size: 1MiB}\n  groups:\n"
                + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n"
                + "    - {name: t, count: 2, torrents: [{torrent: a, role: peer}], protocol: {choker: {seeding_piece_quota: 5}}}\n"
                + "    - {name: u, count: 2, torrents: [{torrent: a, role: peer}], protocol: {profile: transmission, connections: {max: 60}}}\n"
                + "    - {name: v, count: 2, torrents: [{torrent: a, role: peer}], protocol: {have: {batch: 0s}}}\n"
                + "  protocol: {profile: libtorrent, ban_threshold: 9}\n";
        SwarmConfig c = scenario("g.yaml", text).settings().section(SwarmConfig.class);
        ProtocolSpec lt = Profile.LIBTORRENT.spec().withBanThreshold(9);
        assertEquals(lt, c.protocolOf(0));
        assertEquals(lt.withChoker(LibtorrentChoker.Config.defaults().withSeedingPieceQuota(5)), c.protocolOf(1),
                "a group's block takes the swarm's profile for its keys not given, the swarm's blocks elsewhere");
        ProtocolSpec tr = Profile.TRANSMISSION.spec();
        assertEquals(tr.withConnections(new ProtocolSpec.ConnectionSpec(60, 50, 4, 10_000_000_000L, 500,
                ProtocolSpec.ConnectionSpec.PipelineRule.LEAST, 0, 0, 60_000_000_000L, 300_000_000_000L)), c.protocolOf(2),
                "a group with its own profile runs that client: even the swarm's ban_threshold is not its");
        assertEquals(lt.withHave(new ProtocolSpec.HaveSpec(true, 0)), c.protocolOf(3), "have.redundant: libtorrent's true");
        // without a swarm profile, a group's block keeps the plain defaults
        SwarmConfig m = scenario("m.yaml", text.replace("  protocol: {profile: libtorrent, ban_threshold: 9}\n", "")
                .replace("{choker: {seeding_piece_quota: 5}}", "{choker: {slots: 5}}"))
                .settings().section(SwarmConfig.class);
        assertEquals(ProtocolSpec.HaveSpec.defaults(), m.protocolOf(3).have());
    }

    @Test
    void anUnknownProfileNamesFileLineAndKey() throws Exception {
        ScenarioError e = assertThrows(ScenarioError.class, () -> swarm("  protocol:\n    profile: vuze\n"));
        assertTrue(e.getMessage().matches(".*s\\.yaml:10: bittorrent\\.protocol\\.profile: expected one of mainline, mainline_strict, libtorrent,"
                + " transmission, got \"vuze\""), e.getMessage());
        ScenarioError g = assertThrows(ScenarioError.class, () -> scenario("g.yaml", HEAD.replace(
                "torrents: [{torrent: a, role: peer}]}", "torrents: [{torrent: a, role: peer}], protocol: {profile: 3}}")));
        assertTrue(g.getMessage().contains("g.yaml:8: bittorrent.groups[1].protocol.profile: expected one of"), g.getMessage());
    }

    /** Every key of a profile's protocol block as a dotted path, with its value as the reference writes it. */
    private static Map<String, String> flat(Record r, String prefix, Map<String, String> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String key = prefix + Binder.snake(c.getName());
            if (v instanceof Record nested) {
                Map<String, Class<? extends Record>> kinds = c.getType().isInterface() ? Binder.kinds(c.getType()) : null;
                if (kinds != null) {
                    kinds.forEach((k, cls) -> {
                        if (cls == nested.getClass()) {
                            out.put(key + ".kind", k);
                        }
                    });
                }
                flat(nested, key + ".", out);
            } else {
                out.put(key, ReferenceWriter.scalar(v, c.getAnnotation(Unit.class)));
            }
        }
        return out;
    }

    @Test
    void theDocumentedTableIsWhatTheProfilesSet() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "profiles.md"));
        List<String> header = null;
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (String l : lines) {
            if (header == null && !l.startsWith("| key |")) {
                continue; // the profile table is the one headed by "key"; other tables follow it
            }
            if (!l.startsWith("| ")) {
                if (!table.isEmpty()) {
                    break;
                }
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : l.substring(1, l.length() - 1).split("\\|", -1)) {
                cells.add(cell.trim().replace("`", ""));
            }
            if (header == null) {
                header = cells;
            } else if (!cells.get(0).startsWith("---")) {
                table.put(cells.get(0), cells);
            }
        }
        List<String> columns = new ArrayList<>(List.of("key"));
        for (Profile p : Profile.values()) {
            columns.add(p.name().toLowerCase(Locale.ROOT));
        }
        assertEquals(columns, header.subList(0, columns.size()), "table header");
        TreeSet<String> keys = new TreeSet<>();
        List<Map<String, String>> values = new ArrayList<>();
        for (Profile p : Profile.values()) {
            Map<String, String> f = flat(p.spec(), "", new LinkedHashMap<>());
            values.add(f);
            keys.addAll(f.keySet());
        }
        StringBuilder expected = new StringBuilder();
        for (String k : keys) {
            expected.append("| `").append(k).append('`');
            for (Map<String, String> f : values) {
                expected.append(" | ").append(f.getOrDefault(k, "-"));
            }
            expected.append(" |\n");
        }
        assertEquals(keys, new TreeSet<>(table.keySet()), "docs/profiles.md has a row for every key, no other; the rows:\n" + expected);
        for (String k : keys) {
            for (int i = 0; i < values.size(); i++) {
                String p = Profile.values()[i].name().toLowerCase(Locale.ROOT);
                assertEquals(values.get(i).getOrDefault(k, "-"), table.get(k).get(i + 1), "docs/profiles.md: " + k + ", " + p);
            }
            assertTrue(table.get(k).size() == columns.size() + 1, "a source column for " + k);
        }
    }

    @Test
    void theExampleOfTheProfilesPageRunsAsItSays() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "profiles.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "a yaml example");
        SwarmConfig c = scenario("p.yaml", "model: bittorrent\n" + m.group(1)).settings().section(SwarmConfig.class);
        ProtocolSpec lt = Profile.LIBTORRENT.spec().withChoker(LibtorrentChoker.Config.defaults().withSlots(4));
        assertEquals(lt, c.protocol());
        assertEquals(lt, c.protocolOf(0), "the seed runs the swarm's protocol");
        assertEquals(Profile.MAINLINE.spec(), c.protocolOf(1), "old-clients run mainline");
        assertEquals(lt.withConnections(lt.connections().withPipelineTime(1_000_000_000L, lt.connections().pipelineMax())),
                c.protocolOf(2), "tuned: the swarm's profile and blocks, its own pipeline_time");
    }
    @Test
    void theExactMainlineBlockOfTheProfilesPageIsTheStrictProfile() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "profiles.md"));
        String section = page.substring(page.indexOf("### Exact mainline 4.x"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(section);
        assertTrue(m.find(), "a yaml block under Exact mainline 4.x");
        ProtocolSpec p = scenario("m.yaml", "model: bittorrent\n" + m.group(1)).settings().section(SwarmConfig.class).protocol();
        ProtocolSpec strict = Profile.MAINLINE_STRICT.spec();
        assertEquals(new ProtocolSpec(Profile.MAINLINE_STRICT, p.connections(), p.choker(), p.pieceSelection(), p.links(),
                p.have(), p.pex(), p.banThreshold(), p.smartBan(), p.ipOverhead()), strict,
                "the block written out is profile: mainline_strict");
        ProtocolSpec d = Profile.MAINLINE.spec();
        assertEquals(2, strict.connections().depth(0), "2 requests on a connection that has received nothing");
        assertEquals(2 + 30, strict.connections().depth(125_000), "2 + 4 s of 1 Mbit/s in 16 KiB blocks");
        TitForTatChoker.Config c = (TitForTatChoker.Config) strict.choker();
        assertEquals(0, c.slots(), "slots from the upload rate");
        assertTrue(c.rechokeOnConnect());
        assertTrue(strict.have().redundant());
        assertFalse(strict.pex().enabled());
        // and nothing else differs from the mainline profile
        assertEquals(d.withConnections(strict.connections()).withChoker(strict.choker()).withHave(strict.have())
                .withPex(strict.pex()), new ProtocolSpec(Profile.MAINLINE, strict.connections(), strict.choker(),
                strict.pieceSelection(), strict.links(), strict.have(), strict.pex(), strict.banThreshold(),
                strict.smartBan(), strict.ipOverhead()));
        assertEquals(5, d.connections().pipeline());
        assertEquals(4, ((TitForTatChoker.Config) d.choker()).slots());
    }
}
