package org.bitswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;

class RandomStreamsTest {
    private static final long[] DEFAULT_SEED = {12345, 12345, 12345, 12345, 12345, 12345};

    @Test
    void streamZeroOfTheDefaultSeedGivesThePublishedOutputs() {
        RandomStream s = new RandomStreams(DEFAULT_SEED, 0).streamNumber(0);
        assertEquals(0.1270111220, s.nextDouble(), 1e-10);
        assertEquals(0.3185275654, s.nextDouble(), 1e-10);
        assertEquals(0.3091860156, s.nextDouble(), 1e-10);
    }

    @Test
    void streamNIsTheNthStreamSsjWouldCreate() {
        MRG32k3a.setPackageSeed(DEFAULT_SEED);
        MRG32k3a[] ssj = new MRG32k3a[40];
        for (int n = 0; n < ssj.length; n++) {
            ssj[n] = new MRG32k3a();
        }
        RandomStreams direct = new RandomStreams(DEFAULT_SEED, 0);
        for (int n = ssj.length - 1; n >= 0; n--) {
            RandomStream mine = direct.streamNumber(n);
            for (int i = 0; i < 5; i++) {
                assertEquals(ssj[n].nextDouble(), mine.nextDouble(), 0.0, "stream " + n);
            }
        }
    }

    @Test
    void creatingStreamsLeavesSsjsPackageSeedAlone() {
        RandomStreams direct = new RandomStreams(DEFAULT_SEED, 2); // class initialisation done before the seed is set
        MRG32k3a.setPackageSeed(DEFAULT_SEED);
        for (int n = 0; n < 100; n++) {
            direct.stream(n, n % RandomStreams.PURPOSES).nextDouble();
        }
        // SSJ's next stream is still its first one: ours were built without reading or advancing the static seed.
        assertEquals(new RandomStreams(DEFAULT_SEED, 0).streamNumber(0).nextDouble(), new MRG32k3a().nextDouble(), 0.0);
    }

    @Test
    void replicationRIsSubstreamR() {
        MRG32k3a.setPackageSeed(DEFAULT_SEED);
        MRG32k3a ssj = new MRG32k3a();
        for (int r = 0; r < 3; r++) {
            ssj.resetNextSubstream();
        }
        RandomStream mine = new RandomStreams(DEFAULT_SEED, 3).streamNumber(0);
        assertEquals(ssj.nextDouble(), mine.nextDouble(), 0.0);
    }

    @Test
    void streamsDependOnlyOnSeedEntityAndPurpose() {
        RandomStreams a = new RandomStreams(99, 0);
        RandomStreams b = new RandomStreams(99, 0);
        b.stream(5, 3); // creation order must not matter
        assertEquals(a.stream(7, 2).nextDouble(), b.stream(7, 2).nextDouble(), 0.0);
        assertNotEquals(a.stream(7, 2).nextDouble(), a.stream(7, 3).nextDouble());
        assertNotEquals(a.stream(7, 2).nextDouble(), new RandomStreams(100, 0).stream(7, 2).nextDouble());
        // Huge entity ids jump far without overflow.
        new RandomStreams(1, 0).stream(1L << 40, 15).nextDouble();
    }
}
