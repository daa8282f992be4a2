package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Niodev across three "hosts" (network namespaces on 192.0.2.0/24, as in {@link NetnsClusterTest}) with no MPJ
 * daemon anywhere: {@code --launcher ssh} starts each rank through the remote-shell template, here a script
 * that does what {@code ssh HOST COMMAND} does (runs the command line on that host: in its namespace, with its
 * host name, the launching host's temporary folder hidden), and {@code --launcher slurm} through a fake
 * {@code srun} on PATH that checks the arguments it is given and then does the same (there is no Slurm here).
 * Both give {@code --dev local}'s digest; a host that dies mid-run is named with its rank within seconds; a
 * front end killed by SIGKILL takes every rank with it. Nothing listens outside the namespaces; they are
 * removed at the end, also on failure.
 */
class NetnsSshClusterTest {

    @TempDir
    Path dir;

    /** This branch's mark and the pid: never the names of another test or another agent's run. */
    private static String prefix() {
        return "hl" + ProcessHandle.current().pid();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void ranksStartedOverARemoteShellOrSrunGiveTheLocalDigestAndDieWithTheRun() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path launcherTmp = Files.createDirectories(dir.resolve("launcher-tmp"));
        Files.writeString(shared.resolve("short.yaml"), NetnsCluster.SHORT);
        Files.writeString(shared.resolve("endless.yaml"), NetnsCluster.ENDLESS);
        Files.writeString(shared.resolve("machines"), "# the three hosts of the test\nh1\nh2\nh3\n");
        Path rsh = script(dir.resolve("rsh"), "#!/bin/sh\n"
                + "# rsh HOST COMMAND-LINE: what ssh HOST COMMAND-LINE does, on a host that is a network namespace\n"
                + "host=\"$1\"; line=\"$2\"\n"
                + "exec ip netns exec " + prefix() + "-\"$host\" unshare --mount --uts --propagation private -- /bin/sh -c"
                + " 'hostname \"$1\" && mount -t tmpfs tmpfs \"$2\" && eval \"$3\"' sh \"$host\" '" + launcherTmp + "' \"$line\"\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path srunLog = shared.resolve("srun.log");
        script(bin.resolve("srun"), "#!/bin/sh\n"
                + "# A fake srun: accepts only the arguments Bitswarm's slurm launcher gives, logs the node, runs the line there\n"
                + "[ \"$1\" = --nodes=1 ] && [ \"$2\" = --ntasks=1 ] && [ \"$3\" = --overlap ] || { echo \"srun: bad arguments: $*\" >&2; exit 99; }\n"
                + "case \"$4\" in --nodelist=*) node=\"${4#--nodelist=}\" ;; *) echo \"srun: no --nodelist: $*\" >&2; exit 99 ;; esac\n"
                + "[ \"$5\" = /bin/sh ] && [ \"$6\" = -c ] && [ $# -eq 7 ] || { echo \"srun: bad command: $*\" >&2; exit 99; }\n"
                + "echo \"$node\" >> '" + srunLog + "'\n"
                + "exec '" + rsh + "' \"$node\" \"$7\"\n");

        Cli.Outcome local = Cli.run("run", shared.resolve("short.yaml").toString(), "--dev", "local", "--out",
                dir.resolve("local").toString(), "--progress", "off");
        assertEquals(0, local.code(), local.err());
        String expected = NetnsCluster.digest(dir.resolve("local"));

        Map<String, String> ssh = Map.of("BITSWARM_REMOTE_SHELL", rsh + " {host}");
        try (NetnsCluster c = NetnsCluster.up(prefix(), false, 3, shared, launcherTmp)) {
            // 1. Over the remote shell: the same results as one host, one rank per host, nothing left.
            Process run = c.frontEnd(1, "5s", ssh, "run", "short.yaml", "--dev", "niodev", "--np", "3", "--machines",
                    "machines", "--launcher", "ssh", "--out", "across", "--progress", "off");
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, run.waitFor(), err);
            assertEquals(expected, NetnsCluster.digest(shared.resolve("across")));
            c.awaitNothingLeft();

            // 2. Under "Slurm": hosts from SLURM_JOB_NODELIST, one srun per rank.
            Map<String, String> slurm = Map.of("PATH", bin + ":" + System.getenv("PATH"), "SLURM_JOB_NODELIST", "h[1-3]");
            Process srun = c.frontEnd(1, "5s", slurm, "run", "short.yaml", "--dev", "niodev", "--np", "3", "--launcher",
                    "slurm", "--out", "slurm", "--progress", "off");
            String srunErr = new String(srun.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, srun.waitFor(), srunErr);
            assertEquals(expected, NetnsCluster.digest(shared.resolve("slurm")));
            assertEquals(List.of("h1", "h2", "h3"), Files.readAllLines(srunLog).stream().sorted().toList());
            c.awaitNothingLeft();

            // 3. A host dies mid-run: its rank is named with the host, the others end with the run.
            Process doomed = c.frontEnd(1, "5s", ssh, "run", "endless.yaml", "--dev", "niodev", "--np", "3", "--machines",
                    "machines", "--launcher", "ssh", "--out", "doomed", "--progress", "off");
            NetnsCluster.awaitBeats(shared, 3, doomed);
            assertEquals(Set.of("h1", "h2", "h3"), NetnsCluster.beatHosts(shared), "one rank on each host");
            c.killHost(2);
            String lost = new String(doomed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(Main.EXIT_FAILED, doomed.waitFor(), lost);
            assertTrue(lost.contains("bitswarm: rank 1 (host h2) ended without reporting"), lost);
            assertFalse(lost.contains("\tat "), lost);
            c.awaitNothingLeft();
            try (Stream<Path> left = Files.list(shared)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".doomed")), "no staging left");
            }

            // 4. The front end is killed (SIGKILL, no shutdown hook runs): every rank goes with it.
            Process killed = c.frontEnd(1, "5s", ssh, "run", "endless.yaml", "--dev", "niodev", "--np", "3", "--machines",
                    "machines", "--launcher", "ssh", "--out", "killed", "--progress", "off");
            NetnsCluster.awaitBeats(shared, 3, killed);
            killed.destroyForcibly();
            killed.waitFor();
            c.awaitNothingLeft();
        }
        assertTrue(NetnsCluster.namespaces(prefix()).isEmpty(), "namespaces removed");
    }

    private static Path script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

}
