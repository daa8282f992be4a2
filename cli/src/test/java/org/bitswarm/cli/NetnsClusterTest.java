package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A niodev run across three "hosts": network namespaces joined by veth pairs to a bridge, on 192.0.2.0/24
 * (documentation only), each with its own host name (UTS namespace) and an MPJ daemon of its own, as
 * docs/cluster.md sets a cluster up. The front end runs on host h1; its temporary folder is hidden from every
 * daemon (an empty tmpfs over it), so the ranks cannot lean on the launching host's /tmp. The run gives the
 * same event digest as {@code --dev local}; killing host h2 mid-run fails the run within the watchdog's few
 * seconds, naming the host and the rank, and leaves nothing running but the hosts' daemons. The namespaces
 * are removed at the end, also when the test fails. Nothing outside them is contacted.
 */
class NetnsClusterTest {

    @TempDir
    Path dir;

    /** Unique per test JVM: the branch's mark and the pid, so concurrent runs by others never collide. */
    private static String prefix() {
        return "hh" + ProcessHandle.current().pid();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void threeHostsGiveTheLocalDigestAndALostHostIsNamedWithinSeconds() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path launcherTmp = Files.createDirectories(dir.resolve("launcher-tmp"));
        Files.writeString(shared.resolve("short.yaml"), NetnsCluster.SHORT);
        Files.writeString(shared.resolve("endless.yaml"), NetnsCluster.ENDLESS);
        Files.writeString(shared.resolve("machines"), "# the three hosts of the test\nh1\nh2\nh3\n");

        Cli.Outcome local = Cli.run("run", shared.resolve("short.yaml").toString(), "--dev", "local", "--out",
                dir.resolve("local").toString(), "--progress", "off");
        assertEquals(0, local.code(), local.err());
        String expected = NetnsCluster.digest(dir.resolve("local"));

        try (NetnsCluster c = NetnsCluster.up(prefix(), true, 3, shared, launcherTmp)) {
            // 1. Same results as one host.
            Process run = c.frontEnd(1, "5s", "run", "short.yaml", "--dev", "niodev", "--np", "3", "--machines", "machines",
                    "--out", "across", "--progress", "off");
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, run.waitFor(), err);
            assertEquals(expected, NetnsCluster.digest(shared.resolve("across")));
            c.awaitNothingLeft(); // the ranks end with the run

            // 2. A host dies mid-run.
            Process doomed = c.frontEnd(1, "5s", "run", "endless.yaml", "--dev", "niodev", "--np", "3", "--machines",
                    "machines", "--out", "doomed", "--progress", "off");
            NetnsCluster.awaitBeats(shared, 3, doomed);
            assertEquals(Set.of("h1", "h2", "h3"), NetnsCluster.beatHosts(shared), "one rank on each host");
            c.killHost(2);
            String lost = new String(doomed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(Main.EXIT_FAILED, doomed.waitFor(), lost);
            Matcher m = Pattern.compile("bitswarm: rank (\\d) \\(host h2, pid \\d+\\) stopped responding").matcher(lost);
            assertTrue(m.find(), lost);
            assertFalse(lost.contains("\tat "), lost);
            c.awaitNothingLeft(); // ranks on h1 and h3 stop by themselves
            try (Stream<Path> left = Files.list(shared)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".doomed")), "no staging left");
            }
        }
        assertTrue(NetnsCluster.namespaces(prefix()).isEmpty(), "namespaces removed");
    }
}
