package org.bitswarm.cli.run;

import java.util.LinkedHashMap;
import org.bitswarm.engine.ByteReader;
import org.bitswarm.engine.Model;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.engine.phold.PholdConfig;
import org.bitswarm.scenario.RunSettings;

/** PHOLD: the engine benchmark. */
final class PholdRun implements ModelRun {
    private final PholdConfig phold;

    PholdRun(RunSettings settings, PholdConfig phold) {
        this.phold = phold;
    }

    @Override
    public Model model() {
        return phold.model();
    }

    @Override
    public LinkedHashMap<String, String> summary(RunResult r) {
        long hops = 0;
        long maxHops = 0;
        for (RunResult.EntityReport e : r.reports()) {
            ByteReader in = e.reader();
            long h = in.getLong();
            hops += h;
            maxHops = Math.max(maxHops, h);
        }
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        m.put("entities", Long.toString(phold.entities()));
        m.put("jobs", Long.toString(phold.entities() * phold.jobsPerEntity()));
        m.put("events", Long.toString(r.events()));
        m.put("windows", Long.toString(r.windows()));
        m.put("hops", Long.toString(hops));
        m.put("max_hops_per_entity", Long.toString(maxHops));
        m.put("last_event_s", Ticks.format(r.lastEventTime()));
        return m;
    }

    @Override
    public String humanSummary(LinkedHashMap<String, String> s) {
        return "PHOLD: " + s.get("events") + " events in " + s.get("windows") + " windows, last event at "
                + s.get("last_event_s") + " s";
    }
}
