package org.bitswarm.cli.launch;

import java.util.List;

/**
 * Collector options for every JVM that runs ranks (rank JVMs here; the {@code bitswarm} script gives the same
 * to the front end's JVM, which runs the ranks under {@code --dev local}). They change no result, only where
 * the collector spends CPU.
 *
 * <p>G1 keeps its remembered sets current by "refining" the cards that reference stores dirty, in concurrent
 * threads, as the stores happen. The model's long-lived state (connections, queues, per-piece arrays) takes
 * reference stores all the time, and the same cards are dirtied over and over: at 30,000 clients one rank's
 * refinement threads used 0.3-0.5 s of CPU per second of the rank's own (docs/scaling.md, sixth round). One
 * rank hid that on the core it did not use, but two ranks on two cores had no core for it. With refinement left
 * to the pauses ({@code -XX:-G1UseAdaptiveConcRefinement} and zones so large that the refinement threads never
 * start), each dirty card is scanned once per collection instead of once per dirtying: the refinement threads'
 * CPU went to 0 while the GC share stayed at 1-2 % (30k clients, 60 s), and two ranks became 1.67-1.70 x faster
 * than one (1.24 x with G1's own refinement), same digest; at 100k clients x 60 s, 1.50-1.73 x. The
 * dirty-card buffers are bounded by the old generation's cards (one in 512 bytes), so their memory is bounded.
 *
 * <p>JDK 20 reworked concurrent refinement (JDK-8137022) and made these flags obsolete (ignored with a warning);
 * JDK 24 refuses them (JDK-8322170). So they are given only to JDK 17-19: this project builds for 17, and later
 * JDKs, whose refinement works differently, were not measured here. A user's own collector choice still wins
 * where it conflicts: {@code -XX:+UseParallelGC}, for example, makes these options moot.
 */
public final class CollectorOptions {

    private CollectorOptions() {}

    /** Refinement zones (in buffers of cards) larger than any old generation will fill between two pauses. */
    static final List<String> DEFERRED_REFINEMENT = List.of(
            "-XX:-G1UseAdaptiveConcRefinement",
            "-XX:G1ConcRefinementGreenZone=1000000",
            "-XX:G1ConcRefinementYellowZone=2000000",
            "-XX:G1ConcRefinementRedZone=3000000");

    /** The options for a JVM of Java feature release {@code feature} (17 for JDK 17). */
    public static List<String> forJava(int feature) {
        return feature >= 17 && feature < 20 ? DEFERRED_REFINEMENT : List.of();
    }

    /** The options for JVMs running the same Java as this one (rank JVMs are started with this JVM's java). */
    public static List<String> forThisJava() {
        return forJava(Runtime.version().feature());
    }

    /** Prints the options for this JVM's Java, one per line: for scripts that start a JVM of their own. */
    public static void main(String[] args) {
        forThisJava().forEach(System.out::println);
    }
}
