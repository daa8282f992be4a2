package org.bitswarm.protocol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bitswarm.engine.Ticks;
import org.junit.jupiter.api.Test;

/** The receiver's downlink in its two models, through the link scheduler's interface. */
class DownlinkPacerTest {
    static final int WIRE = 16 * 1024 + 13;
    static final long DOWN = 2_000_000;
    static final long TX = Ticks.transmission(WIRE, DOWN);

    static BlockRoundRobin links(Downlink d) {
        return new BlockRoundRobin((ctx, flow, key, after) -> 0, d);
    }

    @Test
    void aCancelledRequestGivesItsReservationBack() {
        BlockRoundRobin l = links(Downlink.RESERVE_AT_REQUEST);
        assertEquals(0, l.reserveDownlink(0, WIRE, DOWN));
        assertEquals(TX, l.reserveDownlink(0, WIRE, DOWN));
        assertEquals(2 * TX, l.reserveDownlink(0, WIRE, DOWN));
        // An endgame duplicate is cancelled: its block will not come, so its downlink time is free again and the
        // next request waits two block times, not three (before issue 11 the reservation was kept).
        l.releaseDownlink(0, WIRE, DOWN);
        assertEquals(2 * TX, l.reserveDownlink(0, WIRE, DOWN));
        // Time already elapsed cannot be given back: once the reservations are over, a release changes nothing.
        l.releaseDownlink(10 * TX, WIRE, DOWN);
        assertEquals(0, l.reserveDownlink(10 * TX, WIRE, DOWN));
        // Reservation mode does not pace arrivals.
        assertEquals(0, l.arriveDownlink(10 * TX, WIRE, DOWN));
        assertEquals(0, l.arriveDownlink(10 * TX, WIRE, DOWN));
    }

    @Test
    void pacedArrivalsAreSpacedByOneBlockTimeFirstComeFirstServed() {
        BlockRoundRobin l = links(Downlink.PACED);
        // Requests leave at once.
        assertEquals(0, l.reserveDownlink(0, WIRE, DOWN));
        assertEquals(0, l.reserveDownlink(0, WIRE, DOWN));
        // Three blocks cross the network together: the first is received at once, the others one and two block
        // times later.
        long t = 5 * Ticks.SECOND;
        assertEquals(0, l.arriveDownlink(t, WIRE, DOWN));
        assertEquals(TX, l.arriveDownlink(t, WIRE, DOWN));
        assertEquals(2 * TX, l.arriveDownlink(t, WIRE, DOWN));
        // A block arriving while the line is busy waits behind it; a short block takes its own, shorter time.
        assertEquals(2 * TX + Ticks.transmission(1013, DOWN) - TX / 2, l.arriveDownlink(t + TX / 2, 1013, DOWN));
        // After the line drained, a block spaced by at least one block time from the last one is received at once.
        long free = t + 2 * TX + Ticks.transmission(1013, DOWN);
        assertEquals(0, l.arriveDownlink(free + TX, WIRE, DOWN));
        // ... and one arriving sooner than a block time after it waits for the rest of that time.
        assertEquals(TX / 3, l.arriveDownlink(free + TX + TX - TX / 3, WIRE, DOWN));
        // Releases mean nothing here (no reservation was made).
        l.releaseDownlink(free, WIRE, DOWN);
        assertEquals(0, l.reserveDownlink(free, WIRE, DOWN));
    }
}
