package org.bitswarm.validation;

import java.util.Locale;

/**
 * One line of a validation table: a case, its formula, the predicted and the measured value and a verdict.
 * {@code kind} says how the two are compared: a hard bound (measured must not be below the prediction, ratio up
 * to {@code limit} passes), a closed form (within {@code limit} of the prediction, never below it), or a
 * two-sided tolerance (|ratio - 1| <= limit; fluid models are not bounds).
 */
record Row(String name, String formula, double predicted, double measured, Kind kind, double limit) {
    enum Kind { BOUND, EXACT, TOLERANCE }

    double ratio() {
        return measured / predicted;
    }

    boolean beatsPhysics() {
        return kind != Kind.TOLERANCE && measured < predicted * (1 - 1e-9);
    }

    boolean passes() {
        if (Double.isNaN(measured)) {
            return false;
        }
        return switch (kind) {
            case BOUND -> !beatsPhysics() && ratio() <= limit;
            case EXACT -> !beatsPhysics() && ratio() - 1 <= limit;
            case TOLERANCE -> Math.abs(ratio() - 1) <= limit;
        };
    }

    String verdict() {
        if (beatsPhysics()) {
            return "**FAIL: beats the bound**";
        }
        String goal = switch (kind) {
            case BOUND -> String.format(Locale.ROOT, "ratio <= %.2f", limit);
            case EXACT -> String.format(Locale.ROOT, "within %.0f %% above", 100 * limit);
            case TOLERANCE -> String.format(Locale.ROOT, "within +-%.0f %%", 100 * limit);
        };
        return (passes() ? "pass (" : "**miss** (") + goal + ")";
    }

    String markdown() {
        return "| " + name + " | " + formula + " | " + num(predicted) + " | " + num(measured) + " | "
                + String.format(Locale.ROOT, "%.3f", ratio()) + " | " + verdict() + " |";
    }

    static String header() {
        return "| case | formula | predicted | measured | ratio | verdict |\n|---|---|---:|---:|---:|---|";
    }

    static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
