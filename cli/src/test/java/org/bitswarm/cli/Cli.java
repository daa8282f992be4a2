package org.bitswarm.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.bitswarm.cli.launch.TestMpj;

/** Runs the front end in-process, as `./bitswarm ARGS` would, capturing its output. */
public final class Cli {
    public record Outcome(int code, String out, String err) {}

    private Cli() {}

    public static synchronized Outcome run(String... args) throws Exception {
        System.setProperty("bitswarm.mpj.home", TestMpj.mpjHome().toString());
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
