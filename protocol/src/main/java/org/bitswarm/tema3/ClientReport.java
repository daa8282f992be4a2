package org.bitswarm.tema3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bitswarm.engine.ByteReader;
import org.bitswarm.engine.ByteWriter;

/**
 * A client's final state as gathered at rank 0: whether it got STOP, its downloads and what it served.
 *
 * @param served segments this client's upload side served, per file
 */
public record ClientReport(int rank, boolean stopped, List<Download> downloads, Map<String, Integer> served) {

    /**
     * One wanted file.
     *
     * @param completedAt simulated time the last segment arrived, or -1 if the file is incomplete
     * @param segments    the content received, in segment order (null where missing)
     * @param sources     segments received per serving client
     */
    public record Download(String file, long completedAt, List<String> segments, Map<Long, Integer> sources) {
        public Download {
            segments = java.util.Collections.unmodifiableList(new ArrayList<>(segments));
            sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
        }

        public boolean complete() {
            return completedAt >= 0;
        }
    }

    public ClientReport {
        downloads = List.copyOf(downloads);
        served = java.util.Collections.unmodifiableMap(new TreeMap<>(served));
    }

    void write(ByteWriter out) {
        out.putInt(rank).putByte(stopped ? 1 : 0).putInt(downloads.size());
        for (Download d : downloads) {
            out.putString(d.file()).putLong(d.completedAt()).putInt(d.segments().size());
            d.segments().forEach(s -> out.putString(s == null ? "" : s));
            out.putInt(d.sources().size());
            new TreeMap<>(d.sources()).forEach((peer, n) -> out.putLong(peer).putInt(n));
        }
        out.putInt(served.size());
        served.forEach((f, n) -> out.putString(f).putInt(n));
    }

    public static ClientReport read(ByteReader in) {
        int rank = in.getInt();
        boolean stopped = in.getByte() != 0;
        List<Download> downloads = new ArrayList<>();
        for (int d = in.getInt(); d > 0; d--) {
            String file = in.getString();
            long at = in.getLong();
            List<String> segments = new ArrayList<>();
            for (int s = in.getInt(); s > 0; s--) {
                String h = in.getString();
                segments.add(h.isEmpty() ? null : h);
            }
            Map<Long, Integer> sources = new TreeMap<>();
            for (int p = in.getInt(); p > 0; p--) {
                sources.put(in.getLong(), in.getInt());
            }
            downloads.add(new Download(file, at, segments, sources));
        }
        Map<String, Integer> served = new TreeMap<>();
        for (int f = in.getInt(); f > 0; f--) {
            served.put(in.getString(), in.getInt());
        }
        return new ClientReport(rank, stopped, downloads, served);
    }
}
