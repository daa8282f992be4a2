package org.bitswarm.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.bitswarm.cli.launch.Trees;

/**
 * Atomic result files. A file is written to a temporary sibling and moved into place; a run's results are
 * written into a staging directory that is renamed to its final name only when complete, so a reader (or a
 * resumed sweep) never sees half a result.
 */
public final class ResultFiles {
    private ResultFiles() {}

    public static void writeAtomically(Path file, String content) throws IOException {
        writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to a temporary sibling, forces it to disk and moves it into place. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = org.bitswarm.engine.SiblingTemp.file(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeLines(Path file, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        writeAtomically(file, b.toString());
    }

    /** {@code metric,value} rows. */
    public static void writeMetrics(Path file, Map<String, String> metrics) throws IOException {
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of("metric", "value"));
        metrics.forEach((k, v) -> rows.add(List.of(k, v)));
        org.bitswarm.sweep.Csv.write(file, rows);
    }

    /** Reads a {@code metric,value} file back, in file order. */
    public static java.util.LinkedHashMap<String, String> readMetrics(Path file) throws IOException {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (var row : org.bitswarm.sweep.Csv.read(file).rows()) {
            m.put(row.get("metric"), row.get("value"));
        }
        return m;
    }

    /** Moves a finished staging directory to its final name, replacing an older result there. */
    public static void publish(Path staging, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path old = null;
        if (Files.exists(target)) {
            old = parent.resolve("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
            move(target, old);
        }
        move(staging, target);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** A fresh staging directory next to where the result will go. */
    public static Path stagingFor(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return org.bitswarm.engine.SiblingTemp.folder(parent, "." + target.getFileName() + ".partial-");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
