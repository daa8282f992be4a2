/**
 * Primitive collections for per-client hot state, so that a client's memory is a few arrays rather than boxed
 * {@code Long}s and tree nodes: {@link org.bitswarm.protocol.util.LongHashSet} and
 * {@link org.bitswarm.protocol.util.LongLongHashMap} (open addressing, linear probing, backward-shift deletion),
 * {@link org.bitswarm.protocol.util.LongFifoSet} (a bounded FIFO of distinct longs, for learned peer addresses)
 * and {@link org.bitswarm.protocol.util.IntSortedMap} (sorted parallel arrays, iterated in key order).
 *
 * <p>Each is deterministic: its layout and iteration order depend only on the operations applied to it, never
 * on identity hashes or the heap. {@code Long.MIN_VALUE} is reserved as the empty slot of the long-keyed
 * tables; the peer ids and block keys the model stores are never negative.
 */
package org.bitswarm.protocol.util;
