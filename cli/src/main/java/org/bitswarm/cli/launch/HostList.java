package org.bitswarm.cli.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * Slurm's compact host lists, as in {@code SLURM_JOB_NODELIST}: {@code node[01-03,07],gpu5,rack[1-2]-n[1-2]}
 * expands to {@code node01 node02 node03 node07 gpu5 rack1-n1 rack1-n2 rack2-n1 rack2-n2}. Numbers keep the
 * width of the range's first bound ({@code [08-10]} gives {@code 08 09 10}), as {@code scontrol show hostnames}
 * prints them. Commas inside brackets separate ranges; outside, host names.
 */
public final class HostList {

    /** More hosts than any cluster has: a typo such as {@code [1-999999999]} must not fill the heap. */
    static final int MAX_HOSTS = 100_000;

    private HostList() {}

    /** The hosts, in order; an {@link IllegalArgumentException} naming the problem for a malformed list. */
    public static List<String> expand(String list) {
        List<String> out = new ArrayList<>();
        for (String item : splitTop(list.strip())) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty host name in \"" + list + "\"");
            }
            expandItem("", item, out, list);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no hosts in \"" + list + "\"");
        }
        return out;
    }

    /** Splits at the commas that are not inside brackets. */
    private static List<String> splitTop(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(list.substring(start, i));
                start = i + 1;
            }
        }
        items.add(list.substring(start));
        return items;
    }

    private static void expandItem(String prefix, String rest, List<String> out, String whole) {
        int open = rest.indexOf('[');
        if (open < 0) {
            if (rest.indexOf(']') >= 0) {
                throw new IllegalArgumentException("unbalanced ']' in \"" + whole + "\"");
            }
            add(out, prefix + rest, whole);
            return;
        }
        int close = rest.indexOf(']', open);
        if (close < 0 || rest.substring(open + 1, close).indexOf('[') >= 0) {
            throw new IllegalArgumentException("unbalanced '[' in \"" + whole + "\"");
        }
        String head = prefix + rest.substring(0, open);
        String tail = rest.substring(close + 1);
        String body = rest.substring(open + 1, close);
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty brackets in \"" + whole + "\"");
        }
        for (String range : body.split(",", -1)) {
            int dash = range.indexOf('-');
            String lo = dash < 0 ? range : range.substring(0, dash);
            String hi = dash < 0 ? range : range.substring(dash + 1);
            if (!lo.matches("\\d{1,9}") || !hi.matches("\\d{1,9}")) {
                throw new IllegalArgumentException("bad range \"" + range + "\" in \"" + whole + "\"");
            }
            long a = Long.parseLong(lo);
            long b = Long.parseLong(hi);
            if (b < a) {
                throw new IllegalArgumentException("range \"" + range + "\" goes down in \"" + whole + "\"");
            }
            if (b - a + out.size() >= MAX_HOSTS) {
                throw new IllegalArgumentException("more than " + MAX_HOSTS + " hosts in \"" + whole + "\"");
            }
            for (long n = a; n <= b; n++) {
                String num = Long.toString(n);
                StringBuilder padded = new StringBuilder();
                for (int i = num.length(); i < lo.length(); i++) {
                    padded.append('0');
                }
                expandItem(head + padded + num, tail, out, whole);
            }
        }
    }

    private static void add(List<String> out, String host, String whole) {
        if (out.size() >= MAX_HOSTS) {
            throw new IllegalArgumentException("more than " + MAX_HOSTS + " hosts in \"" + whole + "\"");
        }
        out.add(host);
    }

    /** Whether every host is this host's loopback (a name that does not resolve is not): a one-host run. */
    public static boolean allLoopback(List<String> hosts) {
        for (String h : hosts) {
            try {
                if (!java.net.InetAddress.getByName(h).isLoopbackAddress()) {
                    return false;
                }
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return true;
    }
}
