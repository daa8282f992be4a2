package org.bitswarm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.bitswarm.scenario.Device;
import org.bitswarm.scenario.RunSettings;

/** Checks of command-line values that picocli's types cannot express. */
final class CliArgs {
    private CliArgs() {}

    static final class BadArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadArgument(String message) {
            super(message);
        }
    }

    static Device device(String name) {
        try {
            return Device.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadArgument("--dev: expected multicore, niodev or local, got \"" + name + "\"");
        }
    }

    /** The scenario's settings with command-line overrides; an override out of range names its option. */
    static RunSettings override(RunSettings s, Long seed, Integer np, String dev) {
        try {
            return s.with(seed, np, dev == null ? null : device(dev));
        } catch (org.bitswarm.engine.config.ConfigError e) {
            throw new BadArgument("--" + e.key().replace('_', '-') + ": " + e.reason());
        }
    }

    static void checkRun(RunSettings s, Path machines, int replication, String progress, String heap) {
        if (s.np() < 1 || s.np() > 1024) {
            throw new BadArgument("--np: must be in [1, 1024], got " + s.np());
        }
        if (replication < 0) {
            throw new BadArgument("--replication: must be >= 0, got " + replication);
        }
        if (machines != null) {
            if (s.dev() != Device.NIODEV) {
                throw new BadArgument("--machines: needs --dev niodev");
            }
            if (!Files.isRegularFile(machines)) {
                throw new BadArgument("--machines " + machines + ": no such file");
            }
        }
        if (!Set.of("auto", "bar", "plain", "off").contains(progress)) {
            throw new BadArgument("--progress: expected auto, bar, plain or off, got \"" + progress + "\"");
        }
        if (heap != null && !heap.matches("[0-9]+[kmgKMG]?")) {
            throw new BadArgument("--heap: expected a JVM size such as 4g or 512m, got \"" + heap + "\"");
        }
    }
}
