package org.bitswarm.engine;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory and GC figures of one run, from the JVM's management beans, so that a run's manifest states its own
 * cost. {@link #start()} takes a baseline (GC time, bytes allocated by every live thread, and resets the heap
 * pools' peaks); {@link #listener} wraps a window listener so that, once the last window is done on rank 0 and
 * every entity of every rank is still reachable (the other ranks are at the final gather), the probe reads
 * the peak heap, the GC time and the bytes allocated since the baseline, then runs a full GC and reads the
 * heap still in use: the live heap of the model at the end of the run.
 *
 * <p>Scope: the JVM of rank 0. Under the multicore device and in-process ranks every rank is a thread of that
 * JVM, so the figures cover the whole run; under niodev they cover rank 0's process only. Allocation is
 * summed over the threads alive at the end (the rank threads are), as {@code ThreadMXBean} counts it.
 */
public final class MemoryProbe {
    private final long gcMillisAtStart;
    private final long gcCountAtStart;
    private final Map<Long, Long> allocatedAtStart;
    private final long cpuNanosAtStart;
    private Figures figures;

    private MemoryProbe() {
        this.gcMillisAtStart = gcMillis();
        this.gcCountAtStart = gcCount();
        this.allocatedAtStart = allocatedByThread();
        this.cpuNanosAtStart = processCpuNanos();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Takes the baseline now. */
    public static MemoryProbe start() {
        return new MemoryProbe();
    }

    /**
     * What was measured at the end of the run.
     *
     * @param peakHeapBytes   sum over heap pools of their peak use since {@link #start()} (an upper bound)
     * @param liveHeapBytes   heap in use after a full GC at the end, every entity still reachable
     * @param gcSeconds       time the collectors report having spent since the start (the final GC excluded)
     * @param gcCount         collections since the start (the final GC excluded)
     * @param allocatedBytes  bytes allocated since the start by the threads alive at the end
     * @param cpuSeconds      CPU time of the whole JVM since the start (every thread: ranks, collector, JIT), or
     *                        -1 where the JVM does not report it; over the wall time it says how many cores the
     *                        run kept busy, which is what bounds the speedup of more ranks on one host
     */
    public record Figures(long peakHeapBytes, long liveHeapBytes, double gcSeconds, long gcCount, long allocatedBytes,
            double cpuSeconds) {

        /** Manifest fields: the figures, per-entity and per-client live heap, and the GC share of the wall time. */
        public Map<String, Object> manifestFields(long entities, long clients, double wallSeconds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peak_heap_bytes", peakHeapBytes);
            m.put("live_heap_bytes", liveHeapBytes);
            m.put("live_heap_bytes_per_entity", entities > 0 ? liveHeapBytes / entities : 0);
            m.put("live_heap_bytes_per_client", clients > 0 ? liveHeapBytes / clients : 0);
            m.put("gc_seconds", Math.round(gcSeconds * 1e3) / 1e3);
            m.put("gc_count", gcCount);
            m.put("gc_share", wallSeconds > 0 ? Math.round(gcSeconds / wallSeconds * 1e4) / 1e4 : 0.0);
            m.put("allocated_bytes", allocatedBytes);
            m.put("process_cpu_seconds", cpuSeconds < 0 ? -1 : Math.round(cpuSeconds * 1e3) / 1e3);
            m.put("cores_busy", cpuSeconds < 0 || wallSeconds <= 0 ? -1 : Math.round(cpuSeconds / wallSeconds * 1e3) / 1e3);
            m.put("jvm_collector", collector());
            m.put("jvm_options", jvmOptions());
            m.put("memory_scope", "JVM of rank 0 (all ranks under multicore and local devices)");
            return m;
        }
    }

    /** The figures, or null if the run has not ended through {@link #listener}'s runDone (or {@link #finish}). */
    public Figures figures() {
        return figures;
    }

    /** Reads the figures now (peak, GC, allocation), then runs a full GC and reads the live heap. */
    public Figures finish() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        double gc = (gcMillis() - gcMillisAtStart) / 1e3;
        long count = gcCount() - gcCountAtStart;
        long allocated = 0;
        for (Map.Entry<Long, Long> e : allocatedByThread().entrySet()) {
            allocated += e.getValue() - allocatedAtStart.getOrDefault(e.getKey(), 0L);
        }
        long cpu = processCpuNanos();
        double cpuSeconds = cpu < 0 || cpuNanosAtStart < 0 ? -1 : (cpu - cpuNanosAtStart) / 1e9;
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        figures = new Figures(Math.max(peak, live), live, gc, count, Math.max(0, allocated), cpuSeconds);
        return figures;
    }

    /** {@code inner}, plus {@link #finish()} when the run is done (before inner's runDone). */
    public RunConfig.WindowListener listener(RunConfig.WindowListener inner) {
        return new RunConfig.WindowListener() {
            @Override
            public void windowDone(long nextTime, long eventsSoFar, long windows) {
                inner.windowDone(nextTime, eventsSoFar, windows);
            }

            @Override
            public void runDone(long nextTime, long events, long windows) {
                finish();
                inner.runDone(nextTime, events, windows);
            }
        };
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    /** CPU time of this JVM in nanoseconds, or -1 if not reported. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The collectors' names, e.g. "G1 Young Generation, G1 Old Generation". */
    static String collector() {
        StringBuilder b = new StringBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            b.append(b.length() > 0 ? ", " : "").append(gc.getName());
        }
        return b.toString();
    }

    /**
     * The JVM's own options ({@code -X...}, {@code -XX:...}) from its command line and
     * {@code JAVA_TOOL_OPTIONS}, in order: what a benchmark figure was measured with. System properties
     * ({@code -D}) are left out: they hold paths.
     */
    static java.util.List<String> jvmOptions() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-X")) {
                out.add(a);
            }
        }
        return out;
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static Map<Long, Long> allocatedByThread() {
        Map<Long, Long> m = new HashMap<>();
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            long[] ids = t.getAllThreadIds();
            long[] bytes = t.getThreadAllocatedBytes(ids);
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    m.put(ids[i], bytes[i]);
                }
            }
        }
        return m;
    }
}
