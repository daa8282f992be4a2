package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --launcher} and the scenario key {@code launcher}: bad values are one line naming the option (or the
 * file, line and key), exit 2, nothing written; {@code --launcher ssh} on this host (a machines file naming
 * localhost twice, a remote-shell template that runs the command line here) gives {@code --dev local}'s digest.
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
    void sshLauncherOnThisHostGivesTheLocalDigest() throws Exception {
        Path sc = Files.writeString(dir.resolve("s.yaml"), SHORT);
        Path machines = Files.writeString(dir.resolve("machines"), "# this host, twice\nlocalhost\nlocalhost\n");
        Cli.Outcome local = Cli.run("run", sc.toString(), "--dev", "local", "--out", dir.resolve("local").toString(),
                "--progress", "off");
        assertEquals(0, local.code(), local.err());
        Path log = dir.resolve("hosts.log");
        // A "remote shell" in ssh's shape (HOST COMMAND-LINE) that notes the host and runs the line here.
        Path rsh = Files.writeString(dir.resolve("rsh"), "#!/bin/sh\necho \"$1\" >> '" + log + "'\nexec /bin/sh -c \"$2\"\n");
        Files.setPosixFilePermissions(rsh, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        System.setProperty("bitswarm.remoteShell", rsh + " {host}");
        try {
            Cli.Outcome o = Cli.run("run", sc.toString(), "--dev", "niodev", "--np", "3", "--machines", machines.toString(),
                    "--launcher", "ssh", "--out", dir.resolve("ssh").toString(), "--progress", "off");
            assertEquals(0, o.code(), o.err());
        } finally {
            System.clearProperty("bitswarm.remoteShell");
        }
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(dir.resolve("local/manifest.json").toFile()).get("event_digest").asText(),
                json.readTree(dir.resolve("ssh/manifest.json").toFile()).get("event_digest").asText());
        assertEquals(List.of("localhost", "localhost", "localhost"), Files.readAllLines(log));
    }
}
