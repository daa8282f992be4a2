package org.bitswarm.cli.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bitswarm.scenario.Device;

/**
 * What every rank needs to run a scenario: passed from the front end to the ranks as long options only
 * (mpjrun claims {@code -np}, {@code -cp}, {@code -h} anywhere on its command line).
 */
public record RunRequest(Path scenario, long seed, int np, Device device, int replication, Path stage, String progress) {

    public List<String> toArgs() {
        List<String> a = new ArrayList<>();
        a.add("--scenario=" + scenario.toAbsolutePath());
        a.add("--seed=" + seed);
        a.add("--np=" + np);
        a.add("--dev=" + device.label());
        a.add("--replication=" + replication);
        a.add("--stage=" + stage.toAbsolutePath());
        a.add("--progress=" + progress);
        return a;
    }

    public static RunRequest parse(String[] args) {
        Path scenario = null;
        Path stage = null;
        long seed = 1;
        int np = 1;
        int replication = 0;
        Device device = Device.MULTICORE;
        String progress = "off";
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("rank argument not of the form --key=value: " + arg);
            }
            String v = arg.substring(eq + 1);
            switch (arg.substring(2, eq)) {
                case "scenario" -> scenario = Path.of(v);
                case "seed" -> seed = Long.parseLong(v);
                case "np" -> np = Integer.parseInt(v);
                case "dev" -> device = Device.valueOf(v.toUpperCase(java.util.Locale.ROOT));
                case "replication" -> replication = Integer.parseInt(v);
                case "stage" -> stage = Path.of(v);
                case "progress" -> progress = v;
                default -> throw new IllegalArgumentException("unknown rank argument " + arg);
            }
        }
        if (scenario == null || stage == null) {
            throw new IllegalArgumentException("rank arguments need --scenario and --stage");
        }
        return new RunRequest(scenario, seed, np, device, replication, stage, progress);
    }
}
