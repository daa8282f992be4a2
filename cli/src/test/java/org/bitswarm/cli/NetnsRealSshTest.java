package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --launcher ssh} with the real thing: an OpenSSH server in each of three network namespaces
 * (192.0.2.0/24, as {@link NetnsClusterTest}), listening only on its host's 192.0.2.x address, key
 * authentication only, with host and user keys the test generates in its temporary folder; the front end on
 * h1 reaches h1, h2 and h3 with the real {@code ssh} client. Same digest as {@code --dev local}, nothing left
 * running after the run or after the front end is killed; the servers and namespaces are removed at the end,
 * also on failure. openssh-server is installed first if missing (build/ensure-sshd.sh, which starts no
 * system sshd).
 */
class NetnsRealSshTest {

    private static final Path PRIVSEP = Path.of("/run/sshd");

    @TempDir
    Path dir;

    private static String prefix() {
        return "hs" + ProcessHandle.current().pid();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void ranksStartedByARealSshOnEachHostGiveTheLocalDigest() throws Exception {
        ensureSshd();
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path launcherTmp = Files.createDirectories(dir.resolve("launcher-tmp"));
        Path keys = Files.createDirectories(dir.resolve("ssh"));
        Files.writeString(shared.resolve("short.yaml"), NetnsCluster.SHORT);
        Files.writeString(shared.resolve("endless.yaml"), NetnsCluster.ENDLESS);
        Files.writeString(shared.resolve("machines"), "h1\nh2\nh3\n");
        NetnsCluster.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("host_key").toString());
        NetnsCluster.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString());
        Files.copy(keys.resolve("id.pub"), keys.resolve("authorized_keys"));
        Files.writeString(keys.resolve("known_hosts"), "h1,h2,h3 " + Files.readString(keys.resolve("host_key.pub")));
        String ssh = "ssh -F /dev/null -o BatchMode=yes -T -i " + keys.resolve("id") + " -o UserKnownHostsFile="
                + keys.resolve("known_hosts") + " -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes {host}";

        Cli.Outcome local = Cli.run("run", shared.resolve("short.yaml").toString(), "--dev", "local", "--out",
                dir.resolve("local").toString(), "--progress", "off");
        assertEquals(0, local.code(), local.err());
        String expected = NetnsCluster.digest(dir.resolve("local"));

        boolean madePrivsep = !Files.isDirectory(PRIVSEP);
        if (madePrivsep) {
            Files.createDirectories(PRIVSEP); // sshd's privilege-separation folder
        }
        try (NetnsCluster c = NetnsCluster.up(prefix(), false, 3, shared, launcherTmp)) {
            for (int i = 1; i <= 3; i++) {
                Path conf = keys.resolve("sshd_config-h" + i);
                Files.writeString(conf, String.join("\n", "ListenAddress 192.0.2." + i + ":22",
                        "HostKey " + keys.resolve("host_key"), "AuthorizedKeysFile " + keys.resolve("authorized_keys"),
                        "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PubkeyAuthentication yes",
                        "PermitRootLogin prohibit-password", "StrictModes no", "UsePAM no", "PidFile none",
                        "X11Forwarding no", "AllowTcpForwarding no", "") );
                c.service(i, dir.resolve("sshd-h" + i + ".log"), "/usr/sbin/sshd", "-D", "-e", "-f", conf.toString());
            }
            for (int i = 1; i <= 3; i++) {
                List<String> listening;
                while ((listening = NetnsCluster.run("ip", "netns", "exec", c.ns(i), "ss", "-Hltn",
                        "sport = :22")).isEmpty()) {
                    Thread.sleep(100); // the test's timeout bounds the wait
                }
                String addr = "192.0.2." + i + ":22";
                assertTrue(listening.stream().allMatch(l -> l.contains(addr)), "sshd listens on " + addr + " only: " + listening);
            }

            Process run = c.frontEnd(1, "5s", Map.of("BITSWARM_REMOTE_SHELL", ssh), "run", "short.yaml", "--dev", "niodev",
                    "--np", "3", "--machines", "machines", "--launcher", "ssh", "--out", "over-ssh", "--progress", "off");
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, run.waitFor(), err + logs());
            assertEquals(expected, NetnsCluster.digest(shared.resolve("over-ssh")));
            c.awaitNothingLeft();

            // The front end dies by SIGKILL: its ssh clients die with it, and so do the remote ranks.
            Process killed = c.frontEnd(1, "5s", Map.of("BITSWARM_REMOTE_SHELL", ssh), "run", "endless.yaml", "--dev",
                    "niodev", "--np", "3", "--machines", "machines", "--launcher", "ssh", "--out", "killed", "--progress", "off");
            NetnsCluster.awaitBeats(shared, 3, killed);
            killed.destroyForcibly();
            killed.waitFor();
            c.awaitNothingLeft();
        } finally {
            if (madePrivsep) {
                Files.deleteIfExists(PRIVSEP);
            }
        }
        assertTrue(NetnsCluster.namespaces(prefix()).isEmpty(), "namespaces removed");
    }

    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            Path log = dir.resolve("sshd-h" + i + ".log");
            if (Files.exists(log)) {
                b.append("\nsshd h").append(i).append(": ").append(Files.readString(log));
            }
        }
        return b.toString();
    }

    private static void ensureSshd() throws Exception {
        Path script = Path.of("..", "build", "ensure-sshd.sh");
        if (!Files.exists(script)) {
            script = Path.of("build", "ensure-sshd.sh");
        }
        NetnsCluster.run("bash", script.toString());
    }
}
