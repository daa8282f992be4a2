package org.bitswarm.tema3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.Ticks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are all or nothing, one hash per line; the load report adds up. */
class Tema3OutputTest {
    @TempDir
    Path dir;

    @Test
    void writesHashesOnePerLineAndTheServedReport() throws IOException {
        Tema3Input input = Tema3ModelTest.threeSeeds();
        Tema3Output out = Tema3Output.of(Tema3ModelTest.run(input, 2, false));
        out.writeFiles(dir);
        Path results = dir.resolve("results");
        out.writeServed(results);
        String expected = String.join("\n", input.catalogue().get("file1")) + "\n";
        assertEquals(expected, Files.readString(dir.resolve("client4_file1"), StandardCharsets.UTF_8));
        List<String> csv = Files.readAllLines(results.resolve(Tema3Output.SERVED_CSV), StandardCharsets.UTF_8);
        assertEquals("client,file,segments_served", csv.get(0));
        int total = csv.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[2])).sum();
        assertEquals(90, total);
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "three outputs and the results folder, no temporary file left");
        }
    }

    @Test
    void aFailureWhileWritingLeavesNoOutputAtAll() throws IOException {
        Tema3Output out = Tema3Output.of(Tema3ModelTest.run(Tema3ModelTest.threeSeeds(), 2, false));
        List<String> names = List.copyOf(out.files().keySet());
        assertEquals(3, names.size());
        Path blocker = dir.resolve(names.get(names.size() - 1));
        Files.createDirectories(blocker.resolve("inside"));
        IOException e = assertThrows(IOException.class, () -> out.writeFiles(dir));
        assertTrue(e.getMessage().endsWith(names.get(2) + ": is a folder, no output written"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(blocker), files.toList(), "no other client's output and no temporary file");
        }
    }

    @Test
    void anUnfinishedRunWritesNothing() throws IOException {
        Tema3Input input = Tema3ModelTest.threeSeeds();
        var r = LocalCluster.run(() -> new Tema3Model(input), 2, RunConfig.of(1, 20 * Ticks.MS));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tema3Output.of(r).writeFiles(dir));
        assertTrue(e.getMessage().startsWith("tema3 run did not complete, no output written: client 1 never got STOP"),
                e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
