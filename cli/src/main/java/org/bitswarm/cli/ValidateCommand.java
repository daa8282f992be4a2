package org.bitswarm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bitswarm.protocol.config.Profile;
import org.bitswarm.validation.RealClient;
import org.bitswarm.validation.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bitswarm validate}: runs the validation suite (validation/) and regenerates docs/validation.md and its
 * plots. Exit 0 even when rows miss their goals (the report says which); 1 if a run fails.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run the validation suite and regenerate docs/validation.md (closed forms, fluid model, mechanisms, real client).")
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--real-client", paramLabel = "MODE", defaultValue = "run",
            description = "run (libtorrent swarms now, several minutes), csv (reuse validation/real-client/results) or off")
    String realClient;

    @Option(names = "--real-timeout", paramLabel = "S", defaultValue = "900",
            description = "wall-clock limit of each real-client swarm in seconds (default 900)")
    int realTimeout;

    @Option(names = "--real-runs", paramLabel = "K", defaultValue = "3",
            description = "real swarms per real-client case (default 3, about 3 min each)")
    int realRuns;

    @Option(names = "--root", paramLabel = "DIR", description = "repository root (default: $BITSWARM_HOME, else .)")
    Path root;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "run every case under this client profile (mainline, mainline_strict, libtorrent, transmission)"
                    + " and write the report to --out instead of docs/validation.md; the real-client part is left out")
    String profile;

    @Option(names = "--out", paramLabel = "FILE",
            description = "with --profile: the report (default results/validation-<profile>/validation.md; its plots"
                    + " go to the folder validation/ beside it)")
    Path out;

    @Override
    public Integer call() throws IOException {
        RealClient.Mode mode = null;
        for (RealClient.Mode m : RealClient.Mode.values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(realClient)) {
                mode = m;
            }
        }
        Path dir = root != null ? root : Path.of(System.getenv().getOrDefault("BITSWARM_HOME", "."));
        Profile p = null;
        for (Profile q : Profile.values()) {
            if (q.name().toLowerCase(Locale.ROOT).equals(profile)) {
                p = q;
            }
        }
        String names = String.join(", ", java.util.Arrays.stream(Profile.values()).map(q -> q.name().toLowerCase(Locale.ROOT)).toList());
        String bad = mode == null ? "--real-client: expected run, csv or off, got \"" + realClient + "\""
                : realTimeout < 10 || realTimeout > 7200 ? "--real-timeout: must be in [10, 7200], got " + realTimeout
                : realRuns < 1 || realRuns > 100 ? "--real-runs: must be in [1, 100], got " + realRuns
                : !Files.isDirectory(dir.resolve("validation/cases")) ? "--root: " + dir + " has no validation/cases folder"
                : profile != null && p == null ? "--profile: expected one of " + names + ", got \"" + profile + "\""
                : out != null && profile == null ? "--out: only with --profile (without it the report is docs/validation.md)"
                : out != null && Files.isDirectory(out) ? "--out: " + out + " is a folder; give the report's file name"
                : null;
        if (bad != null) {
            System.err.println("bitswarm: " + bad);
            return Main.EXIT_BAD_INPUT;
        }
        Path report = p == null ? dir.resolve("docs/validation.md")
                : out != null ? out : dir.resolve("results/validation-" + profile + "/validation.md");
        int misses = new Validation(dir, p, report, System.out::println).run(new RealClient(mode, realTimeout, realRuns));
        System.out.println("validate: wrote " + report + " (" + misses + " rows missed their goal)");
        return 0;
    }
}
