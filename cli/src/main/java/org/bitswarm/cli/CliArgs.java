package org.bitswarm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
    static RunSettings override(RunSettings s, RunSettings.Overrides o) {
        try {
            return s.with(o);
        } catch (org.bitswarm.engine.config.ConfigError e) {
            throw new BadArgument("--" + e.key().replace('_', '-') + ": " + e.reason());
        }
    }

    /** Checks that need the file system. */
    static void checkRun(RunSettings s) {
        if (!s.machines().isEmpty()) {
            if (s.dev() != Device.NIODEV) {
                throw new BadArgument("--machines: needs --dev niodev");
            }
            if (!Files.isRegularFile(Path.of(s.machines()))) {
                throw new BadArgument("--machines " + s.machines() + ": no such file");
            }
        }
    }
}
