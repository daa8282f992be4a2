package org.bitswarm.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way the front end reads a file a user names (scenario, latency matrix, machines file): it must be a
 * regular file (a FIFO, a device or a folder would block or mislead the reader) of at most a given size (a
 * multi-megabyte scenario is a mistake, and the YAML scanner spends minutes on one). Everything else is a
 * {@link Refused} with a reason of a few words, which the caller puts after the file's name.
 */
public final class InputFile {

    /** Far more than any real scenario (the largest example is a few KiB). */
    public static final long SCENARIO_LIMIT = 1L << 20;
    /** A latency matrix of a few thousand hosts (the King data set's 1740 x 1740 is about 20 MB). */
    public static final long MATRIX_LIMIT = 64L << 20;
    /** A machines file: one host name per line. */
    public static final long MACHINES_LIMIT = 1L << 20;

    private InputFile() {}

    /** Why a file cannot be read as an input; the message is the reason alone, without the file's name. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    /** The bytes of {@code path}, which must be a regular file of at most {@code limit} bytes. */
    public static byte[] read(Path path, long limit) throws Refused {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class); // follows links: a link to a FIFO is one
        } catch (NoSuchFileException e) {
            throw new Refused("no such file");
        } catch (AccessDeniedException e) {
            throw new Refused("permission denied");
        } catch (IOException | SecurityException e) {
            throw new Refused("cannot read: " + e.getMessage());
        }
        if (a.isDirectory()) {
            throw new Refused("is a folder, not a file");
        }
        if (!a.isRegularFile()) {
            throw new Refused("not a regular file (a FIFO, socket or device is never read)");
        }
        if (a.size() > limit) {
            throw new Refused(tooLarge(a.size(), limit));
        }
        // Read at most limit + 1 bytes, so a file that grows after the check is still caught.
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new Refused(tooLarge(bytes.length, limit));
            }
            return bytes;
        } catch (AccessDeniedException e) {
            throw new Refused("permission denied");
        } catch (IOException e) {
            throw new Refused("cannot read: " + e.getMessage());
        }
    }

    private static String tooLarge(long size, long limit) {
        return "too large (" + size + " bytes; at most " + (limit >> 20) + " MiB)";
    }
}
