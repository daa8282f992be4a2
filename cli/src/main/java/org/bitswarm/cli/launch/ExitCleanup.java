package org.bitswarm.cli.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run leaves if the front end is stopped (Ctrl-C, SIGINT, SIGTERM), and what the next run removes if it
 * was killed outright. One shutdown hook, so the order is right: first every process of the run is ended,
 * then its staging and status folders are deleted (deleting while ranks still write would fail half-way).
 *
 * <p>Publishing a result ({@link #unlessExiting}) holds the same lock as the hook: either the result is
 * published whole and its staging folder is gone, or the hook deletes the staging folder and nothing is
 * published; never half of each.
 *
 * <p>Folders a run creates carry its process id ({@link #tag}), so a later run recognises what a killed one
 * left (its pid is no longer alive) and never touches what a live run, another user's or its own, is using.
 */
public final class ExitCleanup {

    private static final Object LOCK = new Object();
    private static final List<Runnable> KILLERS = new ArrayList<>();
    private static final Set<Path> PATHS = new LinkedHashSet<>();
    private static boolean exiting;
    private static boolean installed;

    private ExitCleanup() {}

    /** An action undone by {@link #close}. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** {@code pid-starttime}: names what this process creates, for {@link #isOwnerDead}. */
    public static String tag() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "-" + self.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("0");
    }

    /** Ends processes when this JVM shuts down, before any folder is deleted. */
    public static Registration killOnExit(Runnable killer) {
        synchronized (LOCK) {
            install();
            KILLERS.add(killer);
        }
        return () -> {
            synchronized (LOCK) {
                KILLERS.remove(killer);
            }
        };
    }

    /** Deletes {@code path} (a file or a whole folder) when this JVM shuts down, unless closed first. */
    public static Registration deleteOnExit(Path path) {
        Path p = path.toAbsolutePath();
        synchronized (LOCK) {
            install();
            PATHS.add(p);
        }
        return () -> {
            synchronized (LOCK) {
                PATHS.remove(p);
            }
        };
    }

    /** Whether this JVM is shutting down (a signal): the run's processes are being ended on purpose. */
    public static boolean isExiting() {
        synchronized (LOCK) {
            return exiting;
        }
    }

    /** Runs {@code action} unless the JVM is shutting down; returns whether it ran. */
    public static boolean unlessExiting(IoAction action) throws IOException {
        synchronized (LOCK) {
            if (exiting) {
                return false;
            }
            action.run();
            return true;
        }
    }

    /** An action that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    private static void install() {
        if (!installed) {
            installed = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::onExit, "bitswarm-exit-cleanup"));
        }
    }

    private static void onExit() {
        List<Runnable> killers;
        List<Path> paths;
        synchronized (LOCK) {
            exiting = true;
            killers = new ArrayList<>(KILLERS);
            paths = new ArrayList<>(PATHS);
        }
        for (Runnable k : killers) {
            try {
                k.run();
            } catch (RuntimeException e) {
                // Keep going: the folders must go too.
            }
        }
        for (Path p : paths) {
            deleteQuietly(p);
        }
    }

    /** Deletes a tree, retrying a few times while a dying process may still be writing into it. */
    public static void deleteQuietly(Path p) {
        for (int attempt = 0; attempt < 5 && Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS); attempt++) {
            try {
                Trees.delete(p);
            } catch (IOException | RuntimeException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Whether the process whose {@link #tag} starts {@code tag} is gone (false when it names no process). */
    public static boolean isOwnerDead(String tag) {
        Matcher m = Pattern.compile("(\\d+)-(\\d+)").matcher(tag);
        if (!m.lookingAt()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        long start = Long.parseLong(m.group(2));
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        // A live process with that pid but another start time: the pid was reused, the owner is gone.
        return p.get().info().startInstant().map(i -> Math.abs(i.toEpochMilli() - start) > 1000).orElse(false);
    }

    /**
     * Deletes the entries of {@code dir} named {@code prefix + tag + ...} whose owner is dead: what a killed run
     * left. Entries of live processes, and entries without a tag, are left alone.
     */
    public static void removeDeadOwners(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> dead = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob(prefix) + "*")) {
            for (Path e : entries) {
                String rest = e.getFileName().toString().substring(prefix.length());
                if (isOwnerDead(rest)) {
                    dead.add(e);
                }
            }
        } catch (IOException | RuntimeException e) {
            return; // best effort: a folder we cannot list holds nothing we could delete
        }
        dead.forEach(ExitCleanup::deleteQuietly);
    }

    private static String glob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}
