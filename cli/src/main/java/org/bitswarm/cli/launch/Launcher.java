package org.bitswarm.cli.launch;

import java.util.Locale;

/**
 * How niodev ranks are started across hosts.
 *
 * <ul>
 * <li>{@link #DAEMON}: MPJ's own way, MPJRun asking an MPJ daemon on every host (a private one on this host when
 *     there is no machines file).</li>
 * <li>{@link #SSH}: no daemon; the front end serves niodev's address exchange itself and starts every rank JVM
 *     with a remote-shell command ({@code ssh HOST ...} by default) on the hosts of the machines file.</li>
 * <li>{@link #SLURM}: as SSH, with {@code srun} on the nodes of the job ({@code SLURM_JOB_NODELIST}).</li>
 * </ul>
 */
public enum Launcher {
    DAEMON, SSH, SLURM;

    /** The name used by {@code --launcher} and the scenario key {@code launcher}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The launcher of that name, or null. */
    public static Launcher of(String name) {
        for (Launcher l : values()) {
            if (l.key().equals(name)) {
                return l;
            }
        }
        return null;
    }
}
