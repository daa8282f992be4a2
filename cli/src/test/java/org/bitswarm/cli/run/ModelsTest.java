package org.bitswarm.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bitswarm.engine.phold.PholdConfig;
import org.bitswarm.scenario.Binder;
import org.bitswarm.scenario.Scenario;
import org.bitswarm.scenario.ScenarioError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model registry is the front end's only list of models: names, section binding and builders come from it. */
class ModelsTest {
    @TempDir
    Path dir;

    private Scenario load(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return Scenario.load(f);
    }

    @Test
    void everyRegisteredModelBindsItsSectionToItsRecordAndBuilds() throws Exception {
        assertEquals(java.util.List.of("phold", "bittorrent"), Models.names());
        for (String name : Models.names()) {
            Models.Type<?> type = Models.find(name).orElseThrow();
            Scenario sc = load("model: " + name.toUpperCase(java.util.Locale.ROOT) + "\n");
            assertEquals(name, sc.settings().model(), "model names are case-insensitive and stored canonically");
            assertInstanceOf(type.config(), sc.settings().section());
            assertEquals(Binder.defaults(type.config()), sc.settings().section(), "a missing section takes the defaults");
            assertTrue(Models.run(sc.settings()).model() != null);
        }
    }

    @Test
    void aSectionIsBoundByTheRecordItsModelRegistered() throws Exception {
        Scenario sc = load("model: phold\nphold:\n  entities: 42\n");
        assertEquals(42, sc.settings().section(PholdConfig.class).entities());
        assertInstanceOf(PholdRun.class, Models.run(sc.settings()));
        ScenarioError e = assertThrows(ScenarioError.class, () -> load("model: phold\nwat: 1\n"));
        assertTrue(e.getMessage().endsWith("unknown key (known: model, seed, replications, np, dev, end_time, trace, "
                + "replication, out, machines, launcher, heap, progress, phold, bittorrent)"), e.getMessage());
        assertThrows(ClassCastException.class, () -> sc.settings().section(org.bitswarm.protocol.config.SwarmConfig.class));
    }
}
