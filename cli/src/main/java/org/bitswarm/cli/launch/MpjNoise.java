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
            Pattern.compile("Stopping Process <\\d+> on <[^>]*>"));

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
