package org.bitswarm.tema3;

import java.nio.file.Path;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;

/**
 * What {@code bitswarm tema3} does, on in-process ranks instead of MPJ: a stand-in launcher for trying
 * scripts/tema3-check.sh before the front end has the command, and the reference for wiring it.
 * Arguments: {@code tema3 --np N --dir DIR [--dev ignored] [--results DIR]}.
 */
public final class Tema3LocalMain {
    private Tema3LocalMain() {}

    public static void main(String[] args) throws Exception {
        int np = -1;
        Path dir = Path.of("");
        Path results = null;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--np" -> np = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--results" -> results = Path.of(args[i + 1]);
                default -> { } // --dev: one JVM here, whatever the device
            }
        }
        try {
            Tema3Input input = Tema3Input.load(dir, np);
            RunResult r = LocalCluster.run(() -> new Tema3Model(input), np, RunConfig.of(1, Tema3Model.END_TIME));
            Tema3Output out = Tema3Output.of(r);
            out.writeFiles(dir);
            if (results != null) {
                out.writeServed(results);
            }
            System.out.print(out.summary());
        } catch (Tema3InputException | IllegalStateException e) {
            System.err.println("tema3: " + e.getMessage());
            System.exit(1);
        }
    }
}
