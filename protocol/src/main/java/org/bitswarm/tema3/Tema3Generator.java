package org.bitswarm.tema3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes random, valid tema3 cases: up to 12 ranks, 10 files, 100 segments; some clients own or want
 * nothing, some files have several seeds, no input ends with a newline (like the official cases). The
 * expected outputs are {@link Tema3Input#expectedOutputs()} of the generated input.
 *
 * <p>Usage: {@code java -cp ... org.bitswarm.tema3.Tema3Generator --dir D --np N --seed S}
 */
public final class Tema3Generator {
    public static final int MAX_NP = 12;

    private Tema3Generator() {}

    /** A random case for {@code np} ranks (3 to 12), the same for the same seed. */
    public static Tema3Input generate(int np, long seed) {
        if (np < 3 || np > MAX_NP) {
            throw new IllegalArgumentException("np must be from 3 to " + MAX_NP + ", got " + np);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int clients = np - 1;
        int files = 1 + rng.nextInt(Tema3Input.MAX_FILES);
        List<List<Tema3Input.OwnedFile>> owned = new ArrayList<>();
        List<List<String>> wanted = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            owned.add(new ArrayList<>());
            wanted.add(new ArrayList<>());
        }
        for (int f = 1; f <= files; f++) {
            Tema3Input.OwnedFile file = new Tema3Input.OwnedFile("file" + f, hashes(rng, 1 + rng.nextInt(Tema3Input.MAX_SEGMENTS)));
            // One to three seeds: several seeds are what makes load balancing matter.
            int seeds = 1 + rng.nextInt(Math.min(3, clients - 1));
            List<Integer> order = shuffled(rng, clients);
            for (int s = 0; s < seeds; s++) {
                owned.get(order.get(s)).add(file);
            }
            for (int c = seeds; c < clients; c++) {
                if (rng.nextInt(3) == 0) {
                    wanted.get(order.get(c)).add(file.name());
                }
            }
        }
        List<Tema3Input.Client> list = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            list.add(new Tema3Input.Client(c + 1, owned.get(c), shuffledCopy(rng, wanted.get(c))));
        }
        return new Tema3Input(np, list);
    }

    /** Writes {@code in1.txt .. in<np-1>.txt} into {@code dir}, without a final newline. */
    public static void write(Tema3Input input, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Tema3Input.Client c : input.clients()) {
            Files.writeString(dir.resolve(c.fileName()), format(c), StandardCharsets.UTF_8);
        }
    }

    static String format(Tema3Input.Client c) {
        List<String> lines = new ArrayList<>();
        lines.add(Integer.toString(c.owned().size()));
        for (Tema3Input.OwnedFile f : c.owned()) {
            lines.add(f.name() + " " + f.hashes().size());
            lines.addAll(f.hashes());
        }
        lines.add(Integer.toString(c.wanted().size()));
        lines.addAll(c.wanted());
        return String.join("\n", lines);
    }

    private static List<String> hashes(SplittableRandom rng, int n) {
        List<String> h = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            h.add(String.format(java.util.Locale.ROOT, "%016x%016x", rng.nextLong(), rng.nextLong()));
        }
        return h;
    }

    private static List<Integer> shuffled(SplittableRandom rng, int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return shuffledCopy(rng, l);
    }

    /** Fisher-Yates with our own generator (Collections.shuffle is banned in this module). */
    private static <T> List<T> shuffledCopy(SplittableRandom rng, List<T> in) {
        List<T> l = new ArrayList<>(in);
        for (int i = l.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
        return l;
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        int np = -1;
        long seed = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--np" -> np = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (dir == null || np < 0 || args.length % 2 != 0) {
            usage("--dir and --np are required");
        }
        Tema3Input input = generate(np, seed);
        write(input, dir);
        System.out.println("wrote " + (np - 1) + " inputs to " + dir + "; expected outputs: "
                + String.join(" ", input.expectedOutputs().keySet()));
    }

    private static void usage(String why) {
        System.err.println("tema3 generator: " + why + "\nusage: Tema3Generator --dir DIR --np N [--seed S]");
        System.exit(2);
    }
}
