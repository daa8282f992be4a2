package org.bitswarm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.scenario.Device;
import org.bitswarm.tema3.Tema3Input;
import org.bitswarm.tema3.Tema3InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bitswarm tema3 --np N}: the seed assignment as it was set. Rank 0 is the tracker and rank R runs
 * client R, reading {@code in<R>.txt} from the folder and writing {@code client<R>_<file>} there.
 */
@Command(name = "tema3", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Run the original MPI exercise (rank 0 tracker, rank R client R) in a folder of in<R>.txt files.")
final class Tema3Command implements Callable<Integer> {

    @Option(names = "--np", required = true, paramLabel = "N", description = "ranks: the tracker and N-1 clients (N >= 3)")
    int np;

    @Option(names = "--dir", paramLabel = "DIR", description = "folder with in1.txt .. in<N-1>.txt (default: the current folder)")
    Path dir = Path.of("");

    @Option(names = "--dev", paramLabel = "DEV", defaultValue = "multicore", description = "multicore, niodev or local")
    String dev;

    @Option(names = "--results", paramLabel = "DIR", description = "also write tema3-served.csv (segments served per client and file) here")
    Path results;

    @Override
    public Integer call() throws IOException {
        Path folder = dir.toAbsolutePath().normalize();
        Device device;
        try {
            device = CliArgs.device(dev);
            if (np < 3) {
                throw new CliArgs.BadArgument("--np: tema3 needs at least 3 ranks (the tracker and two clients), got " + np);
            }
            if (!Files.isDirectory(folder)) {
                throw new CliArgs.BadArgument("--dir " + folder + ": no such folder");
            }
            if (results != null && Files.exists(results) && !Files.isDirectory(results)) {
                throw new CliArgs.BadArgument("--results " + results + ": exists and is not a folder");
            }
            if (results != null && results.toString().isBlank()) {
                throw new CliArgs.BadArgument("--results: an empty folder name");
            }
            Tema3Input.load(folder, np);
            if (results != null) {
                try {
                    Files.createDirectories(results); // last: only once the input is known to be good
                } catch (IOException | SecurityException e) {
                    throw new CliArgs.BadArgument("--results " + results + ": cannot create it (" + e.getMessage() + ")");
                }
            }
        } catch (CliArgs.BadArgument | Tema3InputException e) {
            System.err.println("tema3: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        List<String> args = new ArrayList<>(List.of("--dir=" + folder, "--np=" + np));
        if (results != null) {
            args.add("--results=" + results.toAbsolutePath());
        }
        if (device == Device.LOCAL) {
            String[] a = args.toArray(String[]::new);
            LocalCluster.runEach(np, t -> {
                Tema3RankMain.runRank(a, t);
                return null;
            });
            return 0;
        }
        int code = RankLauncher.launch(device, np, Tema3RankMain.class.getName(), args, null, folder,
                System.out::println, List.of());
        if (code != 0) {
            System.err.println("tema3: run failed (exit status " + code + ")");
            return Main.EXIT_FAILED;
        }
        return 0;
    }
}
