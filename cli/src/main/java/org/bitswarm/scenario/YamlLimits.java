package org.bitswarm.scenario;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * The safety limits of scenario YAML, checked on SnakeYAML's event stream before any tree is built, so that a
 * limit is reported like every other input error ({@code file:line: key: reason}) instead of as the library's
 * unmarked exception: lines too long (the scanner is slow on them), too many aliases (alias bombs), nesting too
 * deep. The library keeps its own, looser limits as a backstop.
 */
final class YamlLimits {

    /** Characters per line: a real scenario line is under 200. */
    static final int MAX_LINE = 10_000;
    /** Aliases (*name) in one file. */
    static final int MAX_ALIASES = 50;
    /** Nested mappings and lists. The deepest real scenario key is about six levels down. */
    static final int MAX_DEPTH = 20;

    private YamlLimits() {}

    /** One open mapping or list, and where in it the parser is. */
    private static final class Frame {
        final boolean mapping;
        final String path;
        boolean expectKey = true;
        String key = "";
        int index;

        Frame(boolean mapping, String path) {
            this.mapping = mapping;
            this.path = path;
        }

        /** The key path of the node that starts now in this frame; advances the frame. */
        String child(Event e) {
            if (!mapping) {
                return path + "[" + index++ + "]";
            }
            if (expectKey) {
                expectKey = false;
                key = e instanceof ScalarEvent s ? s.getValue() : "?";
                return null; // a key, not a value
            }
            expectKey = true;
            return Binder.join(path, key);
        }
    }

    /** Throws a {@link ScenarioError} at the first line that breaks a limit; YAML syntax errors pass through. */
    static void check(String file, String text, LoaderOptions opts) {
        checkLines(file, text);
        Deque<Frame> open = new ArrayDeque<>();
        int aliases = 0;
        for (Event e : new Yaml(opts).parse(new StringReader(text))) {
            String path = "";
            if (e instanceof NodeEvent) {
                Frame parent = open.peek();
                if (parent != null) {
                    String p = parent.child(e);
                    path = p != null ? p : Binder.join(parent.path, parent.key);
                }
            }
            int line = e.getStartMark() != null ? e.getStartMark().getLine() + 1 : 1;
            if (e instanceof AliasEvent && ++aliases > MAX_ALIASES) {
                throw new ScenarioError(file, line, path, "more than " + MAX_ALIASES
                        + " aliases (*name) in one file (an alias bomb?)");
            }
            if (e instanceof MappingStartEvent || e instanceof SequenceStartEvent) {
                open.push(new Frame(e instanceof MappingStartEvent, path));
                if (open.size() > MAX_DEPTH) {
                    throw new ScenarioError(file, line, path, "nested more than " + MAX_DEPTH + " levels deep");
                }
            } else if (e instanceof CollectionEndEvent) {
                open.pop();
            }
        }
    }

    private static void checkLines(String file, String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new ScenarioError(file, line, "", "line longer than " + MAX_LINE + " characters");
                }
                line++;
                start = i + 1;
            }
        }
    }
}
