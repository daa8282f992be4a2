package org.bitswarm.cli.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a single-host niodev run off the network. MPJ's daemon, its port manager, MPJRun and every niodev rank
 * bind the wildcard address, and the daemon runs whatever a request names, without authentication; MPJ has no
 * option to bind loopback. So the private daemon starts in a network namespace of its own, holding nothing but
 * {@code lo} ({@code unshare --net}), MPJRun joins it ({@code nsenter --net}), and the rank JVMs the daemon
 * starts inherit it: whatever they bind, nothing outside the namespace can reach it. The namespace has no name
 * to clean up: it disappears with its last process.
 *
 * <p>Needs root (as CI runs) and util-linux's {@code unshare}/{@code nsenter} with iproute2's {@code ip}.
 * Without them the run goes ahead on the host's network after a warning that says so.
 */
final class NetIsolation {

    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    private static final Path NSENTER = Path.of("/usr/bin/nsenter");
    private static final Path[] IP = {Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/usr/bin/ip"), Path.of("/bin/ip")};
    private static volatile Boolean available;

    private NetIsolation() {}

    /** Whether a fresh network namespace can be made here (tried once per JVM). */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        return a;
    }

    /** {@code cmd} started in a new network namespace whose {@code lo} is up. */
    static List<String> inNewNamespace(List<String> cmd) {
        List<String> out = new ArrayList<>(List.of(UNSHARE.toString(), "--net", "--", "/bin/sh", "-c",
                ip() + " link set lo up && exec \"$@\"", "sh"));
        out.addAll(cmd);
        return out;
    }

    /** {@code cmd} started in the network namespace of process {@code pid}. */
    static List<String> inNamespaceOf(long pid, List<String> cmd) {
        List<String> out = new ArrayList<>(List.of(NSENTER.toString(), "--net=/proc/" + pid + "/ns/net", "--"));
        out.addAll(cmd);
        return out;
    }

    private static String ip() {
        for (Path p : IP) {
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return "ip";
    }

    private static boolean probe() {
        if (!Files.isExecutable(UNSHARE) || !Files.isExecutable(NSENTER)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(inNewNamespace(List.of("/bin/true"))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
