package org.bitswarm.tema3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Generated cases against the owners' lists, load spreading, the tracker's role and determinism. */
class Tema3ModelTest {

    static RunResult run(Tema3Input input, int ranks, boolean trace) {
        return LocalCluster.run(() -> new Tema3Model(input), ranks,
                RunConfig.of(7, Tema3Model.END_TIME).withTrace(trace));
    }

    /** Generated cases (printed seed) written to disk, parsed back, run, and checked against the owners. */
    @ParameterizedTest(name = "np {0}, seed {1}, {2} ranks")
    @CsvSource({"3, 11, 2", "5, 12, 3", "8, 13, 8", "12, 14, 4", "12, 15, 12"})
    void generatedCasesMatchTheOwnersLists(int np, long seed, int ranks, @TempDir Path dir) throws IOException {
        Tema3Generator.write(Tema3Generator.generate(np, seed), dir);
        assertFalse(Files.readString(dir.resolve("in1.txt"), StandardCharsets.UTF_8).endsWith("\n"));
        Tema3Input input = Tema3Input.load(dir, np);
        Tema3Output out = Tema3Output.of(run(input, ranks, false));
        out.writeFiles(dir);
        for (Map.Entry<String, List<String>> e : input.expectedOutputs().entrySet()) {
            List<String> got = Files.readAllLines(dir.resolve(e.getKey()), StandardCharsets.UTF_8);
            assertEquals(e.getValue(), got, "seed " + seed + ": " + e.getKey());
        }
    }

    @Test
    void generatorCoversTheAwkwardShapes() {
        boolean idle = false;
        boolean severalSeeds = false;
        for (long seed = 0; seed < 20; seed++) {
            Tema3Input in = Tema3Generator.generate(3 + (int) (seed % 10), seed);
            for (Tema3Input.Client c : in.clients()) {
                idle |= c.owned().isEmpty() || c.wanted().isEmpty();
            }
            Map<String, Integer> owners = new java.util.TreeMap<>();
            in.clients().forEach(c -> c.owned().forEach(f -> owners.merge(f.name(), 1, Integer::sum)));
            severalSeeds |= owners.values().stream().anyMatch(n -> n > 1);
        }
        assertTrue(idle && severalSeeds);
    }

    /** Three seeds of a 30-segment file, three downloaders: each download uses every seed. */
    static Tema3Input threeSeeds() {
        List<String> hashes = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            hashes.add(Tema3InputTest.h(i));
        }
        Tema3Input.OwnedFile f = new Tema3Input.OwnedFile("file1", hashes);
        List<Tema3Input.Client> clients = new java.util.ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            clients.add(new Tema3Input.Client(r, List.of(f), List.of()));
        }
        for (int r = 4; r <= 6; r++) {
            clients.add(new Tema3Input.Client(r, List.of(), List.of("file1")));
        }
        return new Tema3Input(7, clients);
    }

    @Test
    void downloadsAreSpreadOverTheHolders() {
        Tema3Output out = Tema3Output.of(run(threeSeeds(), 3, false));
        System.out.print(out.summary());
        for (ClientReport c : out.clients().subList(3, 6)) {
            Map<Long, Integer> sources = c.downloads().get(0).sources();
            assertTrue(sources.keySet().containsAll(List.of(1L, 2L, 3L)), "client " + c.rank() + " used " + sources);
            assertTrue(sources.values().stream().allMatch(n -> n < 30), "client " + c.rank() + ": " + sources);
        }
        int served = out.clients().stream().mapToInt(c -> c.served().getOrDefault("file1", 0)).sum();
        assertEquals(90, served, "every segment served exactly once");
    }

    @Test
    void everyFileOfTheOfficialCasesComesFromSeveralSourcesWhenSeveralHoldIt() throws IOException {
        for (OfficialCases.Case c : OfficialCases.locate().cases()) {
            Tema3Input input = Tema3Input.load(c.dir(), c.np());
            Map<String, Long> owners = new java.util.TreeMap<>();
            input.clients().forEach(cl -> cl.owned().forEach(f -> owners.merge(f.name(), 1L, Long::sum)));
            for (ClientReport cl : Tema3Output.of(run(input, 2, false)).clients()) {
                for (ClientReport.Download d : cl.downloads()) {
                    if (owners.get(d.file()) > 1) {
                        assertTrue(d.sources().size() > 1, c + " client " + cl.rank() + " " + d.file() + ": " + d.sources());
                    }
                }
            }
        }
    }

    @Test
    void trackerSendsNoSegmentAndStopsEveryone() {
        RunResult r = run(threeSeeds(), 2, true);
        for (String line : r.trace()) {
            String[] f = line.split(" ");
            if (f[1].equals("0")) {
                assertFalse(f[4].startsWith("SEGMENT"), line);
            }
        }
        assertEquals(6, r.trace().stream().filter(l -> l.contains(" STOP")).count());
        assertTrue(Tema3Output.of(r).clients().stream().allMatch(ClientReport::stopped));
    }

    @Test
    void noSegmentIsRequestedBeforeTheClientsAck() {
        List<String> trace = run(threeSeeds(), 1, true).trace();
        int lastAck = 0;
        int firstRequest = Integer.MAX_VALUE;
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).contains("INIT_ACK")) {
                lastAck = i;
            }
            if (trace.get(i).contains("SWARM_REQUEST") || trace.get(i).contains("SEGMENT_REQUEST")) {
                firstRequest = Math.min(firstRequest, i);
            }
        }
        assertTrue(lastAck < firstRequest, "requests start after every ACK");
    }

    @Test
    void digestDoesNotDependOnRankCount() {
        Tema3Input input = Tema3Generator.generate(9, 99);
        RunResult one = run(input, 1, false);
        for (int ranks : new int[] {2, 3, 9}) {
            RunResult many = run(input, ranks, false);
            assertEquals(one.eventDigest(), many.eventDigest(), ranks + " ranks");
            assertEquals(one.events(), many.events());
            assertTrue(many.crossRankBytes() > 0);
        }
    }
}
