package org.bitswarm.protocol.peer;

import java.util.ArrayList;
import java.util.List;

/**
 * A session's connections: a hash index for message dispatch and a list in connection order for iteration.
 * The order depends only on this client's own event history, so it is the same for any partition.
 */
final class Connections {
    private final LongMap<Connection> byPeer = new LongMap<>(16);
    private final ArrayList<Connection> list = new ArrayList<>();

    Connection get(long peer) {
        return byPeer.get(peer);
    }

    boolean containsKey(long peer) {
        return byPeer.get(peer) != null;
    }

    void put(long peer, Connection c) {
        byPeer.put(peer, c);
        list.add(c);
    }

    void remove(long peer) {
        Connection c = byPeer.get(peer);
        if (c != null) {
            byPeer.remove(peer);
            list.remove(c);
        }
    }

    int size() {
        return list.size();
    }

    /** The live list, in connection order: do not open or close connections while iterating it. */
    List<Connection> values() {
        return list;
    }

    /** A copy, for loops that may close connections. */
    List<Connection> snapshot() {
        return new ArrayList<>(list);
    }
}
