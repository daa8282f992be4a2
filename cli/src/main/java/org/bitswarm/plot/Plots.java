package org.bitswarm.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots drawn from result CSV files alone (headless; run the JVM with -Djava.awt.headless=true):
 *
 * <ul>
 *   <li>{@link #forSweep}: from points.csv, each metric's mean against the first numeric axis, with 95% CI error
 *       bars, one series per combination of the other axes: {@code DIR/plots/<metric>.png};
 *   <li>{@link #forRun}: from a BitTorrent run's peers.csv and timeseries.csv, {@code completion_cdf.png},
 *       {@code population.png} and {@code utilisation.png} in the run folder.
 * </ul>
 *
 * Each PNG is written to a temporary file and moved into place. Also runnable:
 * {@code java -cp bitswarm.jar org.bitswarm.plot.Plots DIR...} (a sweep folder or a run folder).
 */
public final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
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
            Path f = plots.resolve(fileName(c.getKey()) + ".png");
            save(c.getValue(), f);
            out.add(f);
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
        List<String> axes = t.header().subList(1, nCol);
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
            // geometric axes are drawn at log2 of the value, labelled with the value (see below)
            x[i] = xs == null ? i : xs.logarithmic() ? Math.log(xs.values()[i]) / Math.log(2) : xs.values()[i];
        }
        String xTitle = xAxis == null ? "point (row of points.csv)" : xAxis + (xs.unit().isEmpty() ? "" : " (" + xs.unit() + ")") + (xs.logarithmic() ? ", log scale" : "");
        // series: one per combination of the other axes' values, in order of first appearance
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < t.rows().size(); i++) {
            List<String> parts = new ArrayList<>();
            for (String o : others) {
                parts.add(o + "=" + t.rows().get(i).get(o));
            }
            groups.computeIfAbsent(parts.isEmpty() ? "mean ± 95% CI" : String.join(", ", parts), k -> new ArrayList<>()).add(i);
        }
        Map<String, XYChart> charts = new LinkedHashMap<>();
        for (String m : metrics) {
            XYChart chart = chart(m + " against " + (xAxis == null ? "point" : xAxis), xTitle, m);
            chart.getStyler().setLegendVisible(groups.size() > 1);
            if (xs != null && xs.logarithmic()) {
                // XChart's own log axis labels decades only; whole log2 positions read 128, 256, 512 ...
                chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9
                        ? compact(Math.pow(2, Math.rint(v))) : "");
            }
            boolean any = false;
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                List<double[]> pts = new ArrayList<>();
                for (int i : g.getValue()) {
                    double y = Csv.parse(t.rows().get(i).get(m + "_mean"));
                    double ci = Csv.parse(t.rows().get(i).getOrDefault(m + "_ci95", ""));
                    if (!Double.isNaN(y) && !Double.isNaN(x[i])) {
                        pts.add(new double[] {x[i], y, Double.isNaN(ci) ? 0 : ci});
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

    /**
     * A numeric sweep axis: the values in one display unit, and whether they grow geometrically (then the axis
     * is drawn on a log scale). Values in one unit keep it ({@code 128KiB, 512KiB} in KiB); sizes, rates or
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

        /** At least three distinct positive values, each about the same factor (at least 1.5) above the last. */
        static boolean geometric(double[] values) {
            double[] d = Arrays.stream(values).distinct().sorted().toArray();
            if (d.length < 3 || d[0] <= 0) {
                return false;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (int i = 1; i < d.length; i++) {
                double r = d[i] / d[i - 1];
                lo = Math.min(lo, r);
                hi = Math.max(hi, r);
            }
            return lo >= 1.5 && hi <= 4 * lo;
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
        if (Files.isRegularFile(peers)) {
            Path f = dir.resolve("completion_cdf.png");
            save(completionCdf(Csv.read(peers)), f);
            out.add(f);
        }
        Path series = dir.resolve("timeseries.csv");
        if (Files.isRegularFile(series)) {
            Csv.Table t = Csv.read(series);
            Path f = dir.resolve("population.png");
            save(population(t), f);
            out.add(f);
            f = dir.resolve("utilisation.png");
            save(utilisation(t), f);
            out.add(f);
        }
        return out;
    }

    /** CDF over the downloading peers (not seeds) of each torrent: completion time, and download time. */
    static XYChart completionCdf(Csv.Table peers) {
        Map<String, List<double[]>> byTorrent = new LinkedHashMap<>();
        for (LinkedHashMap<String, String> r : peers.rows()) {
            if ("seed".equals(r.get("role"))) {
                continue;
            }
            double joined = Csv.parse(r.get("joined_s"));
            double done = Csv.parse(r.get("completed_s"));
            byTorrent.computeIfAbsent(r.getOrDefault("torrent", ""), k -> new ArrayList<>()).add(new double[] {joined, done});
        }
        int downloaders = byTorrent.values().stream().mapToInt(List::size).sum();
        long finished = byTorrent.values().stream().flatMap(List::stream).filter(p -> !Double.isNaN(p[1])).count();
        XYChart chart = chart(String.format(Locale.ROOT, "Completion time CDF (%d of %d downloads finished)", finished, downloaders),
                "time (s)", "fraction of downloading peers");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        // one decimal: XChart would otherwise put a tick at every step of k/N
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        boolean many = byTorrent.size() > 1;
        for (Map.Entry<String, List<double[]>> e : byTorrent.entrySet()) {
            List<double[]> ps = e.getValue();
            List<Double> completion = new ArrayList<>();
            List<Double> download = new ArrayList<>();
            for (double[] p : ps) {
                if (!Double.isNaN(p[1])) {
                    completion.add(p[1]);
                    download.add(p[1] - (Double.isNaN(p[0]) ? 0 : p[0]));
                }
            }
            String suffix = many ? " (" + e.getKey() + ")" : "";
            if (completion.isEmpty()) {
                continue;
            }
            addCdf(chart, "completion time (since t = 0)" + suffix, completion, ps.size());
            boolean sameAsCompletion = completion.equals(download);
            if (!sameAsCompletion) {
                addCdf(chart, "download time (completed − joined)" + suffix, download, ps.size());
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no download finished", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
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
        XYChart chart = chart("Population over time", "time (s)", "peers");
        double[] time = column(t, "time_s");
        line(chart, "leechers (downloading)", time, column(t, "leechers"), new Color(0xD6, 0x27, 0x28));
        line(chart, "seeds (complete)", time, column(t, "seeds"), new Color(0x1F, 0x77, 0xB4));
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    static XYChart utilisation(Csv.Table t) {
        XYChart chart = chart("Upload utilisation over time", "time (s)", "uploaded / upload capacity");
        double[] u = column(t, "upload_utilisation");
        line(chart, "upload utilisation", column(t, "time_s"), u, new Color(0x2C, 0xA0, 0x2C));
        double max = 1.0;
        for (double v : u) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(max);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setLegendVisible(false);
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

    /** Writes the PNG to a temporary sibling and moves it into place. */
    public static void save(XYChart chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, png);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
