package org.bitswarm.validation;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.nonstiff.ClassicalRungeKuttaIntegrator;

/**
 * The Qiu-Srikant fluid model of an open swarm (SIGCOMM 2004), with a permanent seed's upload added to the
 * supply: leechers x and seeds y evolve as
 * <pre>
 *   dx/dt = lambda(t) - min(c x, mu (eta x + y) + mu_s)
 *   dy/dt = min(c x, mu (eta x + y) + mu_s) - gamma y
 * </pre>
 * with arrival rate lambda (per second, zero after {@code arrivalsEnd}), upload mu and download c in files per
 * second, sharing efficiency eta, seeds leaving at rate gamma and a permanent seed of upload mu_s. Integrated with
 * commons-math3's classical Runge-Kutta at a fixed step (the min() makes the right-hand side only piecewise
 * smooth, which a fixed small step handles without step-size control chattering).
 */
record Fluid(double lambda, double arrivalsEnd, double mu, double c, double eta, double gamma, double muSeed) {

    /** Steady-state mean download time: max(1/c, (1/eta)(1/mu - 1/gamma - mu_s/(mu lambda))). */
    double steadyDownloadTime() {
        return Math.max(1 / c, (1 / eta) * (1 / mu - 1 / gamma - muSeed / (mu * lambda)));
    }

    /** Whether the upload term sets the steady state (it exceeds the download time 1/c). */
    boolean uploadBound() {
        return (1 / eta) * (1 / mu - 1 / gamma - muSeed / (mu * lambda)) > 1 / c;
    }

    /** The same model with another sharing efficiency. */
    Fluid withEta(double v) {
        return new Fluid(lambda, arrivalsEnd, mu, c, v, gamma, muSeed);
    }

    /** x(t), y(t) at the given times (ascending, from 0), starting empty. */
    double[][] trajectory(double[] times) {
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public void computeDerivatives(double t, double[] s, double[] d) {
                double x = Math.max(0, s[0]);
                double y = Math.max(0, s[1]);
                double in = t < arrivalsEnd ? lambda : 0;
                double served = Math.min(c * x, mu * (eta * x + y) + muSeed);
                d[0] = in - served;
                d[1] = served - gamma * y;
            }
        };
        FirstOrderIntegrator rk = new ClassicalRungeKuttaIntegrator(0.05);
        double[][] out = new double[times.length][];
        double[] state = {0, 0};
        double t = 0;
        for (int i = 0; i < times.length; i++) {
            if (times[i] > t) {
                rk.integrate(ode, t, state, times[i], state);
                t = times[i];
            }
            out[i] = new double[] {state[0], state[1]};
        }
        return out;
    }
}
