package org.bitswarm.protocol.peer;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bitswarm.engine.Entity;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RankEngine;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.bench.BenchScenario;
import org.bitswarm.protocol.config.SwarmConfig;

/**
 * Diagnosis, not a test: which field owns the bytes. At the end of a run of {@link BenchScenario#peersim} it
 * walks the object graph by reflection from the engine (entities included), attributing every array and object
 * to the first field path that reaches it (Class.field), and prints the heaviest paths in bytes per client.
 * Sizes assume compressed oops (12-byte headers, 4-byte references, 8-byte alignment).
 * {@code java -cp CP --add-opens java.base/java.util=ALL-UNNAMED org.bitswarm.protocol.peer.HeapCensus CLIENTS SECONDS}
 */
public final class HeapCensus {
    private HeapCensus() {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        long end = Long.parseLong(args[1]) * Ticks.SECOND;
        SwarmConfig cfg = BenchScenario.peersim(clients);
        RankEngine[] engine = new RankEngine[1];
        Map<String, long[]> byPath = new TreeMap<>();
        RunConfig rc = RunConfig.of(1, end).withListener(new RunConfig.WindowListener() {
            @Override
            public void windowDone(long nextTime, long eventsSoFar, long windows) {}

            @Override
            public void runDone(long nextTime, long events, long windows) {
                walk(engine[0], byPath);
            }
        });
        LocalCluster.runEach(1, t -> {
            engine[0] = new RankEngine(new BitTorrentModel(cfg, 1), t, rc);
            return engine[0].run();
        });
        List<Map.Entry<String, long[]>> l = new ArrayList<>(byPath.entrySet());
        l.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        long total = 0;
        for (var e : l) {
            total += e.getValue()[1];
        }
        System.out.printf("clients=%d seconds=%s reachable from the engine: %.0f B per client%n", clients, args[1],
                (double) total / clients);
        for (var e : l.subList(0, Math.min(40, l.size()))) {
            System.out.printf("  %10.1f B %8.2f obj  per client  %s%n", (double) e.getValue()[1] / clients,
                    (double) e.getValue()[0] / clients, e.getKey());
        }
    }

    private record Item(Object o, String path) {}

    static void walk(Object root, Map<String, long[]> byPath) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Item> todo = new ArrayDeque<>();
        todo.add(new Item(root, "engine"));
        seen.put(root, true);
        while (!todo.isEmpty()) {
            Item it = todo.poll();
            Object o = it.o;
            Class<?> c = o.getClass();
            long size;
            if (c.isArray()) {
                int n = Array.getLength(o);
                Class<?> ct = c.getComponentType();
                int es = ct == long.class || ct == double.class ? 8 : ct == int.class || ct == float.class ? 4
                        : ct == short.class || ct == char.class ? 2 : ct == byte.class || ct == boolean.class ? 1 : 4;
                size = align(16 + (long) n * es);
                if (!ct.isPrimitive()) {
                    for (int i = 0; i < n; i++) {
                        push(Array.get(o, i), it.path + "[]", seen, todo);
                    }
                }
            } else {
                size = 12;
                for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers())) {
                            continue;
                        }
                        Class<?> t = f.getType();
                        size += t == long.class || t == double.class ? 8 : t == byte.class || t == boolean.class ? 1
                                : t == short.class || t == char.class ? 2 : 4;
                        if (!t.isPrimitive()) {
                            Object v;
                            try {
                                f.setAccessible(true);
                                v = f.get(o);
                            } catch (RuntimeException | IllegalAccessException e) {
                                continue;
                            }
                            String p = o instanceof Entity || k.getName().startsWith("org.bitswarm")
                                    ? k.getSimpleName() + "." + f.getName() : it.path;
                            push(v, p, seen, todo);
                        }
                    }
                }
                size = align(size);
            }
            long[] acc = byPath.computeIfAbsent(it.path + " : " + c.getSimpleName(), x -> new long[2]);
            acc[0]++;
            acc[1] += size;
        }
    }

    private static void push(Object v, String path, IdentityHashMap<Object, Boolean> seen, ArrayDeque<Item> todo) {
        if (v != null && !(v instanceof Class) && !(v instanceof Thread) && !(v instanceof ClassLoader)
                && seen.put(v, true) == null) {
            todo.add(new Item(v, path));
        }
    }

    private static long align(long s) {
        return (s + 7) & ~7L;
    }
}
