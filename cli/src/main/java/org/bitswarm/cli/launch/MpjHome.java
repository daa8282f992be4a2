package org.bitswarm.cli.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MPJ_HOME on disk: where its jars are, and how to derive a per-run copy with private ports.
 *
 * <p>Why a per-run copy: MPJ 0.44 reads every port it uses from {@code $MPJ_HOME/conf/mpjexpress.conf} and has
 * no command-line override for two of them: the daemon's port manager ({@code mpjexpress.mpjdaemon.port.2},
 * which the daemon binds, and exits if it cannot) and the port on which MPJRun collects the ranks' addresses
 * ({@code mpjexpress.mpjrun.port.1}). Two runs sharing the system conf would collide, and a stale daemon on
 * 40055 would hijack a run. The copy ("overlay") is a conf/ of its own next to a symlink to the real lib/.
 */
final class MpjHome {

    static final String DAEMON_PORT = "mpjexpress.mpjdaemon.port.1";
    static final String PORT_MANAGER_PORT = "mpjexpress.mpjdaemon.port.2";
    static final String MPJRUN_PORT = "mpjexpress.mpjrun.port.1";

    private static final String CONF = "conf/mpjexpress.conf";

    private final Path home;

    MpjHome(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    Path path() {
        return home;
    }

    Path lib(String jar) {
        return home.resolve("lib").resolve(jar);
    }

    /** Fails with a hint when this is not an MPJ_HOME as build/mpj-home.sh assembles it. */
    MpjHome validate(String... jars) throws LaunchException {
        for (String jar : jars) {
            if (!Files.isRegularFile(lib(jar))) {
                throw new LaunchException("MPJ_HOME " + home + " has no lib/" + jar
                        + " (assemble one with build/mpj-home.sh DIR)");
            }
        }
        return this;
    }

    /** The port values of this home's conf, for the keys asked. */
    Map<String, Integer> ports(String... keys) throws LaunchException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String line : confLines()) {
            for (String key : keys) {
                if (line.startsWith(key + "=")) {
                    out.put(key, Integer.parseInt(line.substring(key.length() + 1).trim()));
                }
            }
        }
        return out;
    }

    /**
     * Makes {@code dir} an MPJ_HOME whose lib/ is this one's and whose conf is this one's with {@code ports}
     * replacing the values of their keys.
     */
    MpjHome overlay(Path dir, Map<String, Integer> ports) throws LaunchException {
        try {
            Files.createDirectories(dir.resolve("conf"));
            Path lib = dir.resolve("lib");
            Files.deleteIfExists(lib);
            Files.createSymbolicLink(lib, home.resolve("lib").toRealPath());
            Files.write(dir.resolve(CONF), withPorts(confLines(), ports), StandardCharsets.UTF_8);
            return new MpjHome(dir);
        } catch (IOException e) {
            throw new LaunchException("cannot write a private MPJ_HOME in " + dir, e);
        }
    }

    private List<String> confLines() throws LaunchException {
        Path conf = home.resolve(CONF);
        try {
            return Files.readAllLines(conf, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("cannot read " + conf + " (assemble an MPJ_HOME with build/mpj-home.sh)", e);
        }
    }

    private static List<String> withPorts(List<String> lines, Map<String, Integer> ports) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> pending = new LinkedHashMap<>(ports);
        for (String line : lines) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).trim() : null;
            if (key != null && pending.containsKey(key)) {
                out.add(key + "=" + pending.remove(key));
            } else {
                out.add(line);
            }
        }
        pending.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
