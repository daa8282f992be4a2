package org.bitswarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bitswarm.cli.run.Pipeline;
import org.bitswarm.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bitswarm rerun DIR}: runs a results folder's run again from what it kept (its {@code scenario.yaml}
 * and the seed, replication, np and device in {@code manifest.json}) and says whether the new event digest and
 * CSV files match the recorded ones. Exit 0 if they do, 1 if not, 2 if the folder cannot be rerun.
 */
@Command(name = "rerun", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Run a results folder again (same scenario file, seed, replication, np, device) and compare "
                + "the event digest and CSV files. Exit 0 if they match, 1 if not.")
final class RerunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "a run's results folder (also one run of a sweep: SWEEP/runs/<point>-r<rep>)")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR2", description = "where the new run goes (default: DIR.rerun-<time> beside DIR)")
    String out;

    @Option(names = "--progress", paramLabel = "MODE", description = "auto, bar, plain or off (default auto)")
    String progress;

    @Override
    public Integer call() throws IOException {
        Path manifestFile = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            System.err.println("bitswarm: " + dir + ": not a run's results folder (no manifest.json)");
            return Main.EXIT_BAD_INPUT;
        }
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(manifestFile.toFile());
        } catch (IOException e) {
            System.err.println("bitswarm: " + manifestFile + ": not readable JSON: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        for (String key : List.of("seed", "replication", "np", "device", "event_digest", "scenario_sha256")) {
            if (m.get(key) == null) {
                System.err.println("bitswarm: " + manifestFile + ": " + key + ": missing");
                return Main.EXIT_BAD_INPUT;
            }
        }
        Path scenario = dir.resolve(Pipeline.SCENARIO_COPY);
        if (!Files.isRegularFile(scenario)) {
            // folders written before runs kept their scenario: the original file, if it is still the same
            scenario = m.get("scenario") == null ? scenario : Path.of(m.get("scenario").asText());
        }
        if (!Files.isRegularFile(scenario)
                || !Scenario.sha256(Files.readAllBytes(scenario)).equals(m.get("scenario_sha256").asText())) {
            System.err.println("bitswarm: " + dir + ": the scenario it ran is not kept (no " + Pipeline.SCENARIO_COPY
                    + " and " + scenario + " is missing or changed)");
            return Main.EXIT_BAD_INPUT;
        }
        Path target = out != null ? Path.of(out) : dir.toAbsolutePath().resolveSibling(dir.toAbsolutePath().getFileName()
                + ".rerun-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        String device = m.get("device").asText();
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--seed", m.get("seed").asText(),
                "--replication", m.get("replication").asText(), "--np", m.get("np").asText(), "--dev", device,
                "--out", target.toString()));
        if (progress != null) {
            args.addAll(List.of("--progress", progress));
        }
        System.out.println("rerun: " + String.join(" ", args.subList(1, args.size())));
        int code = Main.execute(args.toArray(String[]::new));
        if (code != 0) {
            return code;
        }
        String recorded = m.get("event_digest").asText();
        String now = new ObjectMapper().readTree(target.resolve("manifest.json").toFile()).get("event_digest").asText();
        List<String> differ = differingCsv(dir, target);
        if (recorded.equals(now) && differ.isEmpty()) {
            System.out.println("rerun: event digest matches (" + now + "); every CSV file is identical");
            return 0;
        }
        if (!recorded.equals(now)) {
            System.out.println("rerun: event digest DIFFERS: recorded " + recorded + ", now " + now);
        }
        if (!differ.isEmpty()) {
            System.out.println("rerun: CSV files differ: " + String.join(", ", differ));
        }
        return Main.EXIT_FAILED;
    }

    /** The CSV files of the old folder whose bytes the new one does not reproduce. */
    static List<String> differingCsv(Path a, Path b) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(a)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                Path g = b.resolve(f.getFileName());
                if (!Files.isRegularFile(g) || !Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(g))) {
                    out.add(f.getFileName().toString());
                }
            }
        }
        return out;
    }
}
