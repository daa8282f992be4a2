package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bitswarm.cli.launch.ExitCleanup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --out}: a user's files are never replaced, an earlier result only with {@code --force}; a run holds a
 * lock on its folder; a full disk is one line, a non-zero exit and no partial folder, and a sweep resumes after.
 */
class OutFolderTest {

    private static final String PHOLD = "model: phold\nend_time: 200ms\n";
    /** A trace of about 380 KB: more than the small file system below holds. */
    private static final String TRACED = "model: phold\nend_time: 1s\ntrace: true\nphold:\n  entities: 16\n  jobs_per_entity: 2\n";

    @TempDir
    Path dir;

    private Path scenario(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void forceReplacesAnEarlierResultButTheUsersFilesNever() throws Exception {
        Path s = scenario(PHOLD);
        Path out = dir.resolve("out");
        assertEquals(0, Cli.run("run", s.toString(), "--dev", "local", "--out", out.toString()).code());
        Files.writeString(out.resolve("note.txt"), "mine");
        Cli.Outcome again = Cli.run("run", s.toString(), "--dev", "local", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("exists and is not empty (add --force"), again.err());
        assertTrue(Files.exists(out.resolve("note.txt")), "refused: nothing touched");

        assertEquals(0, Cli.run("run", s.toString(), "--dev", "local", "--out", out.toString(), "--force").code());
        assertTrue(Files.exists(out.resolve("manifest.json")));
        assertEquals(Set.of("s.yaml", "out"), FrontEnd.names(dir), "no lock, staging or old folder left");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstHoldsItsLock() throws Exception {
        Path s = scenario(PHOLD);
        Path out = dir.resolve("out");
        Path lock = dir.resolve(".out.lock");
        Files.writeString(lock, ExitCleanup.tag() + "\n"); // a live owner: this very JVM
        Cli.Outcome o = Cli.run("run", s.toString(), "--dev", "local", "--out", out.toString());
        assertEquals(2, o.code());
        assertEquals("bitswarm: --out " + out + ": another run (pid " + ProcessHandle.current().pid()
                + ") is writing into this folder\n", o.err());
        assertFalse(Files.exists(out));
        assertTrue(Files.exists(lock), "another run's lock is left alone");

        // The owner is gone (a pid that has exited): its lock is stale and taken over.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(lock, gone.pid() + "-0\n");
        assertEquals(0, Cli.run("run", s.toString(), "--dev", "local", "--out", out.toString()).code());
        assertFalse(Files.exists(lock));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "multicore"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aFullDiskIsOneLineANonZeroExitAndNoPartialFolder(String dev) throws Exception {
        Path s = scenario(TRACED);
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "256k")) {
            Path out = disk.path().resolve("out");
            Cli.Outcome o = Cli.run("run", s.toString(), "--dev", dev, "--np", "2", "--out", out.toString(), "--progress", "off");
            assertEquals(Main.EXIT_FAILED, o.code());
            assertTrue(o.err().contains("No space left on device"), o.err());
            assertFalse(o.err().contains("\tat ") || o.err().contains("Exception in thread"), o.err());
            assertTrue(o.err().lines().count() <= 2, "the cause, then the verdict: " + o.err());
            assertEquals(Set.of(), FrontEnd.names(disk.path()), "no partial results folder or lock");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSweepStoppedByAFullDiskResumesCleanlyOnceThereIsRoom() throws Exception {
        Path s = scenario(TRACED + "sweep:\n  axes:\n    seed: [1, 2, 3, 4]\n");
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "700k")) {
            Path out = disk.path().resolve("sweep");
            Cli.Outcome full = Cli.run("sweep", s.toString(), "--dev", "local", "--out", out.toString(), "--no-plots");
            assertEquals(Main.EXIT_FAILED, full.code(), full.err());
            assertTrue(full.err().contains("No space left on device"), full.err());
            assertFalse(Files.exists(out.resolve("runs.csv")));

            disk.resize("64m");
            Cli.Outcome resumed = Cli.run("sweep", s.toString(), "--dev", "local", "--out", out.toString(), "--no-plots");
            assertEquals(0, resumed.code(), resumed.err());
            assertEquals(5, Files.readAllLines(out.resolve("runs.csv")).size(), "a header and 4 runs");
            try (var left = Files.walk(out)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "no partial run left");
            }
        }
    }

    /** A tmpfs of a given size, unmounted at the end. */
    record SmallDisk(Path path) implements AutoCloseable {
        static SmallDisk mount(Path at, String size) throws Exception {
            Files.createDirectories(at);
            sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
            return new SmallDisk(at);
        }

        void resize(String size) throws Exception {
            sh("mount", "-o", "remount,size=" + size, path.toString());
        }

        @Override
        public void close() {
            try {
                sh("umount", "-l", path.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (Exception e) {
                throw new AssertionError("cannot unmount " + path, e);
            }
        }

        private static void sh(String... cmd) throws Exception {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + text);
        }
    }
}
