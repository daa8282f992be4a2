package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line behaves like other tools: --version everywhere, typo suggestions, help COMMAND, completion. */
class CliConventionsTest {

    @Test
    void versionOnEveryCommandNamesTheCommit() throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("run", "--version"), List.of("sweep", "--version"),
                List.of("rerun", "--version"), List.of("tema3", "--version"))) {
            Cli.Outcome o = Cli.run(args.toArray(String[]::new));
            assertEquals(0, o.code(), args + ": " + o.err());
            assertTrue(o.out().matches("(?s)bitswarm [^\\n]+ \\(git commit [0-9a-f]{7,}(-dirty)?\\)\\n"), args + ": " + o.out());
        }
    }

    @Test
    void typosGetASuggestion() throws Exception {
        Cli.Outcome o = Cli.run("rnu", "scenarios/quickstart.yaml");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("did you mean run?"), o.err());
        Cli.Outcome opt = Cli.run("run", "--seeed", "3", "x.yaml");
        assertEquals(2, opt.code());
        assertTrue(opt.err().contains("did you mean --seed?"), opt.err());
        assertEquals(1, opt.err().strip().lines().count(), "one line: " + opt.err());
        assertEquals(0, Main.distance("run", "run"));
        assertEquals(1, Main.distance("rnu", "run"));
        assertEquals(1, Main.distance("swep", "sweep"));
    }

    @Test
    void helpCommandAndCompletionScript() throws Exception {
        Cli.Outcome help = Cli.run("help", "run");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: bitswarm run"), help.out());
        assertTrue(help.out().contains("--seed"), help.out());
        Cli.Outcome comp = Cli.run("generate-completion");
        assertEquals(0, comp.code(), comp.err());
        assertTrue(comp.out().contains("complete -F") && comp.out().contains("rerun") && comp.out().contains("--replication"),
                "a bash/zsh completion script for every command: " + comp.out().substring(0, Math.min(300, comp.out().length())));
    }
}
