package org.bitswarm.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * manifest.json's {@code resolved} block is a scenario in the scenario's own units: for every example, the
 * settings written as a tree, put through JSON (as the manifest stores it) and bound again, are equal.
 */
class ResolvedScenarioTest {

    @Test
    void everyExampleRoundTripsThroughJson() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("scenarios"))) {
            dir = dir.getParent();
        }
        int n = 0;
        try (Stream<Path> files = Files.list(dir.resolve("scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                RunSettings s = Scenario.load(f).settings();
                String json = new ObjectMapper().writeValueAsString(ResolvedScenario.tree(s));
                Scenario back = Scenario.fromTree(Path.of("resolved.json"), "", Scenario.parse("resolved.json", json));
                assertEquals(s, back.settings(), f.getFileName().toString());
                n++;
            }
        }
        assertTrue(n >= 10, "examples: " + n);
    }

    @Test
    void durationsInSecondsWithTheirUnitSizesAndRatesBare() throws Exception {
        Path f = Files.createTempFile("resolved", ".yaml");
        try {
            Files.writeString(f, """
                    model: phold
                    end_time: 30min
                    phold: {lookahead: 250us, mean_delay: 1ms}
                    """);
            Map<String, Object> t = ResolvedScenario.tree(Scenario.load(f).settings());
            assertEquals("1800s", t.get("end_time"));
            assertEquals("phold", t.get("model"));
            @SuppressWarnings("unchecked")
            Map<String, Object> ph = (Map<String, Object>) t.get("phold");
            assertEquals("0.00025s", ph.get("lookahead"));
            assertEquals("0.001s", ph.get("mean_delay"));
            assertTrue(!t.containsKey("bittorrent"), "only the chosen model's section: " + List.copyOf(t.keySet()));
        } finally {
            Files.delete(f);
        }
    }

    /** A pluggable strategy, as the binder knows them: an interface with a static kinds() map. */
    interface Strategy {
        static Map<String, Class<? extends Record>> kinds() {
            java.util.LinkedHashMap<String, Class<? extends Record>> m = new java.util.LinkedHashMap<>();
            m.put("fast", Fast.class);
            m.put("slow", Slow.class);
            return m;
        }
    }

    record Fast(int slots) implements Strategy {}

    record Slow(@org.bitswarm.engine.config.Unit(org.bitswarm.engine.config.Unit.Kind.DURATION) long delay) implements Strategy {}

    record Holder(Strategy strategy, List<Strategy> more) {}

    @Test
    void strategyBlocksNameTheirKind() {
        Map<String, Object> t = ResolvedScenario.record(new Holder(new Slow(2_000_000_000L), List.of(new Fast(4))));
        assertEquals(Map.of("kind", "slow", "delay", "2s"), t.get("strategy"));
        assertEquals(List.of(Map.of("kind", "fast", "slots", 4)), t.get("more"));
        assertEquals("kind", ((Map<?, ?>) t.get("strategy")).keySet().iterator().next(), "kind first");
    }
}
