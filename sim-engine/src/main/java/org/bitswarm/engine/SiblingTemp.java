package org.bitswarm.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Temporary siblings of an output (a file written, then moved into place; a folder filled, then renamed), with
 * the permissions a plain file or folder would get. {@link Files#createTempFile} makes files 0600 and folders
 * 0700 whatever the umask, so results published that way could not be read by the user's group; here the
 * mode asked for is 0666 or 0777, from which the kernel takes the process's umask away, as for any new file.
 * On a file system without POSIX permissions its defaults apply.
 */
public final class SiblingTemp {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-rw-rw-");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxrwxrwx");

    private SiblingTemp() {}

    /** A new empty file {@code dir/<prefix>RANDOM<suffix>}. */
    public static Path file(Path dir, String prefix, String suffix) throws IOException {
        try {
            return Files.createTempFile(dir, prefix, suffix, attribute(FILE));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, prefix, suffix);
        }
    }

    /** A new empty folder {@code parent/<prefix>RANDOM}. */
    public static Path folder(Path parent, String prefix) throws IOException {
        try {
            return Files.createTempDirectory(parent, prefix, attribute(FOLDER));
        } catch (UnsupportedOperationException e) {
            return Files.createTempDirectory(parent, prefix);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
