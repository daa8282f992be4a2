package org.bitswarm.cli.launch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The banner lines MPJ Express prints on every run, which tell the user nothing. Only these exact shapes are
 * dropped; anything else MPJ prints (stack traces, "Cannot connect to the daemon", ...) goes through.
 */
final class MpjNoise {

    private static final List<Pattern> LINES = List.of(
            Pattern.compile("MPJ Express \\([^)]*\\) is started in the (multicore|cluster) configuration.*"),
            Pattern.compile("Starting process <\\d+> on <[^>]*>"),
            Pattern.compile("Stopping Process <\\d+> on <[^>]*>"),
            // MPJRun's output thread when a rank's connection drops: the launcher names the rank itself.
            Pattern.compile("java\\.util\\.NoSuchElementException: No line found"),
            Pattern.compile("\\s+at java\\.base/java\\.util\\.Scanner\\.nextLine\\(Scanner\\.java:\\d+\\)"),
            Pattern.compile("\\s+at runtime\\.starter\\.IOMessagesThread\\.\\w+\\(IOMessagesThread\\.java:\\d+\\)"),
            // MPJRun's accept thread when a killed rank's socket closes mid-handshake: the same event, told again.
            Pattern.compile("\\[MPJRun\\.java\\]: Error accepting connection from peer socket\\.\\..*"),
            Pattern.compile("java\\.io\\.EOFException"));

    private MpjNoise() {}

    static boolean isNoise(String line) {
        for (Pattern p : LINES) {
            if (p.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }
}
