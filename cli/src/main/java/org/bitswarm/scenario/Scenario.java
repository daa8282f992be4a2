package org.bitswarm.scenario;

import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bitswarm.cli.run.Models;
import org.bitswarm.protocol.net.MatrixLatency;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A scenario file, parsed and validated: its path, the SHA-256 of its bytes, the YAML tree (kept for sweeps,
 * which patch it and bind again), and the typed settings. Loading never writes anything.
 */
public record Scenario(Path path, String sha256, MappingNode root, Node sweep, RunSettings settings) {

    /** Top-level keys that are not run settings. */
    private static final List<String> SPECIAL = List.of("sweep");

    public static Scenario load(Path path) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = InputFile.read(path, InputFile.SCENARIO_LIMIT);
        } catch (InputFile.Refused e) {
            throw new ScenarioError(name, e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioError(name, "not UTF-8 text");
        }
        MappingNode root = parse(name, text);
        return fromTree(path, sha256(bytes), root);
    }

    /** Binds an already parsed tree (sweeps bind patched copies of the original). */
    public static Scenario fromTree(Path path, String sha, MappingNode root) {
        String name = path.toString();
        Binder binder = new Binder(name);
        Map<String, NodeTuple> keys = binder.keys(root, "");
        Node sweep = keys.containsKey("sweep") ? keys.get("sweep").getValueNode() : null;
        List<String> models = Models.names();
        MappingNode settingsNode = new MappingNode(root.getTag(), true, root.getValue().stream()
                .filter(t -> !SPECIAL.contains(((ScalarNode) t.getKeyNode()).getValue())).toList(),
                root.getStartMark(), root.getEndMark(), root.getFlowStyle());
        NodeTuple modelKey = keys.get("model");
        if (modelKey == null) {
            throw new ScenarioError(name, root.getStartMark().getLine() + 1, "model",
                    "missing required key (" + String.join(" or ", models) + ")");
        }
        String text = (String) binder.value(String.class, null, modelKey.getValueNode(), "model");
        Models.Type<?> type = Models.find(text).orElseThrow(() -> binder.error(modelKey.getValueNode(), "model",
                "expected one of " + String.join(", ", models) + ", got \"" + text + "\""));
        // Bound with the model's default section first, so a run key's error comes before a section's, as in the file.
        Record defaults = Binder.defaults(type.config());
        RunSettings settings = binder.bind(RunSettings.class, settingsNode, "", Map.of("section", defaults), models);
        for (String other : models) {
            // A section for a model other than the chosen one is almost certainly a mistake: say so.
            if (!other.equals(type.name()) && keys.containsKey(other)) {
                throw binder.error(keys.get(other).getKeyNode(), other, "section given but model is " + type.name());
            }
        }
        NodeTuple section = keys.get(type.name());
        Record bound = section == null ? defaults : binder.bind(type.config(), section.getValueNode(), type.name());
        check(binder, type, bound, section);
        if (bound instanceof SwarmConfig swarm) {
            checkMatrix(binder, root, swarm.network());
        }
        return new Scenario(path, sha, root, sweep, settings.withSection(bound));
    }

    /** The model's cross-field checks of its section, reported at the line of the key they name. */
    private static void check(Binder binder, Models.Type<?> type, Record bound, NodeTuple section) {
        try {
            type.check(bound);
        } catch (org.bitswarm.engine.config.ConfigError e) {
            if (section == null) {
                throw new ScenarioError(binder.file(), 1, type.name() + "." + e.key(), e.reason());
            }
            MappingNode m = binder.mapping(section.getValueNode(), type.name());
            throw binder.configError(e, m, binder.keys(m, type.name()), type.name());
        }
    }

    /** A latency matrix is read and checked here, with its own line numbers, before any rank starts. */
    private static void checkMatrix(Binder binder, MappingNode root, NetworkSpec net) {
        if (!(net.latency() instanceof MatrixLatency.Config matrix)) {
            return;
        }
        try {
            LatencyMatrixFile.check(Path.of(matrix.file()));
        } catch (InputFile.Refused e) {
            Node at = keyNode(root, "bittorrent", "network", "latency", "file");
            throw binder.error(at != null ? at : root, "bittorrent.network.latency.file", matrix.file() + ": " + e.getMessage());
        }
    }

    /** The key node at a path of mapping keys, or null. */
    public static Node keyNode(MappingNode root, String... path) {
        MappingNode m = root;
        Node found = null;
        for (int i = 0; i < path.length; i++) {
            found = null;
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(path[i])) {
                    found = t.getKeyNode();
                    if (i < path.length - 1) {
                        if (!(t.getValueNode() instanceof MappingNode next)) {
                            return null;
                        }
                        m = next;
                    }
                }
            }
            if (found == null) {
                return null;
            }
        }
        return found;
    }

    static MappingNode parse(String name, String text) {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(true); // the binder reports duplicates with their line
        opts.setMaxAliasesForCollections(50);
        Node node;
        try {
            YamlLimits.check(name, text, opts);
            node = new Yaml(opts).compose(new StringReader(text));
        } catch (ScenarioError e) {
            throw e;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new ScenarioError(name, line, "", "YAML syntax: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new ScenarioError(name, "YAML syntax: " + e.getMessage());
        }
        if (node == null) {
            throw new ScenarioError(name, "empty scenario file");
        }
        if (!(node instanceof MappingNode m)) {
            throw new ScenarioError(name, node.getStartMark().getLine() + 1, "", "a scenario is a mapping of keys to values");
        }
        return m;
    }

    /** SHA-256 of bytes, in hex: how scenarios (and sweep points) are identified in manifests. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scenario's name: its file name without .yaml. */
    public String name() {
        String f = path.getFileName().toString();
        return f.endsWith(".yaml") ? f.substring(0, f.length() - 5) : f.endsWith(".yml") ? f.substring(0, f.length() - 4) : f;
    }
}
