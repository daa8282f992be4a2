package org.bitswarm.cli.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run-scoped directory through which ranks tell the launcher how they ended: {@code rank-R.done} or
 * {@code rank-R.failed} (one line, the cause). A file, not a pipe or socket, because it is the one channel that
 * works the same for threads of one JVM, JVMs under a daemon, and hosts sharing a file system, and that MPJ
 * cannot swallow. Files appear atomically (written aside, then renamed), so a reader never sees half a cause.
 */
final class StatusDir {

    /** One rank's failure report. */
    record Failure(int rank, String cause) {}

    private static final Pattern STATUS_FILE = Pattern.compile("rank-(\\d+)\\.(done|failed)");

    private final Path dir;

    StatusDir(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** Creates the directory and removes reports left by an earlier run that used the same directory. */
    void prepare() throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "rank-*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    void markDone(String rank) throws IOException {
        writeAtomically("rank-" + rank + ".done", "done");
    }

    void markFailed(String rank, String cause) throws IOException {
        writeAtomically("rank-" + rank + ".failed", cause);
    }

    /** A rank's heartbeat: one line, replaced atomically. */
    void beat(String rank, String line) throws IOException {
        writeExisting("rank-" + rank + ".beat", line);
    }

    /** The front end's heartbeat, which ranks on other hosts watch: a counter. */
    void frontEndBeat(long seq) throws IOException {
        writeExisting(FRONT_END_BEAT, Long.toString(seq));
    }

    /** The front end's last heartbeat counter, or -1 when there is none (yet). */
    long frontEndSeq() {
        try {
            return Long.parseLong(Files.readString(dir.resolve(FRONT_END_BEAT), StandardCharsets.UTF_8).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    boolean exists() {
        return Files.isDirectory(dir);
    }

    static final String FRONT_END_BEAT = "frontend.beat";
    /** How a failure report names its stack trace's file. */
    static final String TRACE_SEPARATOR = "; stack trace: ";

    /** The file in the status folder where rank {@code rank}'s guard writes its stack trace. */
    static String traceName(String rank) {
        return "rank-" + rank + ".trace";
    }

    /**
     * The failure's cause for the user: a stack trace the rank left in this folder (which is deleted with the
     * run) is moved to {@code bitswarm-rank<R>-*.log} in {@code keepIn} first, and the cause names that file.
     * If it cannot be moved, the cause is given without the path, which would point at nothing soon.
     */
    String causeKeepingTrace(Failure f, Path keepIn) {
        int at = f.cause().indexOf(TRACE_SEPARATOR);
        if (at < 0) {
            return f.cause();
        }
        Path trace = Path.of(f.cause().substring(at + TRACE_SEPARATOR.length()));
        if (!trace.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())) {
            return f.cause(); // written elsewhere (a guard without this folder): it stays where it is
        }
        try {
            Path kept = Files.createTempFile(keepIn, "bitswarm-rank" + f.rank() + "-", ".log");
            Files.move(trace, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return f.cause().substring(0, at) + TRACE_SEPARATOR + kept;
        } catch (IOException | RuntimeException e) {
            return f.cause().substring(0, at) + " (its stack trace could not be kept: " + e.getMessage() + ")";
        }
    }

    /** As {@link #writeAtomically}, but never re-creates the folder: once the run has removed it, it stays gone. */
    private void writeExisting(String name, String content) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
        try {
            Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
            moveIntoPlace(tmp, dir.resolve(name));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A rank's last heartbeat as read now. */
    record Beat(long seq, long windows, long simTicks, String host, long pid) {}

    /** The heartbeats of ranks 0 .. np-1 that have beaten at least once (index: rank; null: none yet). */
    Beat[] beats(int np) {
        Beat[] out = new Beat[np];
        for (int r = 0; r < np; r++) {
            Path f = dir.resolve("rank-" + r + ".beat");
            try {
                String[] w = Files.readString(f, StandardCharsets.UTF_8).strip().split(" ");
                if (w.length >= 5) {
                    out[r] = new Beat(Long.parseLong(w[0]), Long.parseLong(w[1]), Long.parseLong(w[2]), w[3],
                            Long.parseLong(w[4]));
                }
            } catch (IOException | RuntimeException e) {
                // Not yet, or being replaced: the next poll reads it.
            }
        }
        return out;
    }

    /** Whether the rank wrote done or failed: it no longer beats, and needs not. */
    boolean hasReported(int rank) {
        return Files.exists(dir.resolve("rank-" + rank + ".done")) || Files.exists(dir.resolve("rank-" + rank + ".failed"));
    }

    boolean isDone(int rank) {
        return Files.exists(dir.resolve("rank-" + rank + ".done"));
    }

    /** Every failure reported so far, lowest rank first. */
    List<Failure> failures() {
        List<Failure> out = new ArrayList<>();
        for (Path f : statusFiles()) {
            Matcher m = STATUS_FILE.matcher(f.getFileName().toString());
            if (m.matches() && m.group(2).equals("failed")) {
                out.add(new Failure(Integer.parseInt(m.group(1)), readCause(f)));
            }
        }
        out.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
        return out;
    }

    Optional<Failure> firstFailure() {
        List<Failure> all = failures();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** How many ranks have reported, done or failed. */
    int reportCount() {
        int n = 0;
        for (Path f : statusFiles()) {
            if (STATUS_FILE.matcher(f.getFileName().toString()).matches()) {
                n++;
            }
        }
        return n;
    }

    private List<Path> statusFiles() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "rank-*")) {
            files.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    private static String readCause(Path f) {
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no cause given)" : text;
        } catch (IOException e) {
            return "(cause unreadable: " + e + ")";
        }
    }

    private void writeAtomically(String name, String content) throws IOException {
        Files.createDirectories(dir);
        writeExisting(name, content);
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
