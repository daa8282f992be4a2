package org.bitswarm.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bitswarm.sweep.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YAML block of docs/scenarios.md is a valid scenario (and its sweep a valid plan), as the page says. */
class DocsScenariosTest {
    @TempDir
    Path tmp;

    @Test
    void everyTutorialStepLoads() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("docs/scenarios.md"))) {
            dir = dir.getParent();
        }
        String page = Files.readString(dir.resolve("docs/scenarios.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(page);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertEquals(5, blocks.size(), "the five steps");
        for (int i = 0; i < blocks.size(); i++) {
            Path f = tmp.resolve("step" + (i + 1) + ".yaml");
            Files.writeString(f, blocks.get(i));
            Scenario sc = Scenario.load(f);
            assertEquals("bittorrent", sc.settings().model(), "step " + (i + 1));
            if (sc.sweep() != null) {
                assertEquals(6, SweepPlan.of(sc).points().size(), "step " + (i + 1) + ": 2 x 3 points");
            }
        }
        assertTrue(blocks.get(3).contains("kind: pause") && blocks.get(3).contains("kind: resume"));
    }
}
