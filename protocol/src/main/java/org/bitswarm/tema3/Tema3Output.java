package org.bitswarm.tema3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bitswarm.engine.RunResult;

/**
 * Turns a finished run into the exercise's outputs: {@code client<R>_<file>} per wanted file (the hashes one
 * per line, in segment order) and a load report. All or nothing: if any client failed to finish a file, or
 * never got STOP, no output file is written.
 */
public final class Tema3Output {
    public static final String SERVED_CSV = "tema3-served.csv";

    private final List<ClientReport> clients;

    private Tema3Output(List<ClientReport> clients) {
        this.clients = List.copyOf(clients);
    }

    public static String outputName(int rank, String file) {
        return "client" + rank + "_" + file;
    }

    /** Reads the client reports (entity 1 on) from rank 0's result. */
    public static Tema3Output of(RunResult result) {
        List<ClientReport> clients = new ArrayList<>();
        for (RunResult.EntityReport r : result.reports()) {
            if (r.id() != Tema3Model.TRACKER) {
                clients.add(ClientReport.read(r.reader()));
            }
        }
        return new Tema3Output(clients);
    }

    public List<ClientReport> clients() {
        return clients;
    }

    /** Output file name to its lines, in rank then wanted order; throws if any client did not finish. */
    public Map<String, List<String>> files() {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (ClientReport c : clients) {
            if (!c.stopped()) {
                problems.add("client " + c.rank() + " never got STOP");
            }
            for (ClientReport.Download d : c.downloads()) {
                if (!d.complete()) {
                    long have = d.segments().stream().filter(s -> s != null).count();
                    problems.add("client " + c.rank() + " has " + have + " of " + d.segments().size()
                            + " segments of " + d.file());
                }
                files.put(outputName(c.rank(), d.file()), d.segments());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("tema3 run did not complete, no output written: " + String.join("; ", problems));
        }
        return files;
    }

    /**
     * Writes every {@code client<R>_<file>} into {@code dir}, all or nothing. First every file goes to a
     * temporary file beside its target; if any of that fails (a target that is a folder, a full disk), the
     * temporary files are deleted and no output exists. Then each is renamed into place, which within one
     * folder needs no space, so a reader never sees half a file. Only a rename failing midway (the folder
     * changed under the run) could still leave some outputs without the others.
     */
    public void writeFiles(Path dir) throws IOException {
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<String>> f : files().entrySet()) {
                Path target = dir.resolve(f.getKey());
                if (Files.isDirectory(target)) {
                    throw new IOException(target + ": is a folder, no output written");
                }
                Path tmp = org.bitswarm.engine.SiblingTemp.file(dir, "." + f.getKey(), ".tmp");
                staged.put(tmp, target);
                Files.writeString(tmp, lines(f.getValue()), StandardCharsets.UTF_8);
            }
            for (Map.Entry<Path, Path> s : staged.entrySet()) {
                Files.move(s.getKey(), s.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            for (Path tmp : staged.keySet()) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes {@code tema3-served.csv} ({@code client,file,segments_served}) into {@code resultsDir}. */
    public Path writeServed(Path resultsDir) throws IOException {
        StringBuilder csv = new StringBuilder("client,file,segments_served\n");
        for (ClientReport c : clients) {
            c.served().forEach((file, n) -> csv.append(c.rank()).append(',').append(file).append(',').append(n).append('\n'));
        }
        Files.createDirectories(resultsDir);
        Path out = resultsDir.resolve(SERVED_CSV);
        writeAtomically(out, csv.toString());
        return out;
    }

    /** A few lines for the console: per client, what it served per file and when its files completed. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (ClientReport c : clients) {
            s.append(String.format(Locale.ROOT, "client %d served %s", c.rank(), c.served().isEmpty() ? "nothing" : c.served()));
            for (ClientReport.Download d : c.downloads()) {
                s.append(String.format(Locale.ROOT, "; %s done at %s s from %s", d.file(),
                        d.complete() ? org.bitswarm.engine.Ticks.format(d.completedAt()) : "never", d.sources()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String lines(List<String> hashes) {
        return String.join("\n", hashes) + "\n";
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = org.bitswarm.engine.SiblingTemp.file(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
