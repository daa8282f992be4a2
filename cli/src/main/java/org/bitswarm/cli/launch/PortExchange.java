package org.bitswarm.cli.launch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The one thing MPJRun does for a niodev run that the ranks cannot do alone: collect every rank's two server
 * ports and hand the whole table to all of them. Without a daemon, the front end does it.
 *
 * <p>The exchange, as MPJ 0.44's {@code NIODevice.init} and {@code MPJRun.collectPortInfo} speak it (read from
 * their byte code): each rank connects to the server named by {@code #Server Name}/{@code #Server Port} of its
 * configuration, writes {@code writeUTF("Sending Info")}, then {@code writeInt} of its write port, its read port
 * and its rank; once all ranks have sent, the server answers each with one {@code writeUTF} of
 * {@code #Peer Information;ADDR@READPORT@WRITEPORT@RANK@DEBUGPORT;...} in rank order (ADDR being where the
 * connection came from) and closes it.
 *
 * <p>Unlike MPJRun it listens on one address only (never the wildcard), ignores a connection that does not
 * speak the exchange within a few seconds, or names a rank out of range or twice, and never blocks a run: the
 * watchdog ends a run whose ranks never come up.
 */
final class PortExchange implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String HELLO = "Sending Info";

    private final ServerSocket server;
    private final int np;
    private final Thread thread;
    private volatile String problem;

    private PortExchange(ServerSocket server, int np) {
        this.server = server;
        this.np = np;
        this.thread = new Thread(this::serve, "bitswarm-port-exchange");
        thread.setDaemon(true);
    }

    /** Listens on {@code address}, on a kernel-chosen port, for {@code np} ranks. */
    static PortExchange start(InetAddress address, int np) throws LaunchException {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(address, 0), np);
            PortExchange ex = new PortExchange(s, np);
            ex.thread.start();
            return ex;
        } catch (IOException e) {
            throw new LaunchException("cannot listen on " + address.getHostAddress()
                    + " for the ranks' address exchange: " + e.getMessage(), e);
        }
    }

    InetAddress address() {
        return server.getInetAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    /** What went wrong in the exchange, if anything (null while all is well). */
    String problem() {
        return problem;
    }

    private void serve() {
        Socket[] byRank = new Socket[np];
        String[] entries = new String[np];
        int seen = 0;
        try {
            while (seen < np) {
                Socket s = server.accept();
                try {
                    s.setSoTimeout(READ_TIMEOUT_MILLIS);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    if (!in.readUTF().startsWith(HELLO)) {
                        s.close();
                        continue;
                    }
                    int writePort = in.readInt();
                    int readPort = in.readInt();
                    int rank = in.readInt();
                    if (rank < 0 || rank >= np || byRank[rank] != null || !isPort(writePort) || !isPort(readPort)) {
                        s.close();
                        continue;
                    }
                    byRank[rank] = s;
                    entries[rank] = ";" + s.getInetAddress().getHostAddress() + "@" + readPort + "@" + writePort
                            + "@" + rank + "@0";
                    seen++;
                } catch (IOException e) {
                    s.close(); // not a rank, or one that died mid-way: the watchdog names it
                }
            }
            StringBuilder table = new StringBuilder("#Peer Information");
            for (String e : entries) {
                table.append(e);
            }
            for (Socket s : byRank) {
                try (s) {
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    out.writeUTF(table.toString());
                    out.flush();
                }
            }
        } catch (SocketException e) {
            // closed: the run is over
        } catch (IOException e) {
            problem = "the ranks' address exchange failed: " + e;
        } finally {
            for (Socket s : byRank) {
                closeQuietly(s);
            }
        }
    }

    private static boolean isPort(int p) {
        return p > 0 && p < 65536;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
