package org.bitswarm.engine.config;

/**
 * A configuration value that is out of range or inconsistent. {@code key} is the snake_case key (or a key
 * path such as {@code groups[2].torrents}) relative to the record that threw; the scenario loader turns it
 * into "file:line: key: reason".
 */
public class ConfigError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigError(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }

    public String reason() {
        String m = getMessage();
        return m.substring(key.length() + 2);
    }

    public static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new ConfigError(key, reason);
        }
    }
}
