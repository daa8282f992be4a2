package org.bitswarm.protocol.wire;

/**
 * Event kinds. Messages between clients follow the BEP 3 peer wire protocol; ANNOUNCE and its reply the BEP 3
 * tracker protocol; PEX is BEP 11. Kinds from {@link #TIMER_BASE} up are timers an entity sets for itself.
 */
public final class Kind {
    private Kind() {}

    public static final int ANNOUNCE = 0;
    public static final int PEERS = 1;
    public static final int HANDSHAKE = 2;
    public static final int REJECT = 3;
    public static final int CLOSE = 4;
    public static final int CHOKE = 5;
    public static final int UNCHOKE = 6;
    public static final int INTERESTED = 7;
    public static final int NOT_INTERESTED = 8;
    public static final int HAVE = 9;
    public static final int REQUEST = 10;
    public static final int PIECE = 11;
    public static final int CANCEL = 12;
    public static final int PEX = 13;
    /** Simulation control, not protocol: a downloader tells the monitor (tracker 0) it finished or left for good. */
    public static final int DONE = 14;
    /**
     * BEP 21's upload_only: the sender has every piece now. Sent on completion to the peers that did not hear of
     * every piece through HAVEs (with {@code have.redundant: false} a peer that had a piece was not told).
     */
    public static final int UPLOAD_ONLY = 15;

    public static final int TIMER_BASE = 20;
    public static final int JOIN = 20;
    public static final int RECHOKE = 21;
    public static final int ANNOUNCE_TIMER = 22;
    public static final int UPLINK_DONE = 23;
    public static final int LEAVE = 24;
    public static final int PAUSE = 25;
    public static final int RESUME = 26;
    public static final int ABORT = 27;
    public static final int PEX_TIMER = 28;
    public static final int OUTAGE_START = 29;
    public static final int OUTAGE_END = 30;
    public static final int HAVE_FLUSH = 31;
    /** A block that waited for the receiver's downlink has crossed it ({@link Msg.BlockIn}). */
    public static final int BLOCK_IN = 32;

    /** Announce events (BEP 3). */
    public static final int EV_PERIODIC = 0;
    public static final int EV_STARTED = 1;
    public static final int EV_COMPLETED = 2;
    public static final int EV_STOPPED = 3;

    private static final String[] NAMES = {"announce", "peers", "handshake", "reject", "close", "choke", "unchoke",
        "interested", "not_interested", "have", "request", "piece", "cancel", "pex", "done", "upload_only"};
    private static final String[] TIMERS = {"join", "rechoke", "announce_timer", "uplink_done", "leave", "pause",
        "resume", "abort", "pex_timer", "outage_start", "outage_end", "have_flush", "block_in"};

    public static String name(int kind) {
        if (kind >= 0 && kind < NAMES.length) {
            return NAMES[kind];
        }
        if (kind >= TIMER_BASE && kind - TIMER_BASE < TIMERS.length) {
            return TIMERS[kind - TIMER_BASE];
        }
        return "kind" + kind;
    }
}
