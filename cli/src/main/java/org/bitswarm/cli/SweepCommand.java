package org.bitswarm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bitswarm sweep FILE}: not implemented yet. */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Run every point of a scenario's sweep block.")
final class SweepCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bitswarm: sweep is not implemented yet");
        return Main.EXIT_FAILED;
    }
}
