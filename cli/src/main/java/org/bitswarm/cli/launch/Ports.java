package org.bitswarm.cli.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** TCP port helpers for the private niodev daemon. */
final class Ports {

    private static final List<Path> PROC_TCP = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN_STATE = "0A";

    private Ports() {}

    /**
     * {@code n} distinct ports that are free right now, chosen by the kernel. They are released before MPJ
     * binds them, so another process could take one in between; the caller retries when the daemon cannot bind.
     */
    static int[] free(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /**
     * Whether something listens on {@code port} of this host. Reads the kernel's socket table where there is
     * one, because connecting to the MPJ daemon to find out makes it start a job from an empty ticket and print
     * stack traces; elsewhere it falls back to connecting.
     */
    static boolean isListening(int port) {
        return isListening(port, -1);
    }

    /** As {@link #isListening(int)}, in the network namespace of process {@code pid} (-1: this one's). */
    static boolean isListening(int port, long pid) {
        boolean sawTable = false;
        List<Path> tables = pid < 0 ? PROC_TCP
                : List.of(Path.of("/proc/" + pid + "/net/tcp"), Path.of("/proc/" + pid + "/net/tcp6"));
        for (Path table : tables) {
            if (!Files.isReadable(table)) {
                continue;
            }
            sawTable = true;
            if (tableHasListener(table, port)) {
                return true;
            }
        }
        return !sawTable && pid < 0 && canConnect(port);
    }

    private static boolean tableHasListener(Path table, int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 3 && cols[1].endsWith(hexPort) && cols[3].equals(LISTEN_STATE)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
