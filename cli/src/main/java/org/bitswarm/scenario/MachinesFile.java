package org.bitswarm.scenario;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A machines file (niodev across hosts, SSH and Slurm launches): one host name or address per line; blank
 * lines and lines starting with {@code #} are skipped. Read through {@link InputFile}, so a FIFO, a folder or a
 * huge file is refused; a file without hosts is refused too (MPJ divides by their number).
 */
public final class MachinesFile {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:%\\[\\]-]{1,253}");

    private MachinesFile() {}

    /** The hosts, in file order; {@link InputFile.Refused} with {@code LINE: reason} for a bad line. */
    public static List<String> hosts(Path file) throws InputFile.Refused {
        String text = new String(InputFile.read(file, InputFile.MACHINES_LIMIT), StandardCharsets.UTF_8);
        List<String> hosts = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!HOST.matcher(line).matches()) {
                throw new InputFile.Refused("line " + (i + 1) + ": expected one host name or address, got \""
                        + (line.length() > 40 ? line.substring(0, 40) + "..." : line) + "\"");
            }
            hosts.add(line);
        }
        if (hosts.isEmpty()) {
            throw new InputFile.Refused("no hosts in it (one host name per line)");
        }
        return hosts;
    }
}
