package org.bitswarm.engine;

/** Places entities on ranks. Any placement gives the same results; it only changes the speed. */
@FunctionalInterface
public interface Partitioner {

    int rankOf(long entity, long entityCount, int ranks);

    /** Contiguous blocks of ids: entity i goes to rank floor(i * ranks / count). */
    Partitioner BLOCK = (entity, count, ranks) -> (int) (Math.multiplyExact(entity, (long) ranks) / count);

    /** Entity i goes to rank i mod ranks. */
    Partitioner ROUND_ROBIN = (entity, count, ranks) -> (int) (entity % ranks);
}
