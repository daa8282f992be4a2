package org.bitswarm.cli.launch;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A niodev run without MPJ's daemon or MPJRun ({@link Launcher#SSH}, {@link Launcher#SLURM}): the front end
 * places the ranks on the hosts, serves niodev's address exchange itself ({@link PortExchange}) and starts each
 * rank's JVM on its host through a remote-shell command, one per rank, whose output it relays and whose end it
 * sees.
 *
 * <p>The rank JVM's command line is the one MPJ 0.44's daemon builds ({@code ProcessArgumentsManager}, checked
 * against {@code /proc/PID/cmdline} of daemon-started ranks here): {@code java -cp
 * .:$MPJ_HOME/lib/loader1.jar:$MPJ_HOME/lib/mpj.jar:$MPJ_HOME/lib/log4j-1.2.11.jar:$MPJ_HOME/lib/wrapper.jar:
 * WDIR:WDIR:APP_CP JVM_OPTIONS runtime.daemon.Wrapper CONF NP niodev SERVER PORT RANK MAIN APP_ARGS}, where
 * CONF is MPJRun's configuration with blanks written as {@code |} ({@code #temp line;#Number of Processes;NP;
 * #Protocol Switch Limit;131072;#Entry, HOST_NAME/IP@READPORT@WRITEPORT@RANK@DEBUGPORT;ADDR@0@0@R@D;...}),
 * and SERVER:PORT is where the exchange listens. Ranks go on the hosts as MPJRun places them: rank r on host r
 * when there are at least as many hosts as ranks, otherwise consecutive blocks, the first {@code np % hosts}
 * hosts taking one rank more.
 *
 * <p>The remote-shell command is a template of blank-separated words in which {@code {host}} is replaced by the
 * rank's host; the rank's command goes after it as one shell command line (as {@code ssh HOST 'COMMAND'} takes
 * it). Defaults: {@value #SSH_TEMPLATE} and {@value #SLURM_TEMPLATE}. Anything that runs a command line on a
 * host in that shape works, e.g. {@code ip netns exec NS sh -c} for a network namespace, as the tests do.
 */
final class RemoteRun implements AutoCloseable {

    static final String SSH_TEMPLATE = "ssh -o BatchMode=yes -T {host}";
    static final String SLURM_TEMPLATE = "srun --nodes=1 --ntasks=1 --overlap --nodelist={host} /bin/sh -c";
    /** MPJRun's default protocol switch limit (eager below, rendezvous above), in bytes. */
    static final int PROTOCOL_SWITCH_LIMIT = 131072;
    static final String SLURM_NODELIST = "SLURM_JOB_NODELIST";

    private final LaunchSpec spec;
    private final List<String> hostOfRank;
    private final List<String> template;
    private final PortExchange exchange;

    private RemoteRun(LaunchSpec spec, List<String> hostOfRank, List<String> template, PortExchange exchange) {
        this.spec = spec;
        this.hostOfRank = hostOfRank;
        this.template = template;
        this.exchange = exchange;
    }

    /** Finds the hosts, places the ranks and starts the address exchange. */
    static RemoteRun prepare(LaunchSpec spec, Map<String, String> env) throws LaunchException {
        new MpjHome(spec.mpjHome()).validate("mpj.jar", "loader1.jar");
        List<String> hosts = hosts(spec, env);
        List<String> placed = place(spec.np(), hosts);
        List<String> template = template(spec);
        InetAddress bind = frontEndAddress(hosts);
        return new RemoteRun(spec, placed, template, PortExchange.start(bind, spec.np()));
    }

    /** Rank r's host, as MPJRun would place it. */
    static List<String> place(int np, List<String> hosts) {
        List<String> out = new ArrayList<>();
        int h = hosts.size();
        if (np <= h) {
            return List.copyOf(hosts.subList(0, np));
        }
        int per = np / h;
        int extra = np % h;
        for (int i = 0; i < h; i++) {
            for (int k = 0; k < per + (i < extra ? 1 : 0); k++) {
                out.add(hosts.get(i));
            }
        }
        return out;
    }

    String host(int rank) {
        return hostOfRank.get(rank);
    }

    /** The remote-shell template's first word, to name it in messages. */
    String shellName() {
        return template.get(0);
    }

    String exchangeProblem() {
        return exchange.problem();
    }

    /** One command per rank, in rank order. */
    List<ProcessBuilder> commands() throws LaunchException {
        List<ProcessBuilder> out = new ArrayList<>();
        for (int r = 0; r < spec.np(); r++) {
            List<String> cmd = new ArrayList<>();
            for (String w : template) {
                cmd.add(w.replace("{host}", hostOfRank.get(r)));
            }
            cmd.add(shellLine(rankCommand(r)));
            ProcessBuilder pb = new ProcessBuilder(JavaCommand.dieWithFrontEnd(cmd)).directory(spec.workingDir().toFile());
            out.add(pb);
        }
        return out;
    }

    /** Rank r's JVM, word by word, as MPJ's daemon starts it (see the class comment). */
    List<String> rankCommand(int r) throws LaunchException {
        Path home = spec.mpjHome().toAbsolutePath().normalize();
        String lib = home.resolve("lib") + File.separator;
        String wdir = spec.workingDir().toAbsolutePath().toString();
        String cp = String.join(File.pathSeparator, ".", lib + "loader1.jar", lib + "mpj.jar", lib + "log4j-1.2.11.jar",
                lib + "wrapper.jar", wdir, wdir, JavaCommand.classPath(spec.appClassPath()));
        List<String> cmd = new ArrayList<>(List.of("env", "MPJ_HOME=" + home, JavaCommand.java().toString(), "-cp", cp));
        cmd.addAll(JavaCommand.rankJvmOptions(spec));
        cmd.addAll(List.of("runtime.daemon.Wrapper", conf(), Integer.toString(spec.np()), "niodev",
                exchange.address().getHostAddress(), Integer.toString(exchange.port()), Integer.toString(r),
                spec.mainClass()));
        cmd.addAll(spec.appArgs());
        return cmd;
    }

    /** MPJRun's configuration string for the ranks, blanks as '|' (the Wrapper turns them back). */
    String conf() throws LaunchException {
        StringBuilder c = new StringBuilder("#temp line;#Number of Processes;" + spec.np() + ";#Protocol Switch Limit;"
                + PROTOCOL_SWITCH_LIMIT + ";#Entry, HOST_NAME/IP@READPORT@WRITEPORT@RANK@DEBUGPORT");
        for (int r = 0; r < spec.np(); r++) {
            int onHost = 0;
            for (int q = 0; q < r; q++) {
                onHost += hostOfRank.get(q).equals(hostOfRank.get(r)) ? 1 : 0;
            }
            c.append(';').append(address(hostOfRank.get(r))).append("@0@0@").append(r).append('@').append(2 * onHost);
        }
        return c.toString().replace(' ', '|');
    }

    /** The command line a POSIX shell on the host runs: cd to the working folder, then exec the JVM. */
    String shellLine(List<String> words) {
        StringBuilder s = new StringBuilder("cd ").append(quote(spec.workingDir().toAbsolutePath().toString()))
                .append(" && exec");
        for (String w : words) {
            s.append(' ').append(quote(w));
        }
        return s.toString();
    }

    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        exchange.close();
    }

    private static List<String> hosts(LaunchSpec spec, Map<String, String> env) throws LaunchException {
        if (spec.launcher() == Launcher.SLURM) {
            String list = env.get(SLURM_NODELIST);
            if (list == null || list.isBlank()) {
                throw new LaunchException("--launcher slurm: " + SLURM_NODELIST + " is not set (run inside an"
                        + " allocation: sbatch or salloc)");
            }
            try {
                return HostList.expand(list);
            } catch (IllegalArgumentException e) {
                throw new LaunchException("--launcher slurm: " + SLURM_NODELIST + ": " + e.getMessage());
            }
        }
        Path machines = spec.machinesFile().orElseThrow(() -> new LaunchException(
                "--launcher ssh needs a machines file (--machines FILE) naming the hosts"));
        try {
            List<String> hosts = Files.readAllLines(machines).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (hosts.isEmpty()) {
                throw new LaunchException("the machines file " + machines + " names no host");
            }
            return hosts;
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("cannot read the machines file " + machines, e);
        }
    }

    private static List<String> template(LaunchSpec spec) throws LaunchException {
        String t = spec.remoteShell().orElse(spec.launcher() == Launcher.SLURM ? SLURM_TEMPLATE : SSH_TEMPLATE).strip();
        List<String> words = List.of(t.split("\\s+"));
        if (t.isEmpty() || words.stream().noneMatch(w -> w.contains("{host}"))) {
            throw new LaunchException("the remote-shell command \"" + t + "\" has no {host} in it");
        }
        return words;
    }

    /**
     * Where the exchange listens: loopback when every host is this one, else the address this host's name
     * resolves to (as MPJRun, which gives the ranks its host name), never the wildcard.
     */
    private static InetAddress frontEndAddress(List<String> hosts) throws LaunchException {
        if (HostList.allLoopback(hosts)) {
            return InetAddress.getLoopbackAddress();
        }
        InetAddress me;
        try {
            me = InetAddress.getLocalHost();
        } catch (UnknownHostException e) {
            throw new LaunchException("this host's name does not resolve, so the ranks cannot reach the front end: "
                    + e.getMessage());
        }
        if (me.isLoopbackAddress()) {
            throw new LaunchException("this host's name " + me.getHostName() + " resolves to " + me.getHostAddress()
                    + ", which other hosts cannot reach: map it to the cluster address in /etc/hosts");
        }
        return me;
    }

    private static String address(String host) throws LaunchException {
        return resolve(host).getHostAddress();
    }

    private static InetAddress resolve(String host) throws LaunchException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new LaunchException("host " + host + " does not resolve");
        }
    }
}
