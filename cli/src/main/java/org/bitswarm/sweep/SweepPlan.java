package org.bitswarm.sweep;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bitswarm.scenario.Scenario;
import org.bitswarm.scenario.ScenarioError;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A scenario's {@code sweep:} block, expanded into points. Syntax:
 *
 * <pre>
 * sweep:
 *   mode: cartesian            # or zip (axes of equal length, taken side by side)
 *   axes:
 *     phold.remote_fraction: [0.0, 0.1, 0.5]            # a list of values
 *     phold.mean_delay: {from: 1ms, to: 3ms, step: 1ms}  # or a range with step
 *     phold.entities: {from: 100, to: 400, count: 4}     # or a range with count
 * </pre>
 *
 * Cartesian points vary the last axis fastest. Every point is the original YAML tree patched at each axis path
 * and bound again with {@link Scenario#fromTree}, so a bad path or a value the model rejects is a
 * {@link ScenarioError} ({@code file:line: key: reason}) before anything runs. Point ids are {@code p000},
 * {@code p001}, ... in that order. A scenario without a sweep block is one point.
 */
public record SweepPlan(Scenario base, Mode mode, List<Axis> axes, List<Point> points) {

    public enum Mode { CARTESIAN, ZIP }

    /** One point: its id, the axis values (path -> value as written), the bound scenario and its YAML text. */
    public record Point(String id, LinkedHashMap<String, String> params, Scenario scenario, String yaml) {}

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+\\])*(\\.[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+\\])*)*");
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)|\\[([0-9]+)\\]");
    private static final List<String> NOT_SWEPT = List.of("sweep", "replications", "replication", "out", "np", "dev", "machines", "launcher", "heap", "progress");

    public static SweepPlan of(Scenario sc) {
        String file = sc.path().toString();
        Mode mode = Mode.CARTESIAN;
        List<Axis> axes = new ArrayList<>();
        if (sc.sweep() != null) {
            MappingNode block = mapping(file, sc.sweep(), "sweep");
            boolean sawAxes = false;
            for (NodeTuple t : block.getValue()) {
                String key = keyName(file, t, "sweep");
                switch (key) {
                    case "mode" -> mode = mode(file, t.getValueNode());
                    case "axes" -> {
                        sawAxes = true;
                        axes = axes(file, t.getValueNode());
                    }
                    default -> throw error(file, t.getKeyNode(), "sweep." + key, "unknown key (known: mode, axes)");
                }
            }
            if (!sawAxes) {
                throw error(file, sc.sweep(), "sweep.axes", "missing required key (a mapping of key path -> values)");
            }
        }
        String model = sc.settings().model();
        for (Axis a : axes) {
            String first = a.path().split("[.\\[]", 2)[0];
            if (!first.equals(model) && org.bitswarm.cli.run.Models.names().contains(first)) {
                throw new ScenarioError(file, a.line(), a.path(), "section of another model (model is " + model + ")");
            }
        }
        return new SweepPlan(sc, mode, axes, expand(sc, mode, axes));
    }

    /** Total runs: points times replications. */
    public int runCount() {
        return points.size() * base.settings().replications();
    }

    private static Mode mode(String file, Node n) {
        String v = n instanceof ScalarNode s ? s.getValue() : "";
        return switch (v) {
            case "cartesian" -> Mode.CARTESIAN;
            case "zip" -> Mode.ZIP;
            default -> throw error(file, n, "sweep.mode", "expected cartesian or zip, got \"" + v + "\"");
        };
    }

    private static List<Axis> axes(String file, Node node) {
        MappingNode map = mapping(file, node, "sweep.axes");
        if (map.getValue().isEmpty()) {
            throw error(file, node, "sweep.axes", "no axes given");
        }
        List<Axis> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            String path = keyName(file, t, "sweep.axes");
            Node key = t.getKeyNode();
            if (!PATH.matcher(path).matches()) {
                throw error(file, key, path, "not a key path (write e.g. phold.remote_fraction or bittorrent.torrents[0].piece_size)");
            }
            if (NOT_SWEPT.contains(path.split("[.\\[]", 2)[0])) {
                throw error(file, key, path, "cannot be swept");
            }
            if (seen.contains(path)) {
                throw error(file, key, path, "axis given twice");
            }
            seen.add(path);
            out.add(new Axis(path, key.getStartMark().getLine() + 1, key.getStartMark(), values(file, path, key, t.getValueNode())));
        }
        return out;
    }

    private static List<ScalarNode> values(String file, String path, Node key, Node node) {
        if (node instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) {
                throw error(file, node, path, "no values given");
            }
            List<ScalarNode> out = new ArrayList<>();
            for (Node v : seq.getValue()) {
                if (!(v instanceof ScalarNode s) || s.getValue().isEmpty() || s.getTag().equals(Tag.NULL)) {
                    throw error(file, v, path, "axis values must be single values");
                }
                out.add(s);
            }
            return out;
        }
        if (node instanceof MappingNode map) {
            LinkedHashMap<String, String> r = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                String k = keyName(file, t, path);
                if (!List.of("from", "to", "step", "count").contains(k)) {
                    throw error(file, t.getKeyNode(), path + "." + k, "unknown key (a range has from, to and step or count)");
                }
                if (!(t.getValueNode() instanceof ScalarNode s)) {
                    throw error(file, t.getValueNode(), path + "." + k, "expected a single value");
                }
                r.put(k, s.getValue());
            }
            if (!r.containsKey("from") || !r.containsKey("to") || r.containsKey("step") == r.containsKey("count")) {
                throw error(file, node, path, "a range needs from, to and exactly one of step or count");
            }
            List<String> texts;
            try {
                texts = r.containsKey("step") ? Ranges.byStep(r.get("from"), r.get("to"), r.get("step"))
                        : Ranges.byCount(r.get("from"), r.get("to"), r.get("count"));
            } catch (IllegalArgumentException e) {
                throw error(file, node, path, e.getMessage());
            }
            Resolver resolver = new Resolver();
            List<ScalarNode> out = new ArrayList<>();
            for (String text : texts) {
                out.add(new ScalarNode(resolver.resolve(NodeId.scalar, text, true), text, key.getStartMark(),
                        key.getEndMark(), DumperOptions.ScalarStyle.PLAIN));
            }
            return out;
        }
        throw error(file, node, path, "expected a list of values or a range {from, to, step} / {from, to, count}");
    }

    private static List<Point> expand(Scenario sc, Mode mode, List<Axis> axes) {
        String file = sc.path().toString();
        List<int[]> combos = new ArrayList<>();
        if (axes.isEmpty()) {
            combos.add(new int[0]);
        } else if (mode == Mode.ZIP) {
            Axis first = axes.get(0);
            for (Axis a : axes) {
                if (a.size() != first.size()) {
                    throw new ScenarioError(file, a.line(), a.path(), "zip needs axes of equal length: " + first.path()
                            + " has " + first.size() + " values, " + a.path() + " has " + a.size());
                }
            }
            for (int i = 0; i < first.size(); i++) {
                int[] c = new int[axes.size()];
                java.util.Arrays.fill(c, i);
                combos.add(c);
            }
        } else {
            long total = 1;
            for (Axis a : axes) {
                total *= a.size();
                if (total > Ranges.MAX_VALUES) {
                    throw new ScenarioError(file, a.line(), a.path(), "the sweep has more than " + Ranges.MAX_VALUES + " points");
                }
            }
            int[] c = new int[axes.size()];
            for (long n = 0; n < total; n++) {
                combos.add(c.clone());
                for (int k = axes.size() - 1; k >= 0; k--) {
                    if (++c[k] < axes.get(k).size()) {
                        break;
                    }
                    c[k] = 0;
                }
            }
        }
        int width = Math.max(3, Integer.toString(combos.size() - 1).length());
        List<Point> out = new ArrayList<>();
        for (int p = 0; p < combos.size(); p++) {
            MappingNode tree = withoutSweep(sc.root());
            LinkedHashMap<String, String> params = new LinkedHashMap<>();
            for (int k = 0; k < axes.size(); k++) {
                Axis a = axes.get(k);
                ScalarNode v = a.values().get(combos.get(p)[k]);
                tree = (MappingNode) patch(file, tree, segments(a.path()), 0, v, a);
                params.put(a.path(), a.label(combos.get(p)[k]));
            }
            Scenario bound = Scenario.fromTree(sc.path(), sc.sha256(), tree);
            String id = "p" + String.format(Locale.ROOT, "%0" + width + "d", p);
            out.add(new Point(id, params, bound, dump(tree)));
        }
        return List.copyOf(out);
    }

    /**
     * A copy of {@code root} with the scalar at a key path set, as a sweep axis with that one value sets it (the
     * mappings on the way added when the scenario does not write them).
     */
    public static MappingNode with(String file, MappingNode root, String path, String value) {
        Mark at = root.getStartMark();
        ScalarNode v = new ScalarNode(Tag.STR, value, at, at, DumperOptions.ScalarStyle.PLAIN);
        return (MappingNode) patch(file, root, segments(path), 0, v, new Axis(path, at.getLine() + 1, at, List.of(v)));
    }

    private static MappingNode withoutSweep(MappingNode root) {
        List<NodeTuple> kept = root.getValue().stream()
                .filter(t -> !(t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("sweep"))).toList();
        return new MappingNode(root.getTag(), true, new ArrayList<>(kept), root.getStartMark(), root.getEndMark(), root.getFlowStyle());
    }

    static List<Object> segments(String path) {
        List<Object> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return out;
    }

    private static String prefix(List<Object> segs, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (segs.get(i) instanceof Integer idx) {
                b.append('[').append(idx).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(segs.get(i));
            }
        }
        return b.toString();
    }

    /** A copy of {@code node} with the value at {@code segs[i..]} replaced; only the nodes on the path are copied. */
    private static Node patch(String file, Node node, List<Object> segs, int i, ScalarNode value, Axis axis) {
        if (i == segs.size()) {
            return value;
        }
        Mark at = axis.mark();
        Object seg = segs.get(i);
        if (seg instanceof Integer idx) {
            if (!(node instanceof SequenceNode seq)) {
                throw new ScenarioError(file, axis.line(), axis.path(), "no such key: " + prefix(segs, i)
                        + (node == null ? " is not in the scenario" : " is not a list"));
            }
            if (idx >= seq.getValue().size()) {
                throw new ScenarioError(file, axis.line(), axis.path(), "no such element: " + prefix(segs, i) + " has "
                        + seq.getValue().size() + " item(s)");
            }
            List<Node> items = new ArrayList<>(seq.getValue());
            items.set(idx, patch(file, items.get(idx), segs, i + 1, value, axis));
            return new SequenceNode(seq.getTag(), true, items, seq.getStartMark(), seq.getEndMark(), seq.getFlowStyle());
        }
        String key = (String) seg;
        MappingNode map;
        if (node == null) {
            map = new MappingNode(Tag.MAP, true, new ArrayList<>(), at, at, DumperOptions.FlowStyle.BLOCK);
        } else if (node instanceof MappingNode m) {
            map = m;
        } else {
            throw new ScenarioError(file, axis.line(), axis.path(), "no such key: " + prefix(segs, i) + " is not a section");
        }
        List<NodeTuple> tuples = new ArrayList<>(map.getValue());
        boolean found = false;
        for (int k = 0; k < tuples.size(); k++) {
            NodeTuple t = tuples.get(k);
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                tuples.set(k, new NodeTuple(t.getKeyNode(), patch(file, t.getValueNode(), segs, i + 1, value, axis)));
                found = true;
            }
        }
        if (!found) {
            // A key not written in the scenario (it has its default): add it, at the axis's line, so that a key
            // the model does not know is reported there by the binder.
            ScalarNode k = new ScalarNode(Tag.STR, key, at, at, DumperOptions.ScalarStyle.PLAIN);
            tuples.add(new NodeTuple(k, patch(file, null, segs, i + 1, value, axis)));
        }
        return new MappingNode(map.getTag(), true, tuples, map.getStartMark(), map.getEndMark(), map.getFlowStyle());
    }

    /** The point's scenario as YAML text (comments are not kept); deterministic for a given tree. */
    static String dump(MappingNode tree) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(1000);
        StringWriter w = new StringWriter();
        new Yaml(o).serialize(tree, w);
        return w.toString();
    }

    private static MappingNode mapping(String file, Node node, String key) {
        if (!(node instanceof MappingNode m)) {
            throw error(file, node, key, "expected a mapping of keys to values");
        }
        return m;
    }

    private static String keyName(String file, NodeTuple t, String path) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
            throw error(file, t.getKeyNode(), path, "keys must be plain names");
        }
        return k.getValue();
    }

    private static ScenarioError error(String file, Node node, String key, String reason) {
        return new ScenarioError(file, node.getStartMark().getLine() + 1, key, reason);
    }
}
