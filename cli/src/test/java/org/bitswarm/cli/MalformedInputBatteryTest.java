package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A battery of malformed inputs, end to end through the front end: every one gives exit 2, exactly one line
 * on stderr naming the file and line or the option, no stack trace, nothing written, and never a hang (each
 * case is bounded by a timeout, so a FIFO that blocks a reader fails the test instead of hanging the suite).
 */
class MalformedInputBatteryTest {

    @TempDir
    Path dir;

    private static final String OK = "model: phold\nend_time: 100ms\n";
    private static final String BT = "model: bittorrent\nend_time: 10s\nbittorrent:\n  network:\n    latency:\n"
            + "      kind: matrix\n      file: %s\n";

    /** One case: prepare files in the folder, then the command line (with {@code @} standing for the folder). */
    record Case(String name, Setup setup, String args, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Setup {
        void in(Path dir) throws Exception;
    }

    private static Setup file(String name, String content) {
        return d -> Files.writeString(d.resolve(name), content.replace("@", d.toString()), StandardCharsets.UTF_8);
    }

    private static Setup files(Setup... all) {
        return d -> {
            for (Setup s : all) {
                s.in(d);
            }
        };
    }

    private static Setup fifo(String name) {
        return d -> {
            Process p = new ProcessBuilder("mkfifo", d.resolve(name).toString()).start();
            assertEquals(0, p.waitFor());
        };
    }

    private static Setup matrix(String content) {
        return files(file("m.txt", content), file("s.yaml", String.format(BT, "@/m.txt")));
    }

    private static Case c(String name, Setup setup, String args, String expected) {
        return new Case(name, setup, args, expected);
    }

    static Stream<Arguments> cases() {
        Setup ok = file("s.yaml", OK);
        List<Case> all = new ArrayList<>(List.of(
                // Files that are not small regular files.
                c("scenario is a FIFO", fifo("s.yaml"), "run @/s.yaml --dev local", "@/s.yaml: not a regular file"),
                c("scenario is a link to a FIFO", files(fifo("f"), d -> Files.createSymbolicLink(d.resolve("s.yaml"),
                        d.resolve("f"))), "run @/s.yaml --dev local", "@/s.yaml: not a regular file"),
                c("scenario is a folder", d -> Files.createDirectory(d.resolve("s.yaml")), "run @/s.yaml --dev local",
                        "@/s.yaml: is a folder, not a file"),
                c("scenario is a device", d -> {}, "run /dev/zero --dev local", "/dev/zero: not a regular file"),
                c("scenario missing", d -> {}, "run @/none.yaml --dev local", "@/none.yaml: no such file"),
                c("scenario of 2 MB", file("s.yaml", OK + ("# padding " + "x".repeat(90) + "\n").repeat(21_000)),
                        "run @/s.yaml --dev local", "@/s.yaml: too large ("),
                c("one comment line of 500 000 characters", file("s.yaml", OK + "#" + "x".repeat(500_000) + "\n"),
                        "run @/s.yaml --dev local", "@/s.yaml:3: line longer than 10000 characters"),
                c("not UTF-8", d -> Files.write(d.resolve("s.yaml"), new byte[] {'m', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'}),
                        "run @/s.yaml --dev local", "@/s.yaml: not UTF-8 text"),
                c("only comments", file("s.yaml", "# nothing\n# here\n"), "run @/s.yaml --dev local", "@/s.yaml: empty scenario file"),
                c("two documents", file("s.yaml", OK + "---\n" + OK), "run @/s.yaml --dev local", "@/s.yaml:3: "),
                c("tab indentation", file("s.yaml", "model: phold\nphold:\n\tentities: 4\n"), "run @/s.yaml --dev local",
                        "@/s.yaml:3: YAML syntax"),
                c("unknown tag", file("s.yaml", "model: !!javax.script.ScriptEngineManager phold\n"), "run @/s.yaml --dev local",
                        "@/s.yaml:1: "),
                // YAML safety limits.
                c("alias bomb", file("s.yaml", OK + bomb()), "run @/s.yaml --dev local",
                        "@/s.yaml:9: g[5]: more than 50 aliases"),
                c("deep nesting", file("s.yaml", OK + "phold:\n  entities: " + "[".repeat(40) + "]".repeat(40) + "\n"),
                        "run @/s.yaml --dev local", "@/s.yaml:4: phold.entities" + "[0]".repeat(18) + ": nested more than 20"),
                c("deep mappings", file("s.yaml", OK + deepMapping(30)), "run @/s.yaml --dev local",
                        "@/s.yaml:23: k0.k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19: nested more than 20"),
                // Latency matrices.
                c("matrix missing", file("s.yaml", String.format(BT, "@/none.txt")), "run @/s.yaml --dev local",
                        "@/s.yaml:7: bittorrent.network.latency.file: @/none.txt: no such file"),
                c("matrix is a folder", files(d -> Files.createDirectory(d.resolve("m.txt")), file("s.yaml", String.format(BT, "@/m.txt"))),
                        "run @/s.yaml --dev local", "@/s.yaml:7: bittorrent.network.latency.file: @/m.txt: is a folder"),
                c("matrix is a FIFO", files(fifo("m.txt"), file("s.yaml", String.format(BT, "@/m.txt"))),
                        "run @/s.yaml --dev local", "@/s.yaml:7: bittorrent.network.latency.file: @/m.txt: not a regular file"),
                c("matrix empty", matrix("\n\n"), "run @/s.yaml --dev local", "@/m.txt: empty latency matrix"),
                c("matrix ragged", matrix("0 10 20\n10 0\n20 10 0\n"), "run @/s.yaml --dev local", "@/m.txt:2: 2 values, expected 3"),
                c("matrix not numeric", matrix("0 10\nten 0\n"), "run @/s.yaml --dev local", "@/m.txt:2: column 1: expected milliseconds"),
                c("matrix negative", matrix("0 10\n-10 0\n"), "run @/s.yaml --dev local", "@/m.txt:2: column 1: expected milliseconds"),
                c("matrix Infinity", matrix("0 Infinity\nInfinity 0\n"), "run @/s.yaml --dev local", "@/m.txt:1: column 2: expected"),
                c("matrix NaN", matrix("0 NaN\nNaN 0\n"), "run @/s.yaml --dev local", "@/m.txt:1: column 2: expected"),
                c("matrix huge value", matrix("0 1e300\n1e300 0\n"), "run @/s.yaml --dev local", "@/m.txt:1: column 2: 1e300 ms is more than one hour"),
                c("matrix all zero", matrix("0 0\n0 0\n"), "run @/s.yaml --dev local", "@/m.txt:1: column 2: 0 ms is below 1 ms"),
                c("matrix asymmetric", matrix("0 10 10\n10 0 10\n10 30 0\n"), "run @/s.yaml --dev local",
                        "@/m.txt:3: column 2: 30 ms differs from row 2 column 3 (10 ms)"),
                c("matrix blank line inside", matrix("0 10\n\n10 0\n"), "run @/s.yaml --dev local", "@/m.txt:2: blank line inside the matrix"),
                // Client profiles.
                c("unknown profile", file("s.yaml", "model: bittorrent\nend_time: 10s\nbittorrent:\n  protocol: {profile: utorrent}\n"),
                        "run @/s.yaml --dev local", "@/s.yaml:4: bittorrent.protocol.profile: expected one of mainline, mainline_strict, libtorrent,"
                        + " transmission, got \"utorrent\""),
                c("unknown profile in a group", file("s.yaml", "model: bittorrent\nend_time: 10s\nbittorrent:\n  groups:\n"
                        + "    - {name: g, count: 1, torrents: [{torrent: t0, role: seed}], protocol: {profile: Mainline 4}}\n"),
                        "run @/s.yaml --dev local", "@/s.yaml:5: bittorrent.groups[0].protocol.profile: expected one of mainline,"),
                // Link settings.
                c("send_ahead above 2 s", file("s.yaml", "model: bittorrent\nend_time: 10s\nbittorrent:\n  protocol: {links: {send_ahead: 3s}}\n"),
                        "run @/s.yaml --dev local", "@/s.yaml:4: bittorrent.protocol.links.send_ahead: must be in [0s, 2s]"),
                // Command-line values.
                c("--heap 0", ok, "run @/s.yaml --dev multicore --heap 0", "--heap: at least 64m, got 0"),
                c("--heap 1k", ok, "run @/s.yaml --dev multicore --heap 1k", "--heap: at least 64m, got 1k"),
                c("--heap 10000g", ok, "run @/s.yaml --dev niodev --heap 10000g", "--heap: 10000g is more than this machine's memory"),
                c("--heap words", ok, "run @/s.yaml --heap lots", "--heap: expected a JVM size such as 4g or 512m, got \"lots\""),
                c("--heap beyond this JVM under --dev local", ok, "run @/s.yaml --dev local --heap 20g",
                        "--heap: 20g is more than this "),
                c("heap: key out of range", file("s.yaml", OK + "heap: 1k\n"), "run @/s.yaml --dev local", "@/s.yaml:3: heap: at least 64m"),
                c("--machines empty", files(ok, file("m", "")), "run @/s.yaml --dev niodev --machines @/m",
                        "--machines: @/m: no hosts in it"),
                c("--machines only comments", files(ok, file("m", "# none\n\n")), "run @/s.yaml --dev niodev --machines @/m",
                        "--machines: @/m: no hosts in it"),
                c("--machines a folder", ok, "run @/s.yaml --dev niodev --machines @", "--machines: @: is a folder"),
                c("--machines a FIFO", files(ok, fifo("m")), "run @/s.yaml --dev niodev --machines @/m", "--machines: @/m: not a regular file"),
                c("--machines bad line", files(ok, file("m", "host1\nrm -rf /\n")), "run @/s.yaml --dev niodev --machines @/m",
                        "--machines: @/m: line 2: expected one host name"),
                c("--machines without niodev", files(ok, file("m", "localhost\n")), "run @/s.yaml --dev multicore --machines @/m",
                        "--machines: needs --dev niodev"),
                c("machines: key, missing file", file("s.yaml", OK + "dev: niodev\nmachines: @/none\n"), "run @/s.yaml",
                        "@/s.yaml:4: machines: @/none: no such file"),
                c("--out empty", ok, "run @/s.yaml --dev local --out=", "--out: an empty folder name"),
                c("--out under /proc", ok, "run @/s.yaml --dev local --out /proc/bitswarm-out", "--out /proc/bitswarm-out: cannot"),
                c("--out under /sys", ok, "run @/s.yaml --dev local --out /sys/x/y", "--out /sys/x/y: cannot"),
                c("--out a file", files(ok, file("o", "mine")), "run @/s.yaml --dev local --out @/o", "--out @/o: exists and is not a folder"),
                c("--out a folder of the user's files", files(ok, d -> Files.createDirectory(d.resolve("o")), file("o/thesis.tex", "x")),
                        "run @/s.yaml --dev local --out @/o", "--out @/o: exists and is not empty (add --force"),
                c("--out --force over the user's files", files(ok, d -> Files.createDirectory(d.resolve("o")), file("o/thesis.tex", "x")),
                        "run @/s.yaml --dev local --out @/o --force", "--out @/o: not a results folder of bitswarm run (no manifest.json)"),
                c("--np -1", ok, "run @/s.yaml --np -1", "--np: must be in [1, 1024], got -1"),
                c("--np=3 letters", ok, "run @/s.yaml --np=3x", "Invalid value for option '--np'"),
                c("--replication -1", ok, "run @/s.yaml --dev local --replication -1", "--replication: must be >= 0"),
                c("--progress loud", ok, "run @/s.yaml --dev local --progress loud", "--progress: expected auto, bar, plain or off"),
                c("--seed text", ok, "run @/s.yaml --seed x", "Invalid value for option '--seed'"),
                c("sweep into a folder of the user's files", files(file("s.yaml", OK + "sweep:\n  axes:\n    seed: [1, 2]\n"),
                        d -> Files.createDirectory(d.resolve("o")), file("o/data.csv", "x")), "sweep @/s.yaml --dev local --out @/o",
                        "--out @/o: exists, is not empty and is not a sweep's folder"),
                c("sweep --parallel 0", file("s.yaml", OK + "sweep:\n  axes:\n    seed: [1, 2]\n"), "sweep @/s.yaml --dev local --parallel 0",
                        "--parallel: must be in [1, 256], got 0"),
                c("tema3 --results a file", file("r", "mine"), "tema3 --np 3 --dir @ --results @/r",
                        "--results @/r: exists and is not a folder"),
                c("tema3 --np 2", d -> {}, "tema3 --np 2 --dir ", "--np: tema3 needs at least 3 ranks"),
                c("tema3 --dir missing", d -> {}, "tema3 --np 3 --dir @/none", "--dir @/none: no such folder")));
        return all.stream().map(Arguments::of);
    }

    /** Nine lists, each of nine aliases to the one before: 9^9 leaves if expanded. */
    private static String bomb() {
        StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            b.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*" + (char) (c - 1))))
                    .append("]\n");
        }
        return b.toString();
    }

    private static String deepMapping(int depth) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            b.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return b.append("  ".repeat(depth)).append("v: 1\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void exitTwoOneLineNoTraceNothingWritten(Case c) throws Exception {
        c.setup().in(dir);
        Set<String> before = tree(dir);
        String at = dir.toString();
        Function<String, String> sub = s -> s.replace("@", at);
        String[] args = c.args().isEmpty() ? new String[0] : c.args().split(" ", -1);
        for (int i = 0; i < args.length; i++) {
            args[i] = sub.apply(args[i]);
        }
        Cli.Outcome o = Cli.run(args);
        String prefix = c.args().startsWith("tema3") ? "tema3: " : "bitswarm: ";
        assertEquals(2, o.code(), o.err() + o.out());
        String err = o.err();
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
        assertTrue(err.startsWith(prefix + sub.apply(c.expected())), "expected '" + sub.apply(c.expected()) + "', got: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace or exception name: " + err);
        assertEquals(before, tree(dir), "nothing written");
        assertFalse(Files.exists(Path.of("/proc/bitswarm-out")));
    }

    private static Set<String> tree(Path d) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(d)) {
            s.forEach(p -> out.add(d.relativize(p).toString()));
        }
        return out;
    }
}
