package org.bitswarm.protocol.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntSortedMapTest {

    /** Random puts, removes and lookups against java.util.TreeMap, comparing the in-order iteration often. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void behavesLikeTreeMap(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int range : new int[] {5, 60, 1000}) {
            IntSortedMap<String> m = new IntSortedMap<>();
            TreeMap<Integer, String> ref = new TreeMap<>();
            for (int op = 0; op < 20_000; op++) {
                int k = rnd.nextInt(range) - range / 3;
                int what = rnd.nextInt(100);
                if (what < 45) {
                    String v = "v" + rnd.nextInt(50);
                    assertEquals(ref.put(k, v), m.put(k, v));
                } else if (what < 80) {
                    assertEquals(ref.remove(k), m.remove(k));
                } else if (what < 98) {
                    assertEquals(ref.get(k), m.get(k));
                    assertEquals(ref.containsKey(k), m.containsKey(k));
                } else if (rnd.nextInt(10) == 0) {
                    ref.clear();
                    m.clear();
                }
                assertEquals(ref.size(), m.size());
                if (op % 97 == 0) {
                    assertEquals(new ArrayList<>(ref.entrySet()), entries(m));
                    assertEquals(new ArrayList<>(ref.values()), new ArrayList<>(m.values()));
                    assertEquals(ref.size(), m.values().size());
                    if (!ref.isEmpty()) {
                        assertEquals(ref.firstKey(), m.firstKey());
                    }
                }
            }
        }
    }

    private static List<Map.Entry<Integer, String>> entries(IntSortedMap<String> m) {
        List<Map.Entry<Integer, String>> l = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            l.add(Map.entry(m.keyAt(i), m.valueAt(i)));
        }
        return l;
    }

    @Test
    void replacingKeepsTheSlotAndNullIsRefused() {
        IntSortedMap<Object> m = new IntSortedMap<>();
        Object a = new Object();
        m.put(3, "x");
        m.put(3, a);
        assertSame(a, m.valueAt(0));
        assertEquals(1, m.size());
        assertThrows(IllegalArgumentException.class, () -> m.put(1, null));
        assertThrows(IndexOutOfBoundsException.class, () -> m.keyAt(1));
    }
}
