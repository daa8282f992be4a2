package org.bitswarm.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule that turns a full-size example scenario into the small version ExampleScenariosTest runs, applied to
 * the parsed YAML tree (plain maps and lists):
 * <ul>
 * <li>every file larger than {@value #MAX_FILE_MIB} MiB becomes {@value #MAX_FILE_MIB} MiB (piece size kept,
 * but at most a sixteenth of the file);</li>
 * <li>seed-only groups keep at most 2 clients; the other groups are scaled together to about
 * {@value #DOWNLOADERS} clients in all, keeping their proportions (at least 1 each);</li>
 * <li>end_time is capped at 1 h;</li>
 * <li>then the example's own patch from {@link #PATCHES}, for what the rule cannot scale (timeline times,
 * arrival rates, seeding times).</li>
 * </ul>
 */
final class ExampleShrink {
    static final int MAX_FILE_MIB = 4;
    static final int DOWNLOADERS = 36;

    private ExampleShrink() {}

    /** Per-example patches after the generic rule, keyed by scenario name (file name without .yaml). */
    static final Map<String, java.util.function.Consumer<Map<String, Object>>> PATCHES = Map.of(
            // Qiu-Srikant needs many arrivals and seeding shorter than F/u to be upload-bound: 120 arrivals at
            // 1/s, mean seeding 10 s, a 1 Mbit/s permanent seed; T = 33.55 - 10 - 1 = 22.55 s.
            "poisson-steady-state", root -> {
                Map<String, Object> arrivals = group(root, "arrivals");
                arrivals.put("count", 120);
                arrivals.put("arrival", new LinkedHashMap<>(Map.of("kind", "poisson", "start", "0s", "rate", 1.0)));
                arrivals.put("seeding", new LinkedHashMap<>(Map.of("kind", "exponential", "duration", "10s")));
                group(root, "seed").put("upload", new LinkedHashMap<>(Map.of("kind", "fixed", "rate", "1Mbit/s")));
            },
            // The small download takes about 40 s: pause mid-download at 10 s, resume at 60 s.
            "churn-pause-resume", root -> {
                List<Map<String, Object>> tl = list(bt(root).get("timeline"));
                tl.get(0).put("at", "10s");
                tl.get(1).put("at", "60s");
            },
            // Enough pieces (256) and time for the piece choice to matter.
            "seed-bottleneck-rarest", ExampleShrink::manyPieces,
            "seed-bottleneck-random", ExampleShrink::manyPieces);

    private static void manyPieces(Map<String, Object> root) {
        torrent(root, 0).put("file_size", "16MiB");
        torrent(root, 0).put("piece_size", "64KiB");
    }

    static void shrink(String name, Map<String, Object> root) {
        Map<String, Object> bt = bt(root);
        for (Map<String, Object> t : list(bt.get("torrents"))) {
            long size = bytes(String.valueOf(t.get("file_size")));
            long max = MAX_FILE_MIB * 1024L * 1024;
            if (size > max) {
                t.put("file_size", MAX_FILE_MIB + "MiB");
                size = max;
            }
            Object ps = t.get("piece_size");
            long piece = ps == null ? 256 * 1024 : bytes(String.valueOf(ps));
            while (piece > 16 * 1024 && piece * 16 > size) {
                piece /= 2;
            }
            t.put("piece_size", (piece / 1024) + "KiB");
        }
        long others = 0;
        for (Map<String, Object> g : list(bt.get("groups"))) {
            if (!seedOnly(g)) {
                others += count(g);
            }
        }
        for (Map<String, Object> g : list(bt.get("groups"))) {
            int n = count(g);
            if (seedOnly(g)) {
                g.put("count", Math.min(n, 2));
            } else if (others > DOWNLOADERS && n > 0) {
                g.put("count", (int) Math.max(1, Math.round((double) n * DOWNLOADERS / others)));
            }
        }
        Object end = root.get("end_time");
        if (end == null || seconds(String.valueOf(end)) > 3600) {
            root.put("end_time", "1h");
        }
        var patch = PATCHES.get(name);
        if (patch != null) {
            patch.accept(root);
        }
    }

    private static boolean seedOnly(Map<String, Object> g) {
        for (Map<String, Object> m : list(g.get("torrents"))) {
            if (!"seed".equals(String.valueOf(m.get("role")))) {
                return false;
            }
        }
        return true;
    }

    private static int count(Map<String, Object> g) {
        Object c = g.get("count");
        return c == null ? 1 : ((Number) c).intValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> bt(Map<String, Object> root) {
        return (Map<String, Object>) root.get("bittorrent");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    static Map<String, Object> group(Map<String, Object> root, String name) {
        return list(bt(root).get("groups")).stream().filter(g -> name.equals(g.get("name"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group " + name));
    }

    static Map<String, Object> torrent(Map<String, Object> root, int i) {
        return list(bt(root).get("torrents")).get(i);
    }

    private static final Pattern QTY = Pattern.compile("([0-9.]+)\\s*([A-Za-z]*)");

    /** Bytes of a size such as 100MiB, 4MB or 262144. */
    static long bytes(String s) {
        Matcher m = QTY.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("size " + s);
        }
        double v = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1000L;
            case "mb" -> 1000_000L;
            case "gb" -> 1000_000_000L;
            default -> throw new IllegalArgumentException("size unit " + s);
        };
        return (long) (v * unit);
    }

    /** Seconds of a duration such as 30min, 2h, 250ms or 10s. */
    static double seconds(String s) {
        Matcher m = QTY.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("duration " + s);
        }
        double v = Double.parseDouble(m.group(1));
        return v * switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "s" -> 1.0;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60.0;
            case "h" -> 3600.0;
            case "d" -> 86400.0;
            default -> throw new IllegalArgumentException("duration unit " + s);
        };
    }
}
