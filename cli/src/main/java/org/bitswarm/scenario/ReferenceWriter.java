package org.bitswarm.scenario;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.Profile;
import org.bitswarm.protocol.config.SwarmConfig;

/**
 * Writes a configuration record's keys as commented YAML, from the records themselves: each key with its
 * {@link Doc} line and its {@code defaults()} value. scenarios/REFERENCE-bittorrent.yaml is this output, and a
 * test keeps it so, so the reference cannot drift from the code.
 */
public final class ReferenceWriter {
    private final StringBuilder out = new StringBuilder();
    /** Write each key's @Doc line and the other kinds of each strategy (false: values only). */
    private boolean full = true;

    static String section(String key, Record defaults) {
        ReferenceWriter w = new ReferenceWriter();
        w.out.append(key).append(":\n");
        w.record(defaults, "  ");
        return w.out.toString();
    }

    private void record(Record r, String indent) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = read(c, r);
            Doc doc = c.getAnnotation(Doc.class);
            String key = Binder.snake(c.getName());
            if (doc != null && full) {
                comment(indent, doc.value());
            }
            Unit unit = c.getAnnotation(Unit.class);
            Map<String, Class<? extends Record>> kinds = c.getType().isInterface() ? Binder.kinds(c.getType()) : null;
            if (v == null) {
                // An optional block (a group's protocol override): not set unless given.
                out.append(indent).append("# ").append(key).append(": (not set)\n");
            } else if (kinds != null) {
                strategy(key, kinds, (Record) v, indent);
            } else if (v instanceof Record nested && allNull(nested)) {
                out.append(indent).append(key).append(": {}   # none set; its keys:\n");
                record(nested, indent + "  ");
            } else if (v instanceof Record nested) {
                out.append(indent).append(key).append(":\n");
                record(nested, indent + "  ");
            } else if (v instanceof List<?> list) {
                Class<?> element = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
                if (list.isEmpty()) {
                    out.append(indent).append(key).append(": []");
                    if (element.isRecord()) {
                        out.append("   # items: mappings with the keys below");
                    }
                    out.append('\n');
                    if (element.isRecord()) {
                        commented(element, indent + "#   ");
                    }
                } else if (element.isRecord()) {
                    out.append(indent).append(key).append(":\n");
                    for (Object item : list) {
                        out.append(indent).append("  -\n");
                        record((Record) item, indent + "    ");
                    }
                } else {
                    out.append(indent).append(key).append(": [");
                    for (int i = 0; i < list.size(); i++) {
                        out.append(i > 0 ? ", " : "").append(scalar(list.get(i), unit));
                    }
                    out.append("]\n");
                }
            } else {
                out.append(indent).append(key).append(": ").append(scalar(v, unit)).append('\n');
            }
        }
    }

    /**
     * A pluggable strategy's block: the default kind with its keys, then every other registered kind with its
     * own keys and defaults, as comments.
     */
    private void strategy(String key, Map<String, Class<? extends Record>> kinds, Record value, String indent) {
        String kind = null;
        for (Map.Entry<String, Class<? extends Record>> e : kinds.entrySet()) {
            if (e.getValue() == value.getClass()) {
                kind = e.getKey();
            }
        }
        out.append(indent).append(key).append(":\n");
        String in = indent + "  ";
        if (!full) {
            out.append(in).append("kind: ").append(kind).append('\n');
            record(value, in);
            return;
        }
        out.append(in).append("# one of: ").append(String.join(", ", kinds.keySet())).append('\n');
        out.append(in).append("# ").append(kind).append(": ").append(describe(value.getClass())).append('\n');
        out.append(in).append("kind: ").append(kind).append('\n');
        record(value, in);
        for (Map.Entry<String, Class<? extends Record>> e : kinds.entrySet()) {
            if (!e.getKey().equals(kind)) {
                out.append(in).append("# kind: ").append(e.getKey()).append(" (").append(describe(e.getValue()))
                        .append(")\n");
                commented(e.getValue(), in + "#   ");
            }
        }
    }

    private static boolean allNull(Record r) {
        RecordComponent[] cs = r.getClass().getRecordComponents();
        for (RecordComponent c : cs) {
            if (read(c, r) != null) {
                return false;
            }
        }
        return cs.length > 0;
    }

    private static String describe(Class<?> kind) {
        Doc d = kind.getAnnotation(Doc.class);
        return d == null ? kind.getSimpleName() : d.value();
    }

    /** The keys of a record type with their defaults, as comments; a type without defaults lists its keys as required. */
    private void commented(Class<?> type, String indent) {
        try {
            Record d = (Record) type.getMethod("defaults").invoke(null);
            ReferenceWriter w = new ReferenceWriter();
            if (d == null) {
                for (RecordComponent c : type.getRecordComponents()) {
                    Doc doc = c.getAnnotation(Doc.class);
                    if (doc != null) {
                        w.out.append("# ").append(doc.value()).append('\n');
                    }
                    w.out.append(Binder.snake(c.getName())).append(": (required)\n");
                }
            } else {
                w.record(d, "");
            }
            for (String line : w.out.toString().split("\n")) {
                out.append(indent).append(line).append('\n');
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no defaults()", e);
        }
    }

    static String scalar(Object v, Unit unit) {
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof String s) {
            return s.isEmpty() ? "\"\"" : s;
        }
        if (unit != null && v instanceof Long n) {
            return switch (unit.value()) {
                case BYTES -> withUnit(n, new long[] {1L << 30, 1L << 20, 1L << 10}, new String[] {"GiB", "MiB", "KiB"}, "B");
                case BITS_PER_SECOND -> withUnit(n, new long[] {1_000_000_000L, 1_000_000L, 1000L},
                        new String[] {"Gbit/s", "Mbit/s", "kbit/s"}, "bit/s");
                case DURATION -> withUnit(n, new long[] {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
                    1_000_000_000L, 1_000_000L, 1000L}, new String[] {"d", "h", "min", "s", "ms", "us"}, "ns");
            };
        }
        return String.valueOf(v);
    }

    private static String withUnit(long n, long[] factors, String[] names, String base) {
        if (n == 0) {
            return "0";
        }
        for (int i = 0; i < factors.length; i++) {
            if (n != 0 && n % factors[i] == 0) {
                return (n / factors[i]) + names[i];
            }
        }
        return n + base;
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the bittorrent reference: {@code java -cp cli/target/bitswarm.jar org.bitswarm.scenario.ReferenceWriter}. */
    public static void main(String[] args) {
        System.out.print(bittorrentReference());
    }

    public static String bittorrentReference() {
        return """
                # Bitswarm scenario reference, part 2: every key of the bittorrent section, with its default.
                # Generated from the configuration records (their @Doc lines and defaults()):
                #   java -cp cli/target/bitswarm.jar org.bitswarm.scenario.ReferenceWriter > scenarios/REFERENCE-bittorrent.yaml
                # and checked by ReferenceWriterTest, so it cannot drift from the code. Run keys (seed, np, end_time, ...)
                # are in REFERENCE.yaml. This file is itself a valid scenario (every default spelled out):
                #   ./bitswarm run scenarios/REFERENCE-bittorrent.yaml --dev local
                # Sizes in bytes (KiB = 1024 B), rates in bit/s, durations in s; any unit is accepted (100MB, 640kbit/s, 30min).
                # Lists show one or two example items (groups: a seed and a peer, since a swarm needs a source); every
                # other value is the default, and inside a list item a missing key takes the item type's default.
                model: bittorrent
                """ + section("bittorrent", referenceSwarm()) + profiles();
    }

    /** Every client profile's protocol block, as comments: what {@code protocol: {profile: NAME}} sets. */
    static String profiles() {
        StringBuilder b = new StringBuilder();
        b.append("# Client profiles (bittorrent.protocol.profile): the whole protocol block each profile gives. A key\n");
        b.append("# written beside the profile overrides its value (also in a group's protocol block). The client source of\n");
        b.append("# every value, and what has no equivalent in the model, is in docs/profiles.md.\n");
        for (Profile p : Profile.values()) {
            ReferenceWriter one = new ReferenceWriter();
            one.full = false;
            one.out.append("protocol:   # profile: ").append(p.name().toLowerCase(Locale.ROOT)).append('\n');
            one.record(p.spec(), "  ");
            for (String line : one.out.toString().split("\n")) {
                b.append("#   ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** The defaults, with a seed group added: the default group alone (one empty peer) could never finish. */
    static SwarmConfig referenceSwarm() {
        SwarmConfig d = SwarmConfig.defaults();
        GroupSpec peer = GroupSpec.defaults();
        GroupSpec seed = new GroupSpec("seeds", 1, List.of(new Membership(d.torrents().get(0).name(), Enums.Role.SEED, 0)),
                peer.upload(), peer.download(), peer.arrival(), peer.seeding(), peer.corruptFraction(),
                peer.corruptProbability());
        return new SwarmConfig(d.torrents(), List.of(seed, peer), d.network(), d.protocol(), d.trackers(), d.timeline(),
                d.payload(), d.hash(), d.timeseriesInterval(), d.until());
    }

    /** A # comment, wrapped at word boundaries to keep lines within {@value #WIDTH} characters. */
    private void comment(String indent, String text) {
        StringBuilder line = new StringBuilder(indent).append('#');
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > indent.length() + 1) {
                out.append(line).append('\n');
                line = new StringBuilder(indent).append('#');
            }
            line.append(' ').append(word);
        }
        out.append(line).append('\n');
    }

    private static final int WIDTH = 115;
}
