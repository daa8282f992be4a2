package org.bitswarm.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bitswarm.protocol.config.SwarmConfig;
import org.junit.jupiter.api.Test;

/** scenarios/REFERENCE-bittorrent.yaml is what the records say, and it loads back to the same values. */
class ReferenceWriterTest {
    private static Path file() {
        Path cwd = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(cwd.resolve("scenarios")) ? cwd : cwd.getParent();
        return root.resolve("scenarios/REFERENCE-bittorrent.yaml");
    }

    @Test
    void checkedInReferenceIsTheGeneratedOne() throws Exception {
        assertEquals(ReferenceWriter.bittorrentReference(), Files.readString(file()),
                "regenerate: java -cp cli/target/bitswarm.jar org.bitswarm.scenario.ReferenceWriter > scenarios/REFERENCE-bittorrent.yaml");
    }

    @Test
    void referenceLoadsToTheValuesItShows() {
        Scenario sc = Scenario.load(file());
        assertEquals("bittorrent", sc.settings().model());
        assertEquals(ReferenceWriter.referenceSwarm(), sc.settings().section(SwarmConfig.class));
    }
}
