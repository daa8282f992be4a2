package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary siblings get the permissions of a plain new file or folder (the umask's), not 0600 / 0700. */
class SiblingTempTest {

    @TempDir
    Path dir;

    @Test
    void aTemporaryFileHasThePermissionsOfAPlainNewFile() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path tmp = SiblingTemp.file(dir, ".out", ".tmp");

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(tmp));
        assertTrue(tmp.getFileName().toString().startsWith(".out") && tmp.getFileName().toString().endsWith(".tmp"));
        assertEquals(0, Files.size(tmp));
    }

    @Test
    void aTemporaryFolderHasThePermissionsOfAPlainNewFolder() throws Exception {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Path tmp = SiblingTemp.folder(dir, ".out.partial-");

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(tmp));
        assertTrue(Files.isDirectory(tmp));
    }

    @Test
    void twoSiblingsNeverCollide() throws Exception {
        assertTrue(!SiblingTemp.file(dir, "a", ".tmp").equals(SiblingTemp.file(dir, "a", ".tmp")));
    }
}
