package org.bitswarm.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bitswarm.cli.run.Models;
import org.bitswarm.engine.phold.PholdConfig;
import org.bitswarm.scenario.Binder;
import org.bitswarm.scenario.RunSettings;
import org.bitswarm.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** scenarios/REFERENCE.yaml cannot drift from the code: it loads, gives the defaults, and names every key. */
class ReferenceYamlTest {
    static final Path REFERENCE = Path.of("..", "scenarios", "REFERENCE.yaml");

    @TempDir
    Path dir;

    private static Set<String> keys(MappingNode m) {
        return m.getValue().stream().map(t -> ((ScalarNode) t.getKeyNode()).getValue()).collect(Collectors.toSet());
    }

    private static List<String> componentKeys(Class<? extends Record> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            out.add(Binder.snake(c.getName()));
        }
        return out;
    }

    @Test
    void loadsAndSpellsOutTheDefaults() {
        Scenario sc = Scenario.load(REFERENCE);
        assertEquals(RunSettings.defaults(), sc.settings());
    }

    @Test
    void everyKeyIsDocumented() throws Exception {
        Scenario sc = Scenario.load(REFERENCE);
        List<String> lines = Files.readAllLines(REFERENCE);
        Set<String> top = keys(sc.root());
        List<String> topKeys = new ArrayList<>(componentKeys(RunSettings.class));
        topKeys.remove("section"); // not a key: the model's section, under the model's name
        topKeys.addAll(Models.names());
        for (String key : topKeys) {
            // keys whose default YAML cannot write (empty strings, the other model's section) are commented out
            boolean written = top.contains(key) || lines.contains("# " + key + ":") || lines.stream().anyMatch(l -> l.startsWith("# " + key + ": "));
            assertTrue(written, "REFERENCE.yaml does not document top-level key " + key);
        }
        MappingNode phold = null;
        for (NodeTuple t : sc.root().getValue()) {
            if (((ScalarNode) t.getKeyNode()).getValue().equals("phold")) {
                phold = (MappingNode) t.getValueNode();
            }
        }
        assertTrue(phold != null, "no phold section");
        assertEquals(Set.copyOf(componentKeys(PholdConfig.class)), keys(phold));
        assertTrue(lines.contains("# sweep:"), "no sweep block");
        assertTrue(lines.stream().anyMatch(l -> l.contains("REFERENCE-bittorrent.yaml")), "no pointer to the bittorrent reference");
    }

    @Test
    void theSweepExampleExpands() throws Exception {
        List<String> lines = Files.readAllLines(REFERENCE);
        StringBuilder b = new StringBuilder("model: phold\nend_time: 1s\n");
        boolean in = false;
        for (String l : lines) {
            in |= l.equals("# sweep:");
            if (in && l.startsWith("# ")) {
                b.append(l.substring(2)).append('\n');
            }
        }
        Path f = dir.resolve("example.yaml");
        Files.writeString(f, b.toString());
        SweepPlan plan = SweepPlan.of(Scenario.load(f));
        assertEquals(36, plan.points().size());
        assertEquals(List.of("phold.remote_fraction", "phold.mean_delay", "seed"), plan.axes().stream().map(Axis::path).toList());
    }
}
