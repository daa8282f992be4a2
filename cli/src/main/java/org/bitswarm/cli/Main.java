package org.bitswarm.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bitswarm}: the front end. Exit codes: 0 success, 1 a failed run, 2 bad input (scenario, arguments,
 * input files), which is reported as one line naming the file, the line and the key, with nothing written.
 */
@Command(name = "bitswarm", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Parallel discrete-event simulator of BitTorrent swarms on MPJ Express.",
        subcommands = {RunCommand.class, SweepCommand.class, RerunCommand.class, Tema3Command.class, ValidateCommand.class,
            CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class Main implements Runnable {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required (run, sweep, rerun, tema3, validate, help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            // One line, like every other input error (and a suggestion for a typo); usage on request with --help.
            PrintWriter err = ex.getCommandLine().getErr();
            String suggestion = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u) {
                List<String> near = suggestions(u);
                if (!near.isEmpty()) {
                    suggestion = "; did you mean " + String.join(" or ", near) + "?";
                }
            }
            err.println("bitswarm: " + ex.getMessage() + suggestion + " (see bitswarm help"
                    + (ex.getCommandLine().getParent() != null ? " " + ex.getCommandLine().getCommandName() : "") + ")");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // Expected failures carry a sentence; anything else shows its type too.
            boolean plain = ex instanceof IllegalStateException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof java.nio.file.FileSystemException fse && fse.getReason() != null; // "path: No space left on device"
            cmd.getErr().println("bitswarm: " + (plain && ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return EXIT_FAILED;
        });
        cl.setErr(new PrintWriter(System.err, true));
        return cl.execute(args);
    }

    /** Commands or options near the first unmatched argument (picocli's own, else within two edits). */
    static List<String> suggestions(CommandLine.UnmatchedArgumentException u) {
        List<String> out = new ArrayList<>(u.getSuggestions());
        if (out.isEmpty() && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            CommandLine.Model.CommandSpec spec = u.getCommandLine().getCommandSpec();
            List<String> names = new ArrayList<>(spec.subcommands().keySet());
            for (CommandLine.Model.OptionSpec o : spec.options()) {
                names.addAll(Arrays.asList(o.names()));
            }
            for (String n : names) {
                if (n.length() > 2 && distance(arg, n) <= 2) {
                    out.add(n);
                }
            }
        }
        return out.subList(0, Math.min(3, out.size()));
    }

    /** Levenshtein distance with adjacent transpositions (rnu -> run is one edit). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bitswarm " + org.bitswarm.cli.run.Version.project() + " (git commit "
                    + org.bitswarm.cli.run.Version.commit() + ")"};
        }
    }
}
