package org.bitswarm.sweep;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Mean, sample standard deviation and the 95% Student-t confidence half-width of replications. */
public record Stats(long n, double mean, double sd, double ci95) {

    /** NaN sd and ci95 when n < 2; all NaN when n = 0. */
    public static Stats of(List<Double> values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        long n = s.getN();
        if (n == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        if (n == 1) {
            return new Stats(1, s.getMean(), Double.NaN, Double.NaN);
        }
        double sd = s.getStandardDeviation();
        double t = new TDistribution(null, n - 1.0).inverseCumulativeProbability(0.975);
        return new Stats(n, s.getMean(), sd, t * sd / Math.sqrt(n));
    }
}
