package org.bitswarm.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bitswarm.cli.run.ResultFiles;
import org.bitswarm.engine.config.Unit;

/**
 * runs.csv (one row per run: point, axis columns named by key path, seed, replication, every summary metric)
 * and points.csv (one row per point: axis columns, n, and {@code <metric>_mean}, {@code _sd}, {@code _ci95}
 * for every numeric metric). Both are built only from the runs' summary.csv files and the plan, never from
 * wall-clock figures, so a resumed sweep writes the same bytes as an uninterrupted one.
 */
public final class SweepTables {
    private SweepTables() {}

    /** One finished run: its point, replication, seed and summary metrics. */
    public record RunRow(SweepPlan.Point point, int replication, long seed, LinkedHashMap<String, String> metrics) {}

    public static List<String> metricNames(List<RunRow> runs) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (RunRow r : runs) {
            names.addAll(r.metrics().keySet());
        }
        return List.copyOf(names);
    }

    /** Metrics whose every non-empty value is a finite number (and that have at least one value). */
    public static List<String> numericMetrics(List<RunRow> runs) {
        List<String> out = new ArrayList<>();
        for (String m : metricNames(runs)) {
            boolean any = false;
            boolean numeric = true;
            for (RunRow r : runs) {
                String v = r.metrics().getOrDefault(m, "");
                if (!v.isEmpty()) {
                    any = true;
                    numeric &= !Double.isNaN(Csv.parse(v));
                }
            }
            if (any && numeric) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The axis columns: each axis's values as written ({@code bittorrent.torrents[0].piece_size}: {@code 128KiB}),
     * and for a size, rate or duration also the value in SI base units, named with the unit
     * ({@code bittorrent.torrents[0].piece_size_bytes}: {@code 131072}; {@code _bps}; {@code _s}).
     */
    static List<String> axisHeader(SweepPlan plan) {
        List<String> out = new ArrayList<>();
        for (Axis a : plan.axes()) {
            out.add(a.path());
            Unit u = AxisUnits.unit(a.path());
            if (u != null) {
                out.add(a.path() + AxisUnits.suffix(u.value()));
            }
        }
        return out;
    }

    static List<String> axisValues(SweepPlan plan, SweepPlan.Point p) {
        List<String> out = new ArrayList<>();
        for (Axis a : plan.axes()) {
            String text = p.params().get(a.path());
            out.add(text);
            Unit u = AxisUnits.unit(a.path());
            if (u != null) {
                out.add(AxisUnits.si(text, u.value()));
            }
        }
        return out;
    }

    public static String runsCsv(SweepPlan plan, List<RunRow> runs) {
        List<String> metrics = metricNames(runs);
        List<String> header = new ArrayList<>();
        header.add("point");
        header.addAll(axisHeader(plan));
        header.add("seed");
        header.add("replication");
        header.addAll(metrics);
        StringBuilder b = new StringBuilder(Csv.row(header));
        for (RunRow r : runs) {
            List<String> row = new ArrayList<>();
            row.add(r.point().id());
            row.addAll(axisValues(plan, r.point()));
            row.add(Long.toString(r.seed()));
            row.add(Integer.toString(r.replication()));
            for (String m : metrics) {
                row.add(r.metrics().getOrDefault(m, ""));
            }
            b.append(Csv.row(row));
        }
        return b.toString();
    }

    public static String pointsCsv(SweepPlan plan, List<RunRow> runs) {
        List<String> metrics = numericMetrics(runs);
        List<String> header = new ArrayList<>();
        header.add("point");
        header.addAll(axisHeader(plan));
        header.add("n");
        for (String m : metrics) {
            header.add(m + "_mean");
            header.add(m + "_sd");
            header.add(m + "_ci95");
        }
        Map<String, List<RunRow>> byPoint = new LinkedHashMap<>();
        for (SweepPlan.Point p : plan.points()) {
            byPoint.put(p.id(), new ArrayList<>());
        }
        for (RunRow r : runs) {
            byPoint.get(r.point().id()).add(r);
        }
        StringBuilder b = new StringBuilder(Csv.row(header));
        for (SweepPlan.Point p : plan.points()) {
            List<RunRow> rs = byPoint.get(p.id());
            List<String> row = new ArrayList<>();
            row.add(p.id());
            row.addAll(axisValues(plan, p));
            row.add(Integer.toString(rs.size()));
            for (String m : metrics) {
                List<Double> values = new ArrayList<>();
                for (RunRow r : rs) {
                    double v = Csv.parse(r.metrics().getOrDefault(m, ""));
                    if (!Double.isNaN(v)) {
                        values.add(v);
                    }
                }
                Stats s = Stats.of(values);
                row.add(Csv.number(s.mean()));
                row.add(Csv.number(s.sd()));
                row.add(Csv.number(s.ci95()));
            }
            b.append(Csv.row(row));
        }
        return b.toString();
    }

    public static void write(Path dir, SweepPlan plan, List<RunRow> runs) throws IOException {
        ResultFiles.writeAtomically(dir.resolve("runs.csv"), runsCsv(plan, runs));
        ResultFiles.writeAtomically(dir.resolve("points.csv"), pointsCsv(plan, runs));
    }
}
