package org.bitswarm.tema3;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.ByteReader;
import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Payload;
import org.bitswarm.engine.PayloadCodec;

/**
 * The tema3 wire: event kinds and their payloads, the same messages the MPI exercise exchanged (its tags).
 * Every payload encodes itself so it can cross ranks; {@link #CODEC} rebuilds it from the kind.
 */
final class Messages {
    private Messages() {}

    /** Client to tracker: the files it owns, with their hashes ({@link Owned}). */
    static final int INIT = 1;
    /** Tracker to client: everyone has reported, downloads may start (no payload). */
    static final int INIT_ACK = 2;
    /** Client to tracker: who holds this file? ({@link FileName}); also registers the client as a peer. */
    static final int SWARM_REQUEST = 3;
    /** Tracker to client: the file's hashes and holders ({@link Swarm}). */
    static final int SWARM = 4;
    /** Download side to a peer's upload side: send me this segment ({@link Segment}). */
    static final int SEGMENT_REQUEST = 5;
    /** Upload side to download side: the segment, whose content is its hash ({@link Segment}). */
    static final int SEGMENT_ACK = 6;
    /** Upload side to download side: I lack that segment ({@link Segment} with an empty hash). */
    static final int SEGMENT_REFUSED = 7;
    /** Client to tracker: I now have all of this file, record me as a seed ({@link FileName}). */
    static final int FILE_DONE = 8;
    /** Client to tracker: I have every file I wanted (no payload). */
    static final int ALL_DONE = 9;
    /** Tracker to client: every client is done, stop serving (no payload). */
    static final int STOP = 10;

    static final String[] NAMES = {"?", "INIT", "INIT_ACK", "SWARM_REQUEST", "SWARM", "SEGMENT_REQUEST",
        "SEGMENT_ACK", "SEGMENT_REFUSED", "FILE_DONE", "ALL_DONE", "STOP"};

    record Owned(List<Tema3Input.OwnedFile> files) implements Payload {
        Owned {
            files = List.copyOf(files);
        }

        @Override
        public void encode(ByteWriter out) {
            out.putInt(files.size());
            for (Tema3Input.OwnedFile f : files) {
                out.putString(f.name());
                putStrings(out, f.hashes());
            }
        }

        static Owned decode(ByteReader in) {
            int n = in.getInt();
            List<Tema3Input.OwnedFile> files = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                files.add(new Tema3Input.OwnedFile(in.getString(), getStrings(in)));
            }
            return new Owned(files);
        }
    }

    record FileName(String file) implements Payload {
        @Override
        public void encode(ByteWriter out) {
            out.putString(file);
        }
    }

    /** {@code holders}: seeds and peers of the file other than the asker, in id order. */
    record Swarm(String file, List<String> hashes, long[] holders) implements Payload {
        Swarm {
            hashes = List.copyOf(hashes);
            holders = holders.clone();
        }

        @Override
        public void encode(ByteWriter out) {
            out.putString(file);
            putStrings(out, hashes);
            out.putLongs(holders);
        }

        static Swarm decode(ByteReader in) {
            return new Swarm(in.getString(), getStrings(in), in.getLongs());
        }
    }

    /** A segment request or answer; {@code hash} is the requested hash, or the content sent, or "" if refused. */
    record Segment(String file, int index, String hash) implements Payload {
        @Override
        public void encode(ByteWriter out) {
            out.putString(file).putInt(index).putString(hash);
        }

        static Segment decode(ByteReader in) {
            return new Segment(in.getString(), in.getInt(), in.getString());
        }
    }

    static final PayloadCodec CODEC = (kind, in) -> switch (kind) {
        case INIT -> Owned.decode(in);
        case SWARM_REQUEST, FILE_DONE -> new FileName(in.getString());
        case SWARM -> Swarm.decode(in);
        case SEGMENT_REQUEST, SEGMENT_ACK, SEGMENT_REFUSED -> Segment.decode(in);
        default -> null;
    };

    /** A short text for the event trace (a swarm's 100 hashes would drown it). */
    static String describe(int kind, Payload p) {
        String name = kind > 0 && kind < NAMES.length ? NAMES[kind] : "kind" + kind;
        if (p instanceof Segment s) {
            return name + " " + s.file() + "#" + s.index();
        }
        if (p instanceof FileName f) {
            return name + " " + f.file();
        }
        if (p instanceof Swarm s) {
            return name + " " + s.file() + " " + java.util.Arrays.toString(s.holders());
        }
        if (p instanceof Owned o) {
            return name + " " + o.files().stream().map(Tema3Input.OwnedFile::name).toList();
        }
        return name;
    }

    private static void putStrings(ByteWriter out, List<String> s) {
        out.putInt(s.size());
        s.forEach(out::putString);
    }

    private static List<String> getStrings(ByteReader in) {
        int n = in.getInt();
        List<String> s = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            s.add(in.getString());
        }
        return s;
    }
}
