package org.bitswarm.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Confidence intervals against a hand-computed case, and the number format of the tables. */
class StatsTest {
    @Test
    void studentTIntervalOfOneToFour() {
        Stats s = Stats.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-12);
        // sd = sqrt(((1.5^2 + 0.5^2) * 2) / 3) = sqrt(5/3)
        assertEquals(1.2909944487, s.sd(), 1e-9);
        // t(0.975, 3) = 3.182446305; half-width = t * sd / sqrt(4)
        assertEquals(3.182446305 * Math.sqrt(5.0 / 3) / 2, s.ci95(), 1e-8);
        assertEquals(2.0542602, s.ci95(), 1e-6);
    }

    @Test
    void oneValueHasNoSpread() {
        Stats s = Stats.of(List.of(7.0));
        assertEquals(7.0, s.mean());
        assertTrue(Double.isNaN(s.sd()));
        assertTrue(Double.isNaN(s.ci95()));
        assertEquals("", Csv.number(s.sd()));
    }

    @Test
    void numbersArePlainAndLocaleFree() {
        assertEquals("2.5", Csv.number(2.5));
        assertEquals("399600", Csv.number(399600.0));
        assertEquals("0.333333333333", Csv.number(1.0 / 3));
        assertEquals("0", Csv.number(-0.0));
        assertEquals("1.5E-7", Csv.number(1.5e-7));
        assertEquals("1.91976491748E-6", Csv.number(1.91976491748e-6));
        assertEquals("2E15", Csv.number(2e15));
        assertEquals("a,\"b,c\",\"d\"\"e\"\n", Csv.row(List.of("a", "b,c", "d\"e")));
        assertEquals(List.of(List.of("a", "b,c", "d\"e")), Csv.records("a,\"b,c\",\"d\"\"e\"\n"));
    }
}
