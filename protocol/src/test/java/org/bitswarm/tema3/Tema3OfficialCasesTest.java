package org.bitswarm.tema3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed assignment's four public cases, on 1, 2 and np in-process ranks, written to a fresh folder. */
class Tema3OfficialCasesTest {

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        List<OfficialCases.Case> all = new ArrayList<>(OfficialCases.locate().cases());
        if (OfficialCases.locate().official()) {
            all.addAll(OfficialCases.generated().cases()); // the stand-ins of a bare clone must pass too
        }
        for (OfficialCases.Case c : all) {
            for (int ranks : new int[] {1, 2, c.np()}) {
                runs.add(Arguments.of(c, ranks));
            }
        }
        return runs.stream();
    }

    static RunResult run(Tema3Input input, int ranks) {
        return LocalCluster.run(() -> new Tema3Model(input), ranks, RunConfig.of(1, Tema3Model.END_TIME));
    }

    @Test
    void fourCasesAreListed() {
        assertEquals(4, OfficialCases.locate().cases().size());
    }

    @ParameterizedTest(name = "{0} on {1} ranks")
    @MethodSource("runs")
    void outputsMatch(OfficialCases.Case c, int ranks, @TempDir Path tmp) throws IOException {
        for (Path f : Files.list(c.dir()).toList()) {
            Files.copy(f, tmp.resolve(f.getFileName()));
        }
        Tema3Input input = Tema3Input.load(tmp, c.np());
        Tema3Output out = Tema3Output.of(run(input, ranks));
        out.writeFiles(tmp);
        for (var e : c.expected().entrySet()) {
            Path got = tmp.resolve(e.getKey());
            assertTrue(Files.exists(got), c + ": " + e.getKey() + " missing");
            assertEquals(OfficialCases.normalised(e.getValue()), OfficialCases.normalised(got), c + ": " + e.getKey());
        }
        assertEquals(input.expectedOutputs().keySet(), c.expected().keySet(), "every wanted file is graded");
    }
}
