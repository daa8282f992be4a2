package org.bitswarm.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Slurm's compact host lists expand as {@code scontrol show hostnames} prints them; bad ones are refused. */
class SlurmHostListTest {

    @Test
    void expandsRangesListsAndPadding() {
        assertEquals(List.of("node01", "node02", "node03", "node07"), HostList.expand("node[01-03,07]"));
        assertEquals(List.of("a1", "b", "c08", "c09", "c10"), HostList.expand("a1,b,c[08-10]"));
        assertEquals(List.of("h1"), HostList.expand(" h1 "));
        assertEquals(List.of("n9", "n10", "n11"), HostList.expand("n[9-11]"), "no padding without a leading zero");
        assertEquals(List.of("x007", "x008"), HostList.expand("x[007-008]"));
    }

    @Test
    void expandsSeveralBracketsAsAProduct() {
        assertEquals(List.of("rack1-n1", "rack1-n2", "rack2-n1", "rack2-n2", "login"),
                HostList.expand("rack[1-2]-n[1-2],login"));
        assertEquals(List.of("gpu1.cluster", "gpu3.cluster"), HostList.expand("gpu[1,3].cluster"));
    }

    @Test
    void refusesMalformedLists() {
        for (String bad : List.of("", ",", "a,,b", "node[1-", "node1]", "node[]", "node[3-1]", "node[a-b]",
                "node[1-2", "node[[1]]", "n[1--2]")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostList.expand(bad), bad);
            assertTrue(e.getMessage().contains("\"" + bad.strip() + "\"") || e.getMessage().contains("\"" + bad + "\""),
                    e.getMessage());
        }
    }

    @Test
    void refusesAListFarLargerThanAnyCluster() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostList.expand("n[1-999999999]"));
        assertTrue(e.getMessage().startsWith("more than " + HostList.MAX_HOSTS), e.getMessage());
    }

    @Test
    void ranksArePlacedAsMpjRunPlacesThem() {
        // as many hosts as ranks or more: rank r on host r
        assertEquals(List.of("a", "b"), RemoteRun.place(2, List.of("a", "b", "c")));
        // more ranks: consecutive blocks, the first np % hosts hosts take one more
        assertEquals(List.of("a", "a", "a", "b", "b", "c", "c"), RemoteRun.place(7, List.of("a", "b", "c")));
        assertEquals(List.of("a", "a", "a"), RemoteRun.place(3, List.of("a")));
    }

    @Test
    void shellQuotingSurvivesAPosixShell() throws Exception {
        String word = "it's a \"word\" with $HOME, `ticks` and \\ backslash";
        Process p = new ProcessBuilder("/bin/sh", "-c", "printf %s " + RemoteRun.quote(word)).start();
        assertEquals(word, new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, p.waitFor());
        assertEquals("plain/path-1.jar", RemoteRun.quote("plain/path-1.jar"));
    }
}
