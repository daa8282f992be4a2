package org.bitswarm.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.bitswarm.sweep.Csv;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scaling benchmark's plots (scripts/bench-scale.sh): from a CSV with columns clients, ranks, wall_s and
 * live_heap_bytes_per_client, wall time and live heap against the number of clients on log-log axes, one
 * series per rank count, each labelled with the exponent b of a least-squares fit {@code y = a N^b} (b = 1 is
 * linear cost). Writes {@code scale_wall} and {@code scale_memory} (.png, .svg and .pdf) beside the CSV and prints the fits.
 * {@code java -cp bitswarm.jar org.bitswarm.plot.ScalePlot scale.csv}
 */
public final class ScalePlot {
    private ScalePlot() {}

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]);
        Csv.Table t = Csv.read(csv);
        Path dir = csv.toAbsolutePath().getParent();
        XYChart wall = loglog(t, "wall_s", 1, "Wall time against swarm size", "wall time (s)");
        XYChart mem = loglog(t, "live_heap_bytes_per_client", 1.0 / (1 << 20), "Live heap against swarm size",
                "live heap at the end (MiB)");
        Plots.save(wall, dir.resolve("scale_wall"));
        Plots.save(mem, dir.resolve("scale_memory"));
    }

    /** y against clients; for memory the per-client column times clients (the whole live heap), scaled. */
    private static XYChart loglog(Csv.Table t, String column, double scale, String title, String yTitle) {
        TreeMap<Integer, List<double[]>> byRanks = new TreeMap<>();
        for (var row : t.rows()) {
            double n = Csv.parse(row.get("clients"));
            double y = Csv.parse(row.get(column));
            if (column.endsWith("_per_client")) {
                y *= n;
            }
            if (n > 0 && y > 0) {
                byRanks.computeIfAbsent((int) Csv.parse(row.get("ranks")), k -> new ArrayList<>()).add(new double[] {n, y * scale});
            }
        }
        XYChart chart = Plots.chart(title, "clients", yTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
        int c = 0;
        for (var e : byRanks.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
            }
            String ranks = e.getKey() + (e.getKey() == 1 ? " rank" : " ranks");
            String name = ranks;
            if (x.length >= 2) {
                double b = exponent(x, y);
                name += String.format(Locale.ROOT, ", fit N^%.2f", b);
                System.out.printf(Locale.ROOT, "%s, %s: grows as N^%.3f over N = %.0f..%.0f%n", yTitle, ranks, b,
                        x[0], x[x.length - 1]);
            }
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(colors[c % colors.length]);
            s.setMarkerColor(colors[c % colors.length]);
            c++;
        }
        return chart;
    }

    /** Least-squares slope of log y on log x. */
    static double exponent(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }
}
