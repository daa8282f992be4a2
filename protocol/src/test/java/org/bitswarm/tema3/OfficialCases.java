package org.bitswarm.tema3;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four public cases of ../shared/tema3, as listed in its cases.tsv. */
record OfficialCases(Path root, List<Case> cases) {

    /** One line of cases.tsv: the folder, its -np and which output must equal which out<K>.txt. */
    record Case(String name, int np, Path dir, Map<String, Path> expected) {
        @Override
        public String toString() {
            return name + " (np " + np + ")";
        }
    }

    /**
     * Walks up from the working directory to the first folder with a {@code shared/tema3} child; without one
     * (a fresh clone with nothing beside it), four generated cases of the same sizes stand in, and the run says so.
     */
    static OfficialCases locate() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path shared = d.resolve("shared/tema3");
            if (Files.isRegularFile(shared.resolve("cases.tsv"))) {
                return read(shared);
            }
        }
        return generated();
    }

    /** Whether these are the assignment's own cases (not generated ones). */
    boolean official() {
        return !root.getFileName().toString().startsWith("bitswarm-tema3-generated");
    }

    private static OfficialCases generated;

    /** Cases with the official ones' rank counts, from {@link Tema3Generator}, expected outputs from the inputs. */
    static synchronized OfficialCases generated() {
        if (generated != null) {
            return generated;
        }
        try {
            Path root = Files.createTempDirectory("bitswarm-tema3-generated");
            List<Case> cases = new ArrayList<>();
            int[] nps = {4, 6, 5, 7};
            for (int i = 0; i < nps.length; i++) {
                String name = "generated" + (i + 1);
                Tema3Input input = Tema3Generator.generate(nps[i], 1000 + i);
                Path dir = root.resolve("tests").resolve(name);
                Tema3Generator.write(input, dir);
                Path want = Files.createDirectories(root.resolve("expected").resolve(name));
                Map<String, Path> expected = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> e : input.expectedOutputs().entrySet()) {
                    Path f = want.resolve(e.getKey());
                    Files.write(f, e.getValue(), StandardCharsets.UTF_8);
                    expected.put(e.getKey(), f);
                }
                cases.add(new Case(name, nps[i], dir, expected));
            }
            System.out.println("[tema3] no shared/tema3 beside the repository: " + cases.size()
                    + " generated cases stand in for the official ones (" + root + ")");
            generated = new OfficialCases(root, cases);
            return generated;
        } catch (IOException e) {
            return fail("cannot write generated tema3 cases: " + e);
        }
    }

    private static OfficialCases read(Path shared) {
        List<Case> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(shared.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] col = line.split("\t");
                Path dir = shared.resolve("tests").resolve(col[0]);
                Map<String, Path> expected = new LinkedHashMap<>();
                for (String pair : col[2].split(",")) {
                    String[] kv = pair.split("=");
                    expected.put(kv[0].trim(), dir.resolve(kv[1].trim()));
                }
                cases.add(new Case(col[0], Integer.parseInt(col[1].trim()), dir, expected));
            }
        } catch (IOException e) {
            return fail("cannot read " + shared.resolve("cases.tsv") + ": " + e);
        }
        return new OfficialCases(shared, cases);
    }

    /** The lines of a file with whitespace differences removed, as the exercise's checker compared them. */
    static List<String> normalised(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static List<String> normalised(Path file) throws IOException {
        return normalised(Files.readAllLines(file, StandardCharsets.UTF_8));
    }
}
