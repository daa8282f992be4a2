package org.bitswarm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import org.bitswarm.cli.launch.ExitCleanup;
import org.bitswarm.cli.run.ResultFiles;

/**
 * The results folder of one {@code bitswarm run}: checked before anything runs, locked for the run, and
 * replaced only if Bitswarm wrote it.
 *
 * <ul>
 *   <li>A folder that exists and is not empty is refused, unless {@code --force}; even then only a folder
 *       holding a {@code manifest.json} (a run's results) is replaced: never a folder of the user's files.
 *   <li>{@code .NAME.lock} beside the folder, holding the owner's pid and start time, keeps a second run out
 *       while one writes; a lock whose owner is dead (a killed run) is taken over.
 *   <li>The staging folder {@code .NAME.partial-PID-...} is deleted when the run fails or the front end is
 *       stopped, and by the next run into the same folder when the front end was killed.
 * </ul>
 */
final class OutFolder implements AutoCloseable {

    private final Path target;
    private final Path lock;
    private final Path stage;
    private final ExitCleanup.Registration lockCleanup;
    private final ExitCleanup.Registration stageCleanup;
    private boolean published;

    private OutFolder(Path target, Path lock, Path stage, ExitCleanup.Registration lockCleanup,
            ExitCleanup.Registration stageCleanup) {
        this.target = target;
        this.lock = lock;
        this.stage = stage;
        this.lockCleanup = lockCleanup;
        this.stageCleanup = stageCleanup;
    }

    /** {@code --out} as given on the command line: null (not given) or a name. */
    static void checkOption(String out) {
        if (out != null && out.isBlank()) {
            throw new CliArgs.BadArgument("--out: an empty folder name");
        }
    }

    /** Checks {@code target} without writing anything. */
    static void check(Path target, boolean force) {
        if (Files.isDirectory(target)) {
            if (!isEmpty(target) && !force) {
                throw bad(target, "exists and is not empty (add --force to replace an earlier result of bitswarm run)");
            }
            if (!isEmpty(target) && !Files.isRegularFile(target.resolve("manifest.json"), LinkOption.NOFOLLOW_LINKS)) {
                throw bad(target, "not a results folder of bitswarm run (no manifest.json): not replacing it, even with --force");
            }
        } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw bad(target, "exists and is not a folder");
        }
    }

    /**
     * A sweep's folder: new, empty, or an earlier sweep's (which the sweep resumes); never a folder of other
     * files, whose runs.csv or plots/ it would overwrite.
     */
    static void checkSweep(Path target) {
        if (Files.isDirectory(target)) {
            if (!isEmpty(target) && !Files.exists(target.resolve(".sweep.lock"), LinkOption.NOFOLLOW_LINKS)) {
                throw bad(target, "exists, is not empty and is not a sweep's folder (no .sweep.lock): not writing into it");
            }
        } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw bad(target, "exists and is not a folder");
        }
    }

    /** Checks, creates the parent folder, locks, removes a killed run's debris and makes the staging folder. */
    static OutFolder claim(Path target, boolean force) {
        Path abs = target.toAbsolutePath().normalize();
        check(abs, force);
        Path parent = abs.getParent();
        if (parent == null) {
            throw bad(target, "not a folder name");
        }
        String name = abs.getFileName().toString();
        try {
            Files.createDirectories(parent);
        } catch (IOException | SecurityException e) {
            throw bad(target, "cannot create its parent folder (" + reason(e) + ")");
        }
        Path lock = parent.resolve("." + name + ".lock");
        ExitCleanup.Registration lockCleanup = takeLock(target, lock);
        try {
            ExitCleanup.removeDeadOwners(parent, "." + name + ".partial-");
            ExitCleanup.removeDeadOwners(parent, "." + name + ".old-");
            check(abs, force); // again, now that no other run can change it
            Path stage = Files.createDirectory(parent.resolve("." + name + ".partial-" + ExitCleanup.tag()));
            return new OutFolder(abs, lock, stage, lockCleanup, ExitCleanup.deleteOnExit(stage));
        } catch (IOException | RuntimeException e) {
            release(lock, lockCleanup);
            if (e instanceof CliArgs.BadArgument b) {
                throw b;
            }
            throw bad(target, "cannot write beside it (" + reason(e) + ")");
        }
    }

    Path stage() {
        return stage;
    }

    /** Moves the finished staging folder into place (unless the front end is being stopped). */
    boolean publish() throws IOException {
        published = ExitCleanup.unlessExiting(() -> ResultFiles.publish(stage, target));
        return published;
    }

    @Override
    public void close() {
        if (!published) {
            ExitCleanup.deleteQuietly(stage);
        }
        stageCleanup.close();
        release(lock, lockCleanup);
    }

    private static ExitCleanup.Registration takeLock(Path target, Path lock) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.writeString(lock, ExitCleanup.tag() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return ExitCleanup.deleteOnExit(lock);
            } catch (FileAlreadyExistsException e) {
                String owner = readOwner(lock);
                if (owner != null && !ExitCleanup.isOwnerDead(owner)) {
                    throw bad(target, "another run (pid " + owner.replaceAll("-.*", "") + ") is writing into this folder");
                }
                try {
                    Files.deleteIfExists(lock); // a killed run's lock
                } catch (IOException io) {
                    throw bad(target, "cannot remove the stale lock " + lock + " (" + reason(io) + ")");
                }
            } catch (IOException | SecurityException e) {
                throw bad(target, "cannot write beside it (" + reason(e) + ")");
            }
        }
        throw bad(target, "another run keeps taking its lock " + lock);
    }

    private static String readOwner(Path lock) {
        try {
            String s = Files.readString(lock, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException e) {
            return null;
        }
    }

    private static void release(Path lock, ExitCleanup.Registration cleanup) {
        try {
            Files.deleteIfExists(lock);
        } catch (IOException e) {
            // The next run sees a dead owner and takes it over.
        }
        cleanup.close();
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            Iterator<Path> it = s.iterator();
            return !it.hasNext();
        } catch (IOException e) {
            throw bad(dir, "cannot list it (" + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        String text = e.getClass().getSimpleName().replace("Exception", "");
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such folder, or one that cannot hold files";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return m == null ? text : m.contains(": ") ? m.substring(m.lastIndexOf(": ") + 2) : text + ": " + m;
    }

    private static CliArgs.BadArgument bad(Path target, String reason) {
        return new CliArgs.BadArgument("--out " + target + ": " + reason);
    }
}
