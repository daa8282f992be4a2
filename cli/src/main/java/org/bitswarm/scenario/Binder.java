package org.bitswarm.scenario;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Preset;
import org.bitswarm.engine.config.Unit;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Binds a YAML node tree (SnakeYAML's, which keeps line numbers) onto typed configuration records, the way
 * Caffeine's simulator binds {@code reference.conf}: YAML key = snake_case of the record component; a missing
 * key takes the value of the record's {@code static defaults()}; an unknown key, a wrong type, a bad unit or a
 * value the record's constructor rejects ({@link ConfigError}) is a {@link ScenarioError} naming the file,
 * the line and the key path. Nothing is clamped or ignored silently.
 *
 * <p>Supported component types: long, int, double, boolean, String, enums (lower-case constant names,
 * {@code -} or {@code _}), nested records, and {@code List} of any of these. Longs annotated with
 * {@link Unit} accept quantities with units. A component whose type is an interface with a static
 * {@code kinds()} map (a pluggable strategy, such as the choker) is a block whose {@code kind} key picks the
 * record to bind the other keys to ({@code choker: {kind: random, slots: 8}}); without {@code kind} it is the
 * first kind registered, and a bare name ({@code choker: random}) takes that kind's defaults.
 *
 * <p>Presets: a component whose type is an enum implementing {@link Preset} (a client profile,
 * {@code protocol.profile}) chooses the defaults of every record bound inside the mapping that gives it, and
 * inside the mapping one level up (so the swarm's {@code protocol.profile} also reaches the groups' protocol
 * blocks): a missing key takes the preset's value ({@link Preset#defaults}) where the preset has one for that
 * record type, and a pluggable block without {@code kind} takes the preset's kind. A preset given deeper in the
 * tree (a group's own profile) is in force below it instead.
 */
public final class Binder {
    private final String file;
    /** The preset in force while binding below the key that chose it, or null. */
    private Preset preset;

    public Binder(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    public <T extends Record> T bind(Class<T> type, Node node, String path) {
        return bind(type, node, path, Map.of(), List.of());
    }

    /**
     * As {@link #bind(Class, Node, String)}, except that the components named in {@code supplied} are not keys:
     * they take the values given; and the keys {@code boundElsewhere} are known but left to the caller (a
     * scenario's model sections, which bind to the record their model registered).
     */
    public <T extends Record> T bind(Class<T> type, Node node, String path, Map<String, Object> supplied,
            List<String> boundElsewhere) {
        MappingNode map = mapping(node, path);
        Map<String, NodeTuple> given = keys(map, path);
        Preset outer = preset;
        try {
            Preset chosen = chosenPreset(type, given, path);
            if (chosen != null) {
                preset = chosen;
            }
            return bindWith(type, map, given, path, supplied, boundElsewhere);
        } finally {
            preset = outer;
        }
    }

    private <T extends Record> T bindWith(Class<T> type, MappingNode map, Map<String, NodeTuple> given, String path,
            Map<String, Object> supplied, List<String> boundElsewhere) {
        RecordComponent[] comps = type.getRecordComponents();
        T defaults = defaultsFor(type);
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : comps) {
            if (!supplied.containsKey(c.getName())) {
                byKey.put(snake(c.getName()), c);
            }
        }
        List<String> known = new ArrayList<>(byKey.keySet());
        known.addAll(boundElsewhere);
        for (Map.Entry<String, NodeTuple> e : given.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(e.getValue().getKeyNode(), join(path, e.getKey()),
                        "unknown key (known: " + String.join(", ", known) + ")");
            }
        }
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            String key = snake(c.getName());
            NodeTuple t = given.get(key);
            if (supplied.containsKey(c.getName())) {
                args[i] = supplied.get(c.getName());
            } else if (t != null) {
                args[i] = value(c.getGenericType(), c.getAnnotation(Unit.class), t.getValueNode(), join(path, key));
            } else if (defaults != null) {
                args[i] = read(c, defaults);
            } else {
                throw error(map, join(path, key), "missing required key");
            }
        }
        return construct(type, comps, args, map, given, path);
    }

    /**
     * The preset this mapping chooses: a preset key of the record itself, else one in a nested record's mapping
     * (one level down), else null.
     */
    private Preset chosenPreset(Class<?> type, Map<String, NodeTuple> given, String path) {
        Preset here = presetKey(type, given, path);
        if (here != null) {
            return here;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String key = snake(c.getName());
            NodeTuple t = given.get(key);
            if (t != null && c.getType().isRecord() && t.getValueNode() instanceof MappingNode m) {
                Preset p = presetKey(c.getType(), keys(m, join(path, key)), join(path, key));
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private Preset presetKey(Class<?> type, Map<String, NodeTuple> given, String path) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType().isEnum() && Preset.class.isAssignableFrom(c.getType())) {
                String key = snake(c.getName());
                NodeTuple t = given.get(key);
                if (t != null) {
                    return (Preset) value(c.getType(), null, t.getValueNode(), join(path, key));
                }
            }
        }
        return null;
    }

    /** A record type's defaults: the preset's where it has some, else the record's own {@code defaults()}. */
    private <T> T defaultsFor(Class<T> type) {
        if (preset != null) {
            Object d = preset.defaults(type);
            if (type.isInstance(d)) {
                return type.cast(d);
            }
        }
        return defaults(type);
    }

    private <T extends Record> T construct(Class<T> type, RecordComponent[] comps, Object[] args, MappingNode map,
            Map<String, NodeTuple> given, String path) {
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
        }
        try {
            Constructor<T> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigError ce) {
                throw configError(ce, map, given, path);
            }
            if (cause instanceof IllegalArgumentException iae) {
                throw error(map, path, iae.getMessage());
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /** Places a record's ConfigError at the line of the key it names (first segment), else at the mapping. */
    ScenarioError configError(ConfigError ce, MappingNode map, Map<String, NodeTuple> given, String path) {
        String first = ce.key().split("[.\\[]", 2)[0];
        NodeTuple t = given.get(first);
        Node at = t != null ? locate(t.getValueNode(), ce.key().substring(first.length())) : map;
        return error(at, join(path, ce.key()), ce.reason());
    }

    /** Follows a key path like {@code [2].torrents} below a node, as far as the YAML has it. */
    private static Node locate(Node node, String rest) {
        Node cur = node;
        for (String part : rest.split("(?=[.\\[])")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith("[") && cur instanceof SequenceNode seq) {
                int i = Integer.parseInt(part.substring(1, part.indexOf(']')));
                if (i >= seq.getValue().size()) {
                    break;
                }
                cur = seq.getValue().get(i);
            } else if (part.startsWith(".") && cur instanceof MappingNode m) {
                Node next = null;
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(part.substring(1))) {
                        next = t.getValueNode();
                    }
                }
                if (next == null) {
                    break;
                }
                cur = next;
            } else {
                break;
            }
        }
        return cur;
    }

    Object value(Type type, Unit unit, Node node, String path) {
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            if (!(node instanceof SequenceNode seq)) {
                throw error(node, path, "expected a list");
            }
            List<Object> out = new ArrayList<>();
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                out.add(value(pt.getActualTypeArguments()[0], unit, items.get(i), path + "[" + i + "]"));
            }
            return List.copyOf(out);
        }
        Class<?> cls = (Class<?>) type;
        if (cls.isRecord()) {
            return bind(cls.asSubclass(Record.class), node, path);
        }
        Map<String, Class<? extends Record>> kinds = cls.isInterface() ? kinds(cls) : null;
        if (kinds != null) {
            return bindKind(cls, kinds, node, path);
        }
        String text = scalar(node, path);
        try {
            if (cls == String.class) {
                return text;
            }
            if (cls == boolean.class || cls == Boolean.class) {
                return bool(text);
            }
            if (cls.isEnum()) {
                return enumValue(cls, text);
            }
            if (cls == double.class || cls == Double.class) {
                double d = Double.parseDouble(text.replace("_", ""));
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("must be a finite number");
                }
                return d;
            }
            if (cls == long.class || cls == Long.class) {
                return unit != null ? Units.parse(text, unit.value()) : Long.parseLong(text.replace("_", ""));
            }
            if (cls == int.class || cls == Integer.class) {
                return Integer.parseInt(text.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            throw error(node, path, "expected " + expected(cls) + ", got \"" + text + "\"");
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage());
        }
        throw new IllegalStateException("unsupported configuration type " + cls + " at " + path);
    }

    /** The kinds of a pluggable configuration interface (its static {@code kinds()}), or null if it has none. */
    @SuppressWarnings("unchecked")
    public static Map<String, Class<? extends Record>> kinds(Class<?> iface) {
        try {
            Method m = iface.getMethod("kinds");
            return (Map<String, Class<? extends Record>>) m.invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(iface.getSimpleName() + ".kinds() failed", e);
        }
    }

    private Object bindKind(Class<?> iface, Map<String, Class<? extends Record>> kinds, Node node, String path) {
        if (node instanceof ScalarNode) {
            String kind = scalar(node, path);
            Class<? extends Record> cls = kindClass(kinds, kind, node, join(path, "kind"));
            Record d = defaultsFor(cls);
            if (d == null) {
                throw error(node, path, "kind " + kind + " has required keys: write {kind: " + kind + ", ...}");
            }
            return d;
        }
        MappingNode map = mapping(node, path);
        Map<String, NodeTuple> given = keys(map, path);
        NodeTuple k = given.get("kind");
        String kind = k == null ? defaultKind(iface, kinds) : scalar(k.getValueNode(), join(path, "kind"));
        Class<? extends Record> cls = kindClass(kinds, kind, k == null ? map : k.getValueNode(), join(path, "kind"));
        List<NodeTuple> rest = new ArrayList<>(map.getValue());
        rest.remove(k);
        MappingNode others = new MappingNode(map.getTag(), true, rest, map.getStartMark(), map.getEndMark(),
                map.getFlowStyle());
        return bind(cls, others, path);
    }

    /** The kind a block without {@code kind} gets: the preset's choice, else the first registered. */
    private String defaultKind(Class<?> iface, Map<String, Class<? extends Record>> kinds) {
        Object chosen = preset != null ? preset.defaults(iface) : null;
        if (chosen != null) {
            for (Map.Entry<String, Class<? extends Record>> e : kinds.entrySet()) {
                if (e.getValue() == chosen.getClass()) {
                    return e.getKey();
                }
            }
        }
        return kinds.keySet().iterator().next();
    }

    private Class<? extends Record> kindClass(Map<String, Class<? extends Record>> kinds, String kind, Node at, String path) {
        Class<? extends Record> cls = kinds.get(kind.trim());
        if (cls == null) {
            throw error(at, path, "unknown kind \"" + kind + "\" (known: " + String.join(", ", kinds.keySet()) + ")");
        }
        return cls;
    }

    private static String expected(Class<?> cls) {
        if (cls == int.class || cls == Integer.class) {
            return "an integer";
        }
        if (cls == long.class || cls == Long.class) {
            return "an integer";
        }
        return "a number";
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> cls, String text) {
        String name = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Object c : cls.getEnumConstants()) {
            if (((Enum) c).name().equals(name)) {
                return c;
            }
        }
        List<String> names = new ArrayList<>();
        for (Object c : cls.getEnumConstants()) {
            names.add(((Enum) c).name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", names) + ", got \"" + text + "\"");
    }

    private String scalar(Node node, String path) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, path, "expected a single value, got a " + (node instanceof MappingNode ? "mapping" : "list"));
        }
        boolean quoted = s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
        if (!quoted && (s.getTag().getValue().endsWith(":null") || s.getValue().isEmpty())) {
            throw error(node, path, "missing value");
        }
        return s.getValue();
    }

    MappingNode mapping(Node node, String path) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, path.isEmpty() ? "" : path, "expected a mapping of keys to values");
        }
        return m;
    }

    /** The mapping's keys in order; duplicate keys are errors (YAML would silently keep the last one). */
    Map<String, NodeTuple> keys(MappingNode map, String path) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw error(t.getKeyNode(), path, "keys must be plain names");
            }
            if (out.put(k.getValue(), t) != null) {
                throw error(k, join(path, k.getValue()), "duplicate key");
            }
        }
        return out;
    }

    ScenarioError error(Node node, String key, String reason) {
        return new ScenarioError(file, node.getStartMark().getLine() + 1, key, reason);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : key.startsWith("[") ? path + key : path + "." + key;
    }

    public static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** The record's {@code static defaults()}, or null if it has none. */
    public static <T> T defaults(Class<T> type) {
        try {
            Method m = type.getMethod("defaults");
            return type.cast(m.invoke(null));
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + ".defaults() failed", e);
        }
    }

    private static Object read(RecordComponent c, Object target) {
        try {
            return c.getAccessor().invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
