package org.bitswarm.engine;

import java.util.Arrays;

/**
 * The events of one window, taken out of the queue in the total order and then grouped by target entity,
 * keeping the total order within each entity. The engine runs a window entity by entity from it (see
 * {@link RankEngine}): an entity's data is then fetched once per window instead of once per event.
 */
final class WindowBatch {
    /** Longs per event: time, key, source, sequence, target << 32 | kind. */
    private static final int STRIDE = 5;

    private long[] data = new long[STRIDE * 1024];
    private Object[] payloads = new Object[1024];
    private int size;
    private long[] order = new long[0];
    private final RadixSort radix = new RadixSort();

    /** Takes every event earlier than {@code end} out of the queue; returns how many. */
    int fill(EventQueue queue, long end) {
        int n = 0;
        while (queue.peekTime() < end) {
            queue.poll();
            if (n == payloads.length) {
                data = Arrays.copyOf(data, 2 * data.length);
                payloads = Arrays.copyOf(payloads, 2 * payloads.length);
            }
            int o = STRIDE * n;
            data[o] = queue.time();
            data[o + 1] = queue.key();
            data[o + 2] = queue.source();
            data[o + 3] = queue.seq();
            data[o + 4] = (long) queue.target() << 32 | (queue.kind() & 0xffffffffL);
            payloads[n] = queue.payload();
            n++;
        }
        size = n;
        return n;
    }

    /** Orders the events by target entity, stable; {@code entityBits} bits hold any local entity index. */
    void group(int entityBits) {
        long[] keys = radix.buffer(size);
        for (int i = 0; i < size; i++) {
            keys[i] = (data[STRIDE * i + 4] >>> 32) << 32 | i;
        }
        order = radix.sort(size, 32, entityBits);
    }

    /** The local index of the target of the k-th event in entity order. */
    int target(int k) {
        return (int) (order[k] >>> 32);
    }

    /** The end of the run of events that share the k-th event's target. */
    int groupEnd(int k) {
        long t = order[k] >>> 32;
        int j = k + 1;
        while (j < size && order[j] >>> 32 == t) {
            j++;
        }
        return j;
    }

    long time(int k) {
        return data[STRIDE * (int) order[k]];
    }

    long key(int k) {
        return data[STRIDE * (int) order[k] + 1];
    }

    long source(int k) {
        return data[STRIDE * (int) order[k] + 2];
    }

    long seq(int k) {
        return data[STRIDE * (int) order[k] + 3];
    }

    int kind(int k) {
        return (int) data[STRIDE * (int) order[k] + 4];
    }

    /** The k-th event's payload; the batch lets go of it. */
    Payload takePayload(int k) {
        int i = (int) order[k];
        Payload p = (Payload) payloads[i];
        payloads[i] = null;
        return p;
    }
}
