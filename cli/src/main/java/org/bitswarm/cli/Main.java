package org.bitswarm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bitswarm}: the front end. Exit codes: 0 success, 1 a failed run, 2 bad input (scenario, arguments,
 * input files), which is reported as one line naming the file, the line and the key, with nothing written.
 */
@Command(name = "bitswarm", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Parallel discrete-event simulator of BitTorrent swarms on MPJ Express.",
        subcommands = {RunCommand.class, Tema3Command.class, SweepCommand.class, ValidateCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, sweep, tema3, validate)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            // One line, like every other input error; usage on request with --help.
            ex.getCommandLine().getErr().println("bitswarm: " + ex.getMessage() + " (see --help)");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // Expected failures carry a sentence; anything else shows its type too.
            boolean plain = ex instanceof IllegalStateException || ex instanceof java.io.UncheckedIOException;
            cmd.getErr().println("bitswarm: " + (plain && ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return EXIT_FAILED;
        });
        cl.setErr(new PrintWriter(System.err, true));
        return cl.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"bitswarm " + (v != null ? v : "dev")};
        }
    }
}
