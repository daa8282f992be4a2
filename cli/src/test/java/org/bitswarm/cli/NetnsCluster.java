package org.bitswarm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bitswarm.cli.launch.TestMpj;

/**
 * The namespaces, bridge, veth pairs and daemons of a test's cluster (the Netns* tests), and what those tests
 * share: the scenarios they run, reading a run's digest, waiting for heartbeats and for the ranks to end.
 */
final class NetnsCluster implements AutoCloseable {
    private final String prefix;
    private final boolean withDaemons;
    private final int hosts;
    private final Path shared;
    private final Path launcherTmp;
    private final Path mpjHome;
    private final List<Process> daemons = new ArrayList<>();

    private NetnsCluster(String prefix, boolean withDaemons, int hosts, Path shared, Path launcherTmp) throws Exception {
        this.prefix = prefix;
        this.withDaemons = withDaemons;
        this.hosts = hosts;
        this.shared = shared;
        this.launcherTmp = launcherTmp;
        this.mpjHome = TestMpj.mpjHome();
    }

    /** Host h's namespace. */
    String ns(int host) {
        return prefix + "-h" + host;
    }

    /**
     * A cluster whose names start with {@code prefix} (at most 9 characters: interface names are short), with
     * an MPJ daemon on every host or none.
     */
    static NetnsCluster up(String prefix, boolean withDaemons, int hosts, Path shared, Path launcherTmp) throws Exception {
        NetnsCluster c = new NetnsCluster(prefix, withDaemons, hosts, shared, launcherTmp);
        try {
            c.build();
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void build() throws Exception {
        String p = prefix;
        String br = p + "-br";
        sh("ip", "netns", "add", br);
        sh("ip", "-n", br, "link", "add", "br0", "type", "bridge");
        sh("ip", "-n", br, "link", "set", "br0", "up");
        StringBuilder hostsFile = new StringBuilder("127.0.0.1 localhost\n");
        for (int i = 1; i <= hosts; i++) {
            hostsFile.append("192.0.2.").append(i).append(" h").append(i).append('\n');
        }
        for (int i = 1; i <= hosts; i++) {
            String ns = ns(i);
            String v = p + "v" + i; // interface names: at most 15 characters
            String b = p + "b" + i;
            sh("ip", "netns", "add", ns);
            sh("ip", "link", "add", v, "type", "veth", "peer", "name", b);
            sh("ip", "link", "set", v, "netns", ns);
            sh("ip", "link", "set", b, "netns", br);
            sh("ip", "-n", br, "link", "set", b, "master", "br0", "up");
            sh("ip", "-n", ns, "addr", "add", "192.0.2." + i + "/24", "dev", v);
            sh("ip", "-n", ns, "link", "set", v, "up");
            sh("ip", "-n", ns, "link", "set", "lo", "up");
            // ip netns exec binds /etc/netns/NS/hosts over /etc/hosts: each host resolves the others' names.
            Path etc = Files.createDirectories(Path.of("/etc/netns", ns));
            Files.writeString(etc.resolve("hosts"), hostsFile.toString());
        }
        for (int i = 1; i <= hosts && withDaemons; i++) {
            daemons.add(startDaemon(i));
        }
        for (int i = 1; i <= hosts && withDaemons; i++) {
            while (run("ip", "netns", "exec", ns(i), "ss", "-Hltn", "sport = :40055").isEmpty()) {
                if (!daemons.get(i - 1).isAlive()) {
                    throw new AssertionError("the daemon of h" + i + " ended");
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * The start of a command line that runs the rest on host {@code i}: in its namespace, with its host name, the
     * launcher's temporary folder hidden (an empty tmpfs over it).
     */
    private List<String> onHost(int i) {
        String script = "hostname h" + i + " && mount -t tmpfs tmpfs '" + launcherTmp + "' && exec \"$@\"";
        return new ArrayList<>(List.of("ip", "netns", "exec", ns(i), "unshare", "--mount", "--uts", "--propagation",
                "private", "--", "/bin/sh", "-c", script, "sh"));
    }

    /** An MPJ daemon as docs/cluster.md starts it, here with the launcher's temporary folder hidden. */
    private Process startDaemon(int i) throws Exception {
        Path home = Files.createDirectories(shared.resolve("daemon-home-h" + i));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = onHost(i);
        cmd.addAll(List.of(java, "-Xmx256m", "-Duser.home=" + home, "-cp", mpjHome.resolve("lib/daemon.jar").toString(),
                "runtime.daemon.MPJDaemon", "40055"));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(shared.resolve("daemon-h" + i + ".log").toFile());
        pb.environment().put("MPJ_HOME", mpjHome.toString());
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        return pb.start();
    }

    /**
     * A long-lived process on host {@code i} (its namespace, its host name, the launcher's temporary folder
     * hidden, as for a daemon), killed with the cluster and never counted as a leftover.
     */
    Process service(int i, Path log, String... command) throws Exception {
        List<String> cmd = onHost(i);
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        daemons.add(p);
        return p;
    }

    /** The front end on host {@code h}, in the shared folder, with the given watchdog. */
    Process frontEnd(int h, String watchdog, String... args) throws Exception {
        return frontEnd(h, watchdog, Map.of(), args);
    }

    /** As above, with more environment variables for the front end. */
    Process frontEnd(int h, String watchdog, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(h), "unshare", "--uts", "--", "/bin/sh",
                "-c", "hostname h" + h + " && exec \"$@\"", "sh",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Djava.awt.headless=true", "-Djava.io.tmpdir=" + launcherTmp, "-Dbitswarm.mpj.home=" + mpjHome,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(shared.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("BITSWARM_WATCHDOG", watchdog);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Every process in the hosts' namespaces but the daemons: ranks, MPJRun, the front end. */
    List<Long> leftovers() throws Exception {
        Set<Long> keep = new HashSet<>();
        daemons.forEach(d -> keep.add(d.pid()));
        List<Long> out = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            for (String pid : run("ip", "netns", "pids", ns(i))) {
                long p = Long.parseLong(pid.strip());
                if (!keep.contains(p) && ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Kills every process of host {@code h}, its daemon included: the host is gone. */
    void killHost(int h) throws Exception {
        for (String pid : run("ip", "netns", "pids", ns(h))) {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static List<String> namespaces(String prefix) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : run("ip", "netns", "list")) {
            String name = line.split(" ")[0];
            if (name.startsWith(prefix + "-")) {
                out.add(name);
            }
        }
        return out;
    }

    /** A short phold run that crosses ranks, and one that never ends by itself (for the kill tests). */
    static final String SHORT = "model: phold\nseed: 5\nend_time: 400ms\nphold:\n  entities: 48\n  remote_fraction: 0.3\n";
    static final String ENDLESS = "model: phold\nend_time: 100000s\nphold:\n  entities: 48\n";

    /** Waits until no process is left in any host's namespace but the daemons; the test's timeout bounds the wait. */
    void awaitNothingLeft() throws Exception {
        while (!leftovers().isEmpty()) {
            Thread.sleep(100);
        }
    }

    /** The event digest in a result folder's manifest.json. */
    static String digest(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("event_digest").asText();
    }

    /** The hosts the ranks' heartbeats name (field 4 of rank-R.beat). */
    static Set<String> beatHosts(Path shared) throws IOException {
        Set<String> hosts = new HashSet<>();
        try (Stream<Path> s = Files.walk(shared, 3)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("rank-\\d+\\.beat")).toList()) {
                hosts.add(Files.readString(p, StandardCharsets.UTF_8).strip().split(" ")[3]);
            }
        }
        return hosts;
    }

    /** Waits until every rank of the one run going has sent a heartbeat into its status folder beside the results. */
    static void awaitBeats(Path shared, int np, Process frontEnd) throws Exception {
        while (true) {
            if (!frontEnd.isAlive()) {
                throw new AssertionError("front end ended: " + new String(frontEnd.getErrorStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
            try (Stream<Path> s = Files.walk(shared, 3)) {
                if (s.filter(p -> p.getFileName().toString().matches("rank-\\d+\\.beat")).count() >= np) {
                    return;
                }
            } catch (IOException e) {
                // a folder vanished while walking: look again
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        try {
            tearDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while removing the namespaces", e);
        } catch (Exception e) {
            throw new AssertionError("cannot remove the namespaces", e);
        }
    }

    private void tearDown() throws Exception {
        for (String ns : namespaces(prefix)) {
            for (String pid : run("ip", "netns", "pids", ns)) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        for (Process d : daemons) {
            d.destroyForcibly();
            d.waitFor(10, TimeUnit.SECONDS);
        }
        for (String ns : namespaces(prefix)) {
            for (int attempt = 0; attempt < 50 && !run("ip", "netns", "pids", ns).isEmpty(); attempt++) {
                Thread.sleep(100);
            }
            sh("ip", "netns", "del", ns);
            Path etc = Path.of("/etc/netns", ns);
            if (Files.exists(etc)) {
                Files.deleteIfExists(etc.resolve("hosts"));
                Files.deleteIfExists(etc);
            }
        }
    }

    private static void sh(String... cmd) throws Exception {
        run(cmd);
    }

    static List<String> run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": did not end");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out);
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
