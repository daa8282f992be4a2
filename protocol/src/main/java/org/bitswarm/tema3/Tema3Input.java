package org.bitswarm.tema3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs of the tema3 exercise: {@code in1.txt .. in<np-1>.txt} in one folder, one per client rank (rank 0
 * is the tracker and has no file). Each file holds the number of owned files; for each, {@code name count}
 * then {@code count} 32-character hashes in segment order; then the number of wanted files and their names.
 *
 * <p>Whitespace is free (any mix of spaces and newlines separates tokens, a final newline may be missing), the
 * content is strict: the limits of the original exercise (10 files, 15-character names, 100 segments,
 * 32 hex characters per hash) are enforced, and so is consistency across clients, because a case that breaks
 * it could never finish (a wanted file nobody owns) or has no single right answer (two owners disagreeing on
 * a file's hashes). Files {@code in<R>.txt} with {@code R >= np} are ignored, as {@code mpirun -np N} ignored
 * them: they do not belong to any rank.
 */
public record Tema3Input(int np, List<Client> clients) {
    public static final int MAX_FILES = 10;
    public static final int MAX_NAME = 15;
    public static final int MAX_SEGMENTS = 100;
    public static final int HASH_LENGTH = 32;

    /** A file as its owner lists it: the hashes in segment order. */
    public record OwnedFile(String name, List<String> hashes) {
        public OwnedFile {
            hashes = List.copyOf(hashes);
        }
    }

    /** Client {@code rank}'s input: {@code ownedLines}/{@code wantedLines} say where each entry was read. */
    public record Client(int rank, List<OwnedFile> owned, List<String> wanted, List<Integer> ownedLines,
            List<Integer> wantedLines) {
        public Client {
            owned = List.copyOf(owned);
            wanted = List.copyOf(wanted);
            ownedLines = List.copyOf(ownedLines);
            wantedLines = List.copyOf(wantedLines);
        }

        public Client(int rank, List<OwnedFile> owned, List<String> wanted) {
            this(rank, owned, wanted, List.of(), List.of());
        }

        public String fileName() {
            return inputName(rank);
        }
    }

    public Tema3Input {
        clients = List.copyOf(clients);
        requireNp(np);
        if (clients.size() != np - 1) {
            throw new IllegalArgumentException("np " + np + " needs " + (np - 1) + " clients, got " + clients.size());
        }
        checkConsistency(clients);
    }

    public static String inputName(int rank) {
        return "in" + rank + ".txt";
    }

    /** Reads and checks {@code in1.txt .. in<np-1>.txt} from {@code dir}. */
    public static Tema3Input load(Path dir, int np) {
        requireNp(np);
        List<Client> clients = new ArrayList<>();
        for (int r = 1; r < np; r++) {
            String name = inputName(r);
            String text;
            try {
                text = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new Tema3InputException(name, 0, "missing (np " + np + " needs in1.txt to in" + (np - 1) + ".txt in "
                        + dir + ")");
            } catch (IOException e) {
                throw new Tema3InputException(name, 0, "cannot read: " + e.getMessage());
            }
            clients.add(InputParser.parse(r, text));
        }
        return new Tema3Input(np, clients);
    }

    public Client client(int rank) {
        return clients.get(rank - 1);
    }

    /** Every owned file's hashes by name (owners agree, see the class comment), in name order. */
    public Map<String, List<String>> catalogue() {
        Map<String, List<String>> all = new TreeMap<>();
        for (Client c : clients) {
            for (OwnedFile f : c.owned()) {
                all.putIfAbsent(f.name(), f.hashes());
            }
        }
        return all;
    }

    /** What must be written: {@code client<R>_<file>} to the file's hashes, in rank then wanted order. */
    public Map<String, List<String>> expectedOutputs() {
        Map<String, List<String>> cat = catalogue();
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (Client c : clients) {
            for (String w : c.wanted()) {
                out.put(Tema3Output.outputName(c.rank(), w), cat.get(w));
            }
        }
        return out;
    }

    private static void requireNp(int np) {
        if (np < 3) {
            throw new Tema3InputException(null, 0, "np must be at least 3 (the tracker and two clients), got " + np);
        }
    }

    private static void checkConsistency(List<Client> clients) {
        Map<String, Client> firstOwner = new HashMap<>();
        Map<String, List<String>> hashes = new HashMap<>();
        for (Client c : clients) {
            for (int i = 0; i < c.owned().size(); i++) {
                OwnedFile f = c.owned().get(i);
                Client first = firstOwner.putIfAbsent(f.name(), c);
                if (first != null && !hashes.get(f.name()).equals(f.hashes())) {
                    throw new Tema3InputException(c.fileName(), line(c.ownedLines(), i), f.name()
                            + " differs from the copy client " + first.rank() + " owns (" + first.fileName() + ")");
                }
                hashes.putIfAbsent(f.name(), f.hashes());
            }
        }
        for (Client c : clients) {
            for (int i = 0; i < c.wanted().size(); i++) {
                String w = c.wanted().get(i);
                if (!hashes.containsKey(w)) {
                    throw new Tema3InputException(c.fileName(), line(c.wantedLines(), i), "client " + c.rank()
                            + " wants " + w + ", which no client owns");
                }
            }
        }
    }

    private static int line(List<Integer> lines, int i) {
        return i < lines.size() ? lines.get(i) : 0;
    }
}
