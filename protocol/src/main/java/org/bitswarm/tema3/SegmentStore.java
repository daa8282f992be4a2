package org.bitswarm.tema3;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client holds: per file, the content of each segment (its hash) or null while missing. Shared by
 * the client's download side, which fills it, and its upload side, which serves from it.
 */
final class SegmentStore {
    private final Map<String, String[]> files = new TreeMap<>();

    void own(Tema3Input.OwnedFile f) {
        files.put(f.name(), f.hashes().toArray(new String[0]));
    }

    void expect(String file, int segments) {
        files.putIfAbsent(file, new String[segments]);
    }

    /** The content of a segment, or null if this client lacks it. */
    String get(String file, int index) {
        String[] s = files.get(file);
        return s == null || index < 0 || index >= s.length ? null : s[index];
    }

    void put(String file, int index, String content) {
        files.get(file)[index] = content;
    }

    /** The file's segments in order, with null for missing ones. */
    List<String> segments(String file) {
        String[] s = files.get(file);
        return s == null ? List.of() : Arrays.asList(s.clone());
    }
}
