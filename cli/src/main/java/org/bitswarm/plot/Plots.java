package org.bitswarm.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.scenario.Units;
import org.bitswarm.sweep.Csv;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots drawn from result files alone (headless; run the JVM with -Djava.awt.headless=true), each as PNG, SVG
 * and PDF, with axis titles that name the quantity and its unit:
 *
 * <ul>
 *   <li>{@link #forSweep}: from points.csv, each metric that varies over the sweep: its mean against the first
 *       numeric axis with 95% CI error bars (the legend says so, and n), one series per combination of the
 *       other axes: {@code DIR/plots/<metric>.png}. The x axis is logarithmic only when its values span at
 *       least two decades;
 *   <li>{@link #forRun}: from a BitTorrent run's peers.csv, timeseries.csv, summary.csv and scenario.yaml,
 *       {@code completion_cdf} (per group and torrent, with the Kumar-Ross bound), {@code population} and
 *       {@code utilisation} (timeline events and late joins marked) in the run folder.
 * </ul>
 *
 * Each file is written to a temporary file and moved into place. Also runnable:
 * {@code java -cp bitswarm.jar org.bitswarm.plot.Plots DIR...} (a sweep folder or a run folder).
 */
public final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** The formats every figure is written in. */
    public static final List<String> FORMATS = List.of("png", "svg", "pdf");
    private static final String PLAIN = "#,##0.###";
    private static final Pattern QUANTITY = Pattern.compile("([+-]?[0-9][0-9_]*(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z/%]*)");

    private Plots() {}

    public static void main(String[] args) throws IOException {
        for (String a : args) {
            Path dir = Path.of(a);
            List<Path> made = Files.isRegularFile(dir.resolve("points.csv")) ? forSweep(dir) : forRun(dir);
            for (Path p : made) {
                System.out.println(p);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- sweeps

    /** Plots of a sweep folder (needs points.csv); returns the files written. */
    public static List<Path> forSweep(Path dir) throws IOException {
        Map<String, XYChart> charts = sweepCharts(dir);
        Path plots = dir.resolve("plots");
        Files.createDirectories(plots);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, XYChart> c : charts.entrySet()) {
            out.addAll(save(c.getValue(), plots.resolve(fileName(c.getKey()))));
        }
        return out;
    }

    /** One chart per metric of points.csv that has a value, in column order. */
    static Map<String, XYChart> sweepCharts(Path dir) throws IOException {
        Csv.Table t = Csv.read(dir.resolve("points.csv"));
        int nCol = t.header().indexOf("n");
        if (nCol < 1 || !t.header().get(0).equals("point")) {
            throw new IOException(dir.resolve("points.csv") + ": not a sweep's points.csv (no point ... n columns)");
        }
        // axis columns as written; their SI twins (<axis>_bytes, _bps, _s) hold the same values
        List<String> axes = new ArrayList<>();
        for (String h : t.header().subList(1, nCol)) {
            if (!h.matches(".*_(bytes|bps|s)") || !t.header().contains(h.replaceAll("_(bytes|bps|s)$", ""))) {
                axes.add(h);
            }
        }
        List<String> metrics = new ArrayList<>();
        for (String h : t.header()) {
            if (h.endsWith("_mean")) {
                metrics.add(h.substring(0, h.length() - "_mean".length()));
            }
        }
        // x: the first axis whose values are all numbers, or all quantities of one kind (sizes, rates, durations)
        String xAxis = null;
        Axis xs = null;
        for (String a : axes) {
            xs = Axis.of(t.column(a));
            if (xs != null) {
                xAxis = a;
                break;
            }
        }
        List<String> others = new ArrayList<>(axes);
        if (xAxis != null) {
            others.remove(xAxis);
        }
        double[] x = new double[t.rows().size()];
        for (int i = 0; i < x.length; i++) {
            // logarithmic axes are drawn at log2 of the value, labelled with the value (see below)
            x[i] = xs == null ? i : xs.logarithmic() ? Math.log(xs.values()[i]) / Math.log(2) : xs.values()[i];
        }
        String xTitle = xAxis == null ? "point (row of points.csv)"
                : axisLabel(xAxis) + (xs.unit().isEmpty() ? "" : " (" + xs.unit() + ")") + (xs.logarithmic() ? ", log scale" : "");
        String bars = "mean ± 95% CI, " + replications(t.column("n"));
        // series: one per combination of the other axes' values, in order of first appearance
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < t.rows().size(); i++) {
            List<String> parts = new ArrayList<>();
            for (String o : others) {
                parts.add(axisLabel(o) + " = " + t.rows().get(i).get(o));
            }
            groups.computeIfAbsent(parts.isEmpty() ? bars : String.join(", ", parts), k -> new ArrayList<>()).add(i);
        }
        Map<String, XYChart> charts = new LinkedHashMap<>();
        for (String m : metrics) {
            List<String> means = t.column(m + "_mean");
            if (constant(means)) {
                continue; // a flat line says nothing; the value is in points.csv
            }
            Scale y = Scale.of(m, means);
            String title = Character.toUpperCase(y.label().charAt(0)) + y.label().substring(1) + " against "
                    + (xAxis == null ? "point" : axisLabel(xAxis));
            XYChart chart = chart(groups.size() > 1 ? title + " (" + bars + ")" : title, xTitle, y.title());
            chart.getStyler().setLegendVisible(true);
            chart.getStyler().setYAxisDecimalPattern(PLAIN);
            if (xs != null && xs.logarithmic()) {
                // XChart's own log axis labels decades only; whole log2 positions read 128, 256, 512 ...
                chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9
                        ? compact(Math.pow(2, Math.rint(v))) : "");
            } else {
                chart.getStyler().setXAxisDecimalPattern(PLAIN);
            }
            boolean any = false;
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                List<double[]> pts = new ArrayList<>();
                for (int i : g.getValue()) {
                    double v = Csv.parse(t.rows().get(i).get(m + "_mean"));
                    double ci = Csv.parse(t.rows().get(i).getOrDefault(m + "_ci95", ""));
                    if (!Double.isNaN(v) && !Double.isNaN(x[i])) {
                        pts.add(new double[] {x[i], v / y.factor(), Double.isNaN(ci) ? 0 : ci / y.factor()});
                    }
                }
                if (pts.isEmpty()) {
                    continue;
                }
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                XYSeries s = chart.addSeries(g.getKey(), col(pts, 0), col(pts, 1), col(pts, 2));
                s.setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
            if (any) {
                charts.put(m, chart);
            }
        }
        return charts;
    }

    /** "n = 3 replications" (or a range when points differ). */
    static String replications(List<String> ns) {
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (String n : ns) {
            double v = Csv.parse(n);
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, (int) v);
                hi = Math.max(hi, (int) v);
            }
        }
        if (hi == 0) {
            return "n unknown";
        }
        return "n = " + (lo == hi ? Integer.toString(hi) : lo + "–" + hi) + (hi == 1 ? " replication" : " replications");
    }

    /** True when every value that is there is the same number (or none is). */
    static boolean constant(List<String> values) {
        double first = Double.NaN;
        for (String v : values) {
            double d = Csv.parse(v);
            if (Double.isNaN(d)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = d;
            } else if (Math.abs(d - first) > 1e-12 * Math.max(1, Math.abs(first))) {
                return false;
            }
        }
        return true;
    }

    /** A sweep axis in words: the last key of its path, {@code bittorrent.torrents[0].piece_size} -> "piece size". */
    static String axisLabel(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[[0-9]+]", "");
        return last.replace('_', ' ');
    }

    private static final Map<String, String> METRIC_LABELS = Map.ofEntries(
            Map.entry("first_completion_s", "first completion time"), Map.entry("mean_completion_s", "mean completion time"),
            Map.entry("last_completion_s", "last completion time"), Map.entry("mean_download_time_s", "mean download time"),
            Map.entry("kumar_ross_bound_s", "Kumar-Ross lower bound"), Map.entry("end_time_s", "time of the last event"),
            Map.entry("last_event_s", "time of the last event"), Map.entry("completed", "completed downloads"),
            Map.entry("downloaders", "downloads"), Map.entry("peers", "clients"), Map.entry("sessions", "(client, torrent) sessions"),
            Map.entry("upload_utilisation", "upload utilisation"), Map.entry("events", "events executed"),
            Map.entry("windows", "synchronisation windows"), Map.entry("bans", "peers banned"),
            Map.entry("announces_dropped", "announces dropped"), Map.entry("hash_failures", "hash failures"),
            Map.entry("uploaded_bytes", "payload uploaded"), Map.entry("downloaded_bytes", "payload downloaded"),
            Map.entry("duplicate_bytes", "payload received twice"), Map.entry("overhead_bytes", "protocol overhead"),
            Map.entry("wasted_bytes", "payload wasted on failed hash checks"), Map.entry("announces", "tracker announces answered"));

    /** How a metric is drawn: its words, its display unit and the factor from its stored unit. */
    record Scale(String label, String unit, double factor) {
        String title() {
            return unit.isEmpty() ? label : label + " (" + unit + ")";
        }

        static Scale of(String metric, List<String> values) {
            double max = 0;
            for (String v : values) {
                double d = Csv.parse(v);
                if (!Double.isNaN(d)) {
                    max = Math.max(max, Math.abs(d));
                }
            }
            String base = metric.replaceAll("_(s|bytes|bps)$", "");
            String label = METRIC_LABELS.getOrDefault(metric, base.replace('_', ' '));
            if (metric.endsWith("_bytes")) {
                Map.Entry<String, Double> u = pick(max, List.of(Map.entry("bytes", 1.0), Map.entry("KiB", 0x1p10),
                        Map.entry("MiB", 0x1p20), Map.entry("GiB", 0x1p30)));
                return new Scale(label, u.getKey(), u.getValue());
            }
            if (metric.endsWith("_bps")) {
                Map.Entry<String, Double> u = pick(max, List.of(Map.entry("bit/s", 1.0), Map.entry("kbit/s", 1e3),
                        Map.entry("Mbit/s", 1e6), Map.entry("Gbit/s", 1e9)));
                return new Scale(label, u.getKey(), u.getValue());
            }
            if (metric.endsWith("_s")) {
                return new Scale(label, "s", 1);
            }
            if (metric.equals("upload_utilisation")) {
                return new Scale(label, "uploaded / capacity", 1);
            }
            return new Scale(label, "", 1);
        }

        private static Map.Entry<String, Double> pick(double max, List<Map.Entry<String, Double>> units) {
            Map.Entry<String, Double> best = units.get(0);
            for (Map.Entry<String, Double> u : units) {
                if (u.getValue() <= max) {
                    best = u;
                }
            }
            return best;
        }
    }

    /**
     * A numeric sweep axis: the values in one display unit, and whether they span at least two decades (then the
     * axis is drawn on a log scale). Values in one unit keep it ({@code 128KiB, 512KiB} in KiB); sizes, rates or
     * durations in mixed units ({@code 512KiB, 1MiB}) are converted to the largest unit not above the
     * smallest value ({@code 512KiB, 1MiB} in KiB: 512, 1024).
     */
    record Axis(double[] values, String unit, boolean logarithmic) {
        private static final Map<Unit.Kind, List<Map.Entry<String, Double>>> SCALES = Map.of(
                Unit.Kind.BYTES, List.of(Map.entry("B", 1.0), Map.entry("KiB", 0x1p10), Map.entry("MiB", 0x1p20),
                        Map.entry("GiB", 0x1p30)),
                Unit.Kind.BITS_PER_SECOND, List.of(Map.entry("bit/s", 1.0), Map.entry("kbit/s", 1e3),
                        Map.entry("Mbit/s", 1e6), Map.entry("Gbit/s", 1e9)),
                Unit.Kind.DURATION, List.of(Map.entry("ns", 1.0), Map.entry("us", 1e3), Map.entry("ms", 1e6),
                        Map.entry("s", 1e9), Map.entry("min", 60e9), Map.entry("h", 3600e9)));

        /** The axis for these values, or null when some value is not a number or the units do not agree. */
        static Axis of(List<String> texts) {
            double[] v = new double[texts.size()];
            String unit = commonUnit(texts);
            if (unit != null) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = number(texts.get(i));
                }
                return new Axis(v, unit, geometric(v));
            }
            Unit.Kind kind = Units.commonKind(texts);
            if (kind == null) {
                return null;
            }
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < v.length; i++) {
                v[i] = Units.parse(texts.get(i), kind);
                min = Math.min(min, v[i]);
            }
            Map.Entry<String, Double> scale = SCALES.get(kind).get(0);
            for (Map.Entry<String, Double> s : SCALES.get(kind)) {
                if (s.getValue() <= min) {
                    scale = s;
                }
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= scale.getValue();
            }
            return new Axis(v, scale.getKey(), geometric(v));
        }

        /** Positive values whose largest is at least 100 times the smallest: a linear axis would crush the low end. */
        static boolean geometric(double[] values) {
            double[] d = Arrays.stream(values).distinct().sorted().toArray();
            return d.length >= 3 && d[0] > 0 && d[d.length - 1] / d[0] >= 100;
        }
    }

    /** A tick label: at most four significant digits, no exponent, no trailing zeros. */
    static String compact(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The unit shared by every value (""), or null if some value is not a number. */
    static String commonUnit(List<String> values) {
        String unit = null;
        for (String v : values) {
            Matcher mt = QUANTITY.matcher(v.trim());
            if (!mt.matches()) {
                return null;
            }
            if (unit == null) {
                unit = mt.group(2);
            } else if (!unit.equals(mt.group(2))) {
                return null;
            }
        }
        return unit;
    }

    private static double number(String v) {
        Matcher mt = QUANTITY.matcher(v.trim());
        return mt.matches() ? Double.parseDouble(mt.group(1).replace("_", "")) : Double.NaN;
    }

    // ---------------------------------------------------------------------------------------------- one run

    /** Plots of a BitTorrent run folder (peers.csv, timeseries.csv); nothing for a run without them. */
    public static List<Path> forRun(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        Path peers = dir.resolve("peers.csv");
        Path summary = dir.resolve("summary.csv");
        double bound = Files.isRegularFile(summary)
                ? Csv.parse(org.bitswarm.cli.run.ResultFiles.readMetrics(summary).get("kumar_ross_bound_s")) : Double.NaN;
        if (Files.isRegularFile(peers)) {
            out.addAll(save(completionCdf(Csv.read(peers), bound), dir.resolve("completion_cdf")));
        }
        Path series = dir.resolve("timeseries.csv");
        if (Files.isRegularFile(series)) {
            Csv.Table t = Csv.read(series);
            List<Mark> marks = Mark.of(dir.resolve("scenario.yaml"));
            out.addAll(save(population(t, marks), dir.resolve("population")));
            out.addAll(save(utilisation(t, marks), dir.resolve("utilisation")));
        }
        return out;
    }

    /** A moment worth marking on a time axis: a timeline event or a group's late flash arrival. */
    record Mark(double time, String label) {
        /** The marks of the scenario a run kept; none if it kept none or it does not load. */
        static List<Mark> of(Path scenario) {
            List<Mark> out = new ArrayList<>();
            if (!Files.isRegularFile(scenario)) {
                return out;
            }
            org.bitswarm.protocol.config.SwarmConfig cfg;
            try {
                cfg = org.bitswarm.scenario.Scenario.load(scenario).settings().section(org.bitswarm.protocol.config.SwarmConfig.class);
            } catch (RuntimeException e) {
                return out;
            }
            for (org.bitswarm.protocol.config.TimelineEvent e : cfg.timeline()) {
                double at = e.at() / 1e9;
                String who = e.group().isEmpty() ? "" : " " + e.group();
                switch (e.kind()) {
                    case TRACKER_OUTAGE -> {
                        String which = e.tracker() >= 0 ? "tracker " + e.tracker()
                                : cfg.trackers().count() == 1 ? "tracker" : "all trackers";
                        out.add(new Mark(at, which + " down"));
                        out.add(new Mark(at + e.duration() / 1e9, which + " back"));
                    }
                    case PAUSE -> out.add(new Mark(at, who.strip() + " pause"));
                    case RESUME -> out.add(new Mark(at, who.strip() + " resume"));
                    case ABORT -> out.add(new Mark(at, who.strip() + " abort"));
                }
            }
            for (org.bitswarm.protocol.config.GroupSpec g : cfg.groups()) {
                if (g.arrival().kind() == org.bitswarm.protocol.config.Enums.ArrivalKind.FLASH && g.arrival().start() > 0) {
                    out.add(new Mark(g.arrival().start() / 1e9, g.name() + " join"));
                }
            }
            out.sort(java.util.Comparator.comparingDouble(Mark::time));
            return out;
        }
    }

    /** Dashed grey vertical lines at the marks, each labelled in the legend with its time. */
    private static void mark(XYChart chart, List<Mark> marks, double yMax, double tMax) {
        Color[] shades = {new Color(0x55, 0x55, 0x55), new Color(0x99, 0x66, 0x00), new Color(0x66, 0x33, 0x99),
            new Color(0x00, 0x66, 0x66)};
        int i = 0;
        for (Mark m : marks) {
            if (m.time() > tMax) {
                continue;
            }
            // a legend entry per mark: a column on the right, which a row below would overflow
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
            XYSeries s = chart.addSeries(m.label() + " (" + compact(m.time()) + " s)", new double[] {m.time(), m.time()},
                    new double[] {0, yMax});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(shades[i++ % shades.length]);
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
    }

    static XYChart completionCdf(Csv.Table peers) {
        return completionCdf(peers, Double.NaN);
    }

    /**
     * Completion-time CDF of each group's downloads in each torrent (seeds excluded): the fraction of that
     * group's downloading sessions finished by time t, with the Kumar-Ross lower bound on the last completion
     * as a vertical line.
     */
    static XYChart completionCdf(Csv.Table peers, double bound) {
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        Map<String, Integer> totals = new LinkedHashMap<>();
        java.util.Set<String> torrents = new java.util.LinkedHashSet<>();
        java.util.Set<String> groupNames = new java.util.LinkedHashSet<>();
        for (LinkedHashMap<String, String> r : peers.rows()) {
            if ("seed".equals(r.get("role"))) {
                continue;
            }
            torrents.add(r.getOrDefault("torrent", ""));
            groupNames.add(r.getOrDefault("group", ""));
        }
        boolean manyTorrents = torrents.size() > 1;
        boolean manyGroups = groupNames.size() > 1;
        for (LinkedHashMap<String, String> r : peers.rows()) {
            if ("seed".equals(r.get("role"))) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            if (manyGroups || !manyTorrents) {
                parts.add(r.getOrDefault("group", "").isEmpty() ? "downloads" : r.get("group"));
            }
            if (manyTorrents) {
                parts.add(r.getOrDefault("torrent", ""));
            }
            String key = String.join(" / ", parts);
            totals.merge(key, 1, Integer::sum);
            List<Double> done = curves.computeIfAbsent(key, k -> new ArrayList<>());
            double d = Csv.parse(r.get("completed_s"));
            if (!Double.isNaN(d)) {
                done.add(d);
            }
        }
        int downloaders = totals.values().stream().mapToInt(Integer::intValue).sum();
        long finished = curves.values().stream().mapToLong(List::size).sum();
        XYChart chart = chart(String.format(Locale.ROOT, "Completion time CDF (%d of %d downloads finished)", finished, downloaders),
                "completion time since start (s)", "fraction of the downloads finished");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        // one decimal: XChart would otherwise put a tick at every step of k/N
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisDecimalPattern(PLAIN);
        // top left: a CDF rises to the right, so that corner stays empty
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        double tMax = 0;
        for (Map.Entry<String, List<Double>> e : curves.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            int total = totals.get(e.getKey());
            addCdf(chart, String.format(Locale.ROOT, "%s (%d of %d)", e.getKey(), e.getValue().size(), total), e.getValue(), total);
            tMax = Math.max(tMax, e.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no download finished", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        if (!Double.isNaN(bound) && bound > 0) {
            XYSeries s = chart.addSeries("Kumar-Ross bound on the last completion (" + compact(bound) + " s)", new double[] {bound, bound},
                    new double[] {0, 1});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.BLACK);
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    /** An empirical CDF as a step line: each finished value raises the curve by 1/total. */
    private static void addCdf(XYChart chart, String name, List<Double> values, int total) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        double[] x = new double[2 * v.size() + 1];
        double[] y = new double[2 * v.size() + 1];
        x[0] = 0;
        y[0] = 0;
        for (int i = 0; i < v.size(); i++) {
            x[2 * i + 1] = v.get(i);
            y[2 * i + 1] = (double) i / total;
            x[2 * i + 2] = v.get(i);
            y[2 * i + 2] = (double) (i + 1) / total;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2f));
    }

    static XYChart population(Csv.Table t) {
        return population(t, List.of());
    }

    /** (client, torrent) sessions present, downloading and seeding; a client in two torrents counts twice. */
    static XYChart population(Csv.Table t, List<Mark> marks) {
        XYChart chart = chart("Swarm population over time", "time (s)", "(client, torrent) sessions present");
        double[] time = column(t, "time_s");
        double[] down = column(t, "leechers");
        double[] up = column(t, "seeds");
        line(chart, "downloading (any role)", time, down, new Color(0xD6, 0x27, 0x28));
        line(chart, "seeding (complete file)", time, up, new Color(0x1F, 0x77, 0xB4));
        double max = 1;
        for (int i = 0; i < time.length; i++) {
            max = Math.max(max, Math.max(down[i], up[i]));
        }
        mark(chart, marks, max, time.length == 0 ? 0 : time[time.length - 1]);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern(PLAIN);
        chart.getStyler().setXAxisDecimalPattern(PLAIN);
        return chart;
    }

    static XYChart utilisation(Csv.Table t) {
        return utilisation(t, List.of());
    }

    static XYChart utilisation(Csv.Table t, List<Mark> marks) {
        XYChart chart = chart("Upload utilisation over time", "time (s)", "upload utilisation (uploaded / upload capacity)");
        double[] time = column(t, "time_s");
        double[] u = column(t, "upload_utilisation");
        line(chart, "upload utilisation", time, u, new Color(0x2C, 0xA0, 0x2C));
        double max = 1.0;
        for (double v : u) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        mark(chart, marks, max, time.length == 0 ? 0 : time[time.length - 1]);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(max);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisDecimalPattern(PLAIN);
        chart.getStyler().setLegendVisible(!marks.isEmpty());
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(x.length <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke(2f));
    }

    private static double[] column(Csv.Table t, String name) {
        if (!t.header().contains(name)) {
            throw new IllegalArgumentException("timeseries.csv has no column " + name);
        }
        List<String> c = t.column(name);
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Csv.parse(c.get(i));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- common

    public static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLocale(Locale.ROOT);
        s.setAntiAlias(true);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart;
    }

    private static String fileName(String metric) {
        return metric.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static double[] col(List<double[]> rows, int k) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[k];
        }
        return out;
    }

    /** Writes {@code base.png}, {@code base.svg} and {@code base.pdf}, each to a temporary sibling moved into place. */
    static List<Path> save(XYChart chart, Path base) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String format : FORMATS) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            switch (format) {
                case "png" -> BitmapEncoder.saveBitmap(chart, bytes, BitmapEncoder.BitmapFormat.PNG);
                case "svg" -> VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                default -> VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
            }
            Path file = base.resolveSibling(base.getFileName() + "." + format);
            write(file, bytes.toByteArray());
            out.add(file);
        }
        return out;
    }

    /** Writes one PNG (the validation report's plots), to a temporary sibling moved into place. */
    public static void savePng(XYChart chart, Path file) throws IOException {
        write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void write(Path file, byte[] content) throws IOException {
        org.bitswarm.cli.run.ResultFiles.writeAtomically(file, content);
    }
}
