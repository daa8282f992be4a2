package org.bitswarm.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one check of a rank JVM's heap ({@code --heap} and the {@code heap:} key): a JVM size the JVM accepts
 * and can use, so that a bad value is an input error and never the JVM's own message or exit status.
 */
public final class HeapSize {

    /** Below this no run gets through start-up (MPJ and the model's tables). */
    public static final long MIN_BYTES = 64L << 20;

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})([kmgtKMGT]?)");

    private HeapSize() {}

    /** Bytes of a size such as {@code 512m} or {@code 8g}; empty when it is not written as one. */
    public static OptionalLong bytes(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long v = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return v > (Long.MAX_VALUE >> shift) ? OptionalLong.of(Long.MAX_VALUE) : OptionalLong.of(v << shift);
    }

    /** Why {@code text} is not a usable heap size, or null when it is (the empty string: the JVM's default). */
    public static String problem(String text) {
        if (text.isEmpty()) {
            return null;
        }
        OptionalLong b = bytes(text);
        if (b.isEmpty()) {
            return "expected a JVM size such as 4g or 512m, got \"" + text + "\"";
        }
        if (b.getAsLong() < MIN_BYTES) {
            return "at least 64m, got " + text;
        }
        OptionalLong ram = physicalMemory();
        if (ram.isPresent() && b.getAsLong() > ram.getAsLong()) {
            return text + " is more than this machine's memory (" + (ram.getAsLong() >> 20) + " MiB)";
        }
        return null;
    }

    /** MemTotal of /proc/meminfo, where there is one. */
    static OptionalLong physicalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String kb = line.substring("MemTotal:".length()).replace("kB", "").strip();
                    return OptionalLong.of(Long.parseLong(kb) << 10);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
