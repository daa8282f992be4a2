package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --launcher} and the scenario key {@code launcher}: bad values are one line naming the option (or the
 * file, line and key), exit 2, nothing written; {@code --launcher ssh} with only this host in the machines file
 * is refused, since niodev ranks started without the daemon's namespace would listen on every interface.
 */
class LauncherOptionTest {

    private static final String SHORT = "model: phold\nseed: 5\nend_time: 400ms\nphold:\n  entities: 48\n  remote_fraction: 0.3\n";

    @TempDir
    Path dir;

    @Test
    void badLaunchersAreOneLineAndExit2() throws Exception {
        Path sc = Files.writeString(dir.resolve("s.yaml"), SHORT);
        Path machines = Files.writeString(dir.resolve("machines"), "localhost\n");
        Path keyed = Files.writeString(dir.resolve("k.yaml"), "launcher: ssh\n" + SHORT);
        record Case(List<String> args, String message) {}
        List<Case> cases = List.of(
                new Case(List.of(sc.toString(), "--dev", "niodev", "--launcher", "rsh"),
                        "bitswarm: --launcher: expected daemon, ssh or slurm, got \"rsh\""),
                new Case(List.of(sc.toString(), "--dev", "niodev", "--launcher", "ssh"),
                        "bitswarm: --launcher: ssh needs a machines file (--machines FILE) naming the hosts"),
                new Case(List.of(sc.toString(), "--dev", "multicore", "--launcher", "ssh", "--machines", machines.toString()),
                        "bitswarm: --launcher: ssh needs --dev niodev"),
                new Case(List.of(sc.toString(), "--dev", "niodev", "--launcher", "slurm", "--machines", machines.toString()),
                        "bitswarm: --launcher: slurm takes the hosts from SLURM_JOB_NODELIST, not from a machines file"),
                new Case(List.of(sc.toString(), "--dev", "niodev", "--launcher", "slurm"),
                        "bitswarm: --launcher: slurm: SLURM_JOB_NODELIST is not set (run inside a Slurm allocation: sbatch or salloc)"),
                new Case(List.of(keyed.toString(), "--dev", "niodev"),
                        "bitswarm: " + keyed + ":1: launcher: ssh needs a machines file (--machines FILE) naming the hosts"));
        for (Case c : cases) {
            Path out = dir.resolve("out");
            java.util.ArrayList<String> args = new java.util.ArrayList<>(List.of("run"));
            args.addAll(c.args());
            args.addAll(List.of("--out", out.toString(), "--progress", "off"));
            Cli.Outcome o = Cli.run(args.toArray(String[]::new));
            assertEquals(2, o.code(), o.err());
            assertEquals(c.message(), o.err().strip(), String.join(" ", c.args()));
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void sshOnThisHostAloneIsRefusedSinceNiodevRanksWouldListenOnEveryInterface() throws Exception {
        // The ssh and slurm launchers' digest is checked across network namespaces (NetnsSshClusterTest,
        // NetnsRealSshTest); on one host only the daemon launcher keeps the ranks off the network.
        Path sc = Files.writeString(dir.resolve("s.yaml"), SHORT);
        Path machines = Files.writeString(dir.resolve("machines"), "# this host, twice\nlocalhost\n127.0.0.1\n");
        Path out = dir.resolve("ssh");
        Cli.Outcome o = Cli.run("run", sc.toString(), "--dev", "niodev", "--np", "2", "--machines", machines.toString(),
                "--launcher", "ssh", "--out", out.toString(), "--progress", "off");
        assertEquals(2, o.code(), o.err());
        assertEquals("bitswarm: --launcher: ssh: every host of " + machines + " is this one, where niodev ranks started"
                + " this way would listen on every interface; use --launcher daemon (the default), which keeps a"
                + " one-host run off the network", o.err().strip());
        assertFalse(Files.exists(out), "nothing written");
    }
}
