package org.bitswarm.sweep;

import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One swept parameter: a key path into the scenario ({@code phold.remote_fraction},
 * {@code bittorrent.torrents[0].piece_size}), the line of the axis in the scenario file, and its values as YAML
 * scalars (those written in a list keep their own line; generated range values carry the axis's line).
 */
public record Axis(String path, int line, Mark mark, List<ScalarNode> values) {

    public Axis {
        values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    /** The value as written (units kept), as it appears in runs.csv and points.csv. */
    public String label(int i) {
        return values.get(i).getValue();
    }
}
