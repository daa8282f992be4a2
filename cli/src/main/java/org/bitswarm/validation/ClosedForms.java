package org.bitswarm.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bitswarm.protocol.config.Profile;
import org.bitswarm.validation.Row.Kind;

/** The closed-form cases (validation/cases): single links, small Kumar-Ross, free riders, seeds, max-min, endgame. */
final class ClosedForms {
    private ClosedForms() {}

    static final double MIB8 = 8.0 * 8 * 1024 * 1024; // bits in 8 MiB

    static List<Row> run(Path cases) {
        return run(cases, null);
    }

    /** With {@code profile} (null: each file's own) as every case's client profile. */
    static List<Row> run(Path cases, Profile profile) {
        List<Row> rows = new ArrayList<>();
        Sim.Outcome up = Sim.run(cases.resolve("single-link-uplink.yaml"), false, 1, profile).get(0);
        rows.add(new Row("single link, uplink-bound", "F / u_s", MIB8 / 2e6, up.downloadTimes("peer").get(0), Kind.EXACT, 0.02));
        Sim.Outcome down = Sim.run(cases.resolve("single-link-downlink.yaml"), false, 1, profile).get(0);
        rows.add(new Row("single link, downlink-bound", "F / d", MIB8 / 2e6, down.downloadTimes("peer").get(0), Kind.EXACT, 0.02));
        for (Sim.Outcome o : Sim.run(cases.resolve("kumar-ross-small.yaml"), false, 1, profile)) {
            int n = Integer.parseInt(o.param("count"));
            double kr = Math.max(MIB8 / 2e6, n * MIB8 / (2e6 + n * 1e6));
            rows.add(new Row("Kumar-Ross, N = " + n + " (last peer)", "max(F/u_s, N F/(u_s + N u))", kr,
                    o.lastCompletion("peers"), Kind.BOUND, n >= 10 ? 1.10 : 1.25));
        }
        Sim.Outcome fr = Sim.run(cases.resolve("free-riders-bound.yaml"), false, 1, profile).get(0);
        rows.add(new Row("6 peers + 4 free riders (last)", "(N + M) F / (u_s + N u)", 10 * MIB8 / 8e6,
                Math.max(fr.lastCompletion("peers"), fr.lastCompletion("riders")), Kind.BOUND, 1.25));
        Sim.Outcome ss = Sim.run(cases.resolve("several-seeds.yaml"), false, 1, profile).get(0);
        rows.add(new Row("three seeds, one peer", "F / (u_1 + u_2 + u_3)", MIB8 / 6e6, ss.downloadTimes("peer").get(0),
                Kind.EXACT, 0.02));
        Sim.Outcome mm = Sim.run(cases.resolve("max-min.yaml"), false, 1, profile).get(0);
        rows.add(new Row("max-min, fast receiver", "F / (u_s - d_slow)", MIB8 / 2e6, mm.downloadTimes("fast").get(0),
                Kind.EXACT, 0.02));
        rows.add(new Row("max-min, slow receiver", "F / d_slow", MIB8 / 1e6, mm.downloadTimes("slow").get(0), Kind.EXACT, 0.02));
        for (Sim.Outcome o : Sim.run(cases.resolve("endgame.yaml"), false, 1, profile)) {
            boolean on = Boolean.parseBoolean(o.param("endgame"));
            rows.add(new Row("two seeds 0.5 + 4 Mbit/s, endgame " + (on ? "on" : "off"), "F / (u_1 + u_2)", MIB8 / 4.5e6,
                    o.downloadTimes("peer").get(0), on ? Kind.EXACT : Kind.BOUND, on ? 0.02 : 1.10));
        }
        // Its last peer is one straggler that varies widely from run to run: the row is the mean of the file's
        // replications of its first point (4 slots, pipeline 5, the defaults).
        double last = 0;
        int reps = 0;
        for (Sim.Outcome o : Sim.run(cases.resolve("downlink-bound-swarm.yaml"), false, Integer.MAX_VALUE, profile)) {
            if (o.param("slots").equals("4")) {
                last += o.lastCompletion("peers");
                reps++;
            }
        }
        rows.add(new Row("30 peers, downlink-bound (last, mean of " + reps + " runs)", "F / d", MIB8 / 2e6, last / reps,
                Kind.BOUND, 1.10));
        return rows;
    }

    static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder(Row.header()).append('\n');
        for (Row r : rows) {
            s.append(r.markdown()).append('\n');
        }
        return s.toString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    public static void main(String[] args) {
        System.out.print(table(run(Path.of(args.length > 0 ? args[0] : "validation/cases"))));
    }
}
