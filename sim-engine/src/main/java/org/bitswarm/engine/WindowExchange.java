package org.bitswarm.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The end of a window on one rank: swaps the window's cross-rank messages and agrees on the next window start,
 * on stopping and on the event count, in one {@link Transport#allToAll} of fixed blocks when the messages fit.
 *
 * <p>Each block, one per rank pair, holds a header (bytes of messages for that rank, the sender's lower bound
 * on its next event, its stop flag, whether it overflowed, its event count, its largest outbox) and the first
 * {@code inline} bytes of the messages. Only if some rank had more to send than fits does one
 * {@link Transport#allToAllBytes} follow with the rest; every rank reads every sender's overflow flag, so all
 * agree on whether it happens. The inline size then follows the largest outbox of the last window (every rank
 * sees the same headers, so every rank picks the same size): windows with a few kilobytes of messages cost one
 * collective instead of two, and windows with more never carry large mostly-empty blocks. Results never depend
 * on the inline size; only the number of collectives does.
 */
final class WindowExchange {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int HEADER_LONGS = 6;
    private static final int HEADER = HEADER_LONGS * Long.BYTES;
    static final int MIN_INLINE = 512;
    static final int MAX_INLINE = 16 * 1024;
    private static final byte[] NONE = new byte[0];

    private final Transport transport;
    private final int rank;
    private final int ranks;
    /** Messages for each rank, written during the window. */
    final ByteWriter[] outbox;
    private int inline = MIN_INLINE;
    private long messageBytes;
    private long collectives;

    // What the last exchange agreed on, and where each rank's messages to this rank are.
    private long next;
    private boolean stop;
    private long events;
    private final byte[][] in;
    private final int[] inOffset;
    private final int[] inLength;

    WindowExchange(Transport transport) {
        this.transport = transport;
        this.rank = transport.rank();
        this.ranks = transport.size();
        this.outbox = new ByteWriter[ranks];
        for (int r = 0; r < ranks; r++) {
            outbox[r] = new ByteWriter(1024);
        }
        this.in = new byte[ranks][];
        this.inOffset = new int[ranks];
        this.inLength = new int[ranks];
    }

    /**
     * Swaps the messages in the outboxes (then empties them) and combines every rank's lower bound, stop flag
     * and event count. Read the outcome through the accessors.
     */
    void exchange(long localMin, boolean stopRequested, long localEvents) {
        long maxOut = 0;
        boolean overflow = false;
        for (int r = 0; r < ranks; r++) {
            int n = outbox[r].size();
            maxOut = Math.max(maxOut, n);
            overflow |= n > inline;
            if (r != rank) {
                messageBytes += n;
            }
        }
        int block = HEADER + inline;
        // A new buffer each time: a transport may still read the last one after its collective returned.
        byte[] send = new byte[ranks * block];
        for (int r = 0; r < ranks; r++) {
            int off = r * block;
            int n = outbox[r].size();
            put(send, off, 0, n);
            put(send, off, 1, localMin);
            put(send, off, 2, stopRequested ? 1 : 0);
            put(send, off, 3, overflow ? 1 : 0);
            put(send, off, 4, localEvents);
            put(send, off, 5, maxOut);
            System.arraycopy(outbox[r].array(), 0, send, off + HEADER, Math.min(n, inline));
        }
        byte[] recv = transport.allToAll(send, block);
        collectives++;
        next = Ticks.NEVER;
        stop = false;
        events = 0;
        boolean anyOverflow = false;
        long globalMax = 0;
        for (int r = 0; r < ranks; r++) {
            int off = r * block;
            inLength[r] = Math.toIntExact(get(recv, off, 0));
            next = Math.min(next, get(recv, off, 1));
            stop |= get(recv, off, 2) != 0;
            anyOverflow |= get(recv, off, 3) != 0;
            events += get(recv, off, 4);
            globalMax = Math.max(globalMax, get(recv, off, 5));
            in[r] = recv;
            inOffset[r] = off + HEADER;
        }
        if (anyOverflow) {
            receiveRest(recv, block);
        }
        for (ByteWriter w : outbox) {
            w.reset();
        }
        inline = inlineFor(globalMax);
    }

    /** The second collective: what did not fit inline, appended to what did. */
    private void receiveRest(byte[] recv, int block) {
        byte[][] rest = new byte[ranks][];
        int[] restSizes = new int[ranks];
        for (int r = 0; r < ranks; r++) {
            int n = outbox[r].size();
            rest[r] = n > inline ? Arrays.copyOfRange(outbox[r].array(), inline, n) : NONE;
            restSizes[r] = Math.max(0, inLength[r] - inline);
        }
        byte[][] got = transport.allToAllBytes(rest, restSizes);
        collectives++;
        for (int r = 0; r < ranks; r++) {
            if (restSizes[r] > 0) {
                byte[] whole = Arrays.copyOfRange(recv, r * block + HEADER, r * block + HEADER + inLength[r]);
                System.arraycopy(got[r], 0, whole, inline, restSizes[r]);
                in[r] = whole;
                inOffset[r] = 0;
            }
        }
    }

    /** Room for the largest outbox of the last window and a quarter more, in powers of two. */
    static int inlineFor(long largest) {
        if (largest > MAX_INLINE) {
            return MIN_INLINE;
        }
        long want = largest + largest / 4;
        int size = MIN_INLINE;
        while (size < want && size < MAX_INLINE) {
            size *= 2;
        }
        return size;
    }

    private static void put(byte[] b, int off, int field, long v) {
        LONGS.set(b, off + field * Long.BYTES, v);
    }

    private static long get(byte[] b, int off, int field) {
        return (long) LONGS.get(b, off + field * Long.BYTES);
    }

    /** The next window start: the least lower bound of all ranks, or {@link Ticks#NEVER}. */
    long next() {
        return next;
    }

    boolean stop() {
        return stop;
    }

    /** Events run so far on all ranks together. */
    long events() {
        return events;
    }

    /** Rank r's messages to this rank, as a reader. */
    ByteReader from(int r) {
        return new ByteReader(in[r], inOffset[r], inLength[r]);
    }

    /** Message bytes this rank has sent to other ranks. */
    long messageBytes() {
        return messageBytes;
    }

    /** Collectives this rank has taken part in for windows. */
    long collectives() {
        return collectives;
    }
}
