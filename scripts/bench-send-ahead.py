#!/usr/bin/env python3
"""Events per unit of work with and without links.send_ahead (issue 14, goal 5), side by side.

A benchmark, not a test: for each seed, each case is run once per send_ahead value, one after the other (so a
noisy machine perturbs all values alike), on one rank with --dev local; every figure comes from the run's own
manifest.json and summary.csv. Prints one row per run and, per case and value, the medians over the seeds and the
ratios to the first value; writes the rows to OUT/send_ahead.tsv and keeps each run's folder in OUT/runs/.

  scripts/bench-send-ahead.py [--cases quickstart,flash-crowd,bench] [--send-ahead 0,200ms,500ms]
                              [--seeds 1,2,3] [--bench-end 300s] [--heap 3g] [--out DIR]

Cases: quickstart (scenarios/quickstart.yaml), flash-crowd (validation/cases/flash-crowd.yaml at its largest
point, 100 peers, one replication), bench (scenarios/bench-peersim-1000.yaml with end_time cut to --bench-end),
tracker-outage (scenarios/tracker-outage.yaml). BITSWARM_JAR=FILE runs that jar (java -jar) instead of ./bitswarm.
Default DIR: results/send-ahead (results/ is not committed).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def scenario(case, ahead, bench_end):
    """The case's scenario text with protocol.links.send_ahead set to ahead."""
    def read(p):
        with open(os.path.join(ROOT, p), encoding="utf-8") as f:
            return f.read()

    def sub(s, old, new):
        if old not in s:
            sys.exit("bench-send-ahead: the %s scenario changed; cannot find %r" % (case, old))
        return s.replace(old, new, 1)

    if case == "quickstart":
        s = read("scenarios/quickstart.yaml")
        return sub(s, "  network: {latency:", "  protocol: {links: {send_ahead: %s}}\n  network: {latency:" % ahead)
    if case == "flash-crowd":
        s = read("validation/cases/flash-crowd.yaml")
        s = s[:s.index("\nsweep:")] + "\n"
        s = sub(s, "replications: 3\n", "")
        s = sub(s, "count: 30, torrents: [{torrent: file, role: peer}]", "count: 100, torrents: [{torrent: file, role: peer}]")
        return sub(s, "  payload: digest\n", "  payload: digest\n  protocol: {links: {send_ahead: %s}}\n" % ahead)
    if case == "bench":
        s = read("scenarios/bench-peersim-1000.yaml")
        s = sub(s, "end_time: 30min", "end_time: " + bench_end)
        return sub(s, "  protocol:\n", "  protocol:\n    links: {send_ahead: %s}\n" % ahead)
    if case == "tracker-outage":
        s = read("scenarios/tracker-outage.yaml")
        return sub(s, "  protocol: {pex:", "  protocol: {links: {send_ahead: %s}, pex:" % ahead)
    sys.exit("bench-send-ahead: unknown case " + case)


def command(yaml, out, seed, heap):
    jar = os.environ.get("BITSWARM_JAR")
    front = ["java", "-jar", jar] if jar else [os.path.join(ROOT, "bitswarm")]
    return ["nice", "-n", "5"] + front + ["run", yaml, "--dev", "local", "--np", "1", "--seed", seed, "--heap", heap,
                                          "--out", out, "--force", "--progress", "off"]


FIELDS = ["case", "send_ahead", "seed", "events", "events_per_client_s", "wall_s", "completed", "first_s", "mean_s",
          "last_s", "upload_utilisation", "duplicate_bytes", "uploaded_bytes", "event_digest"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default="quickstart,flash-crowd,bench")
    ap.add_argument("--send-ahead", default="0,200ms,500ms")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--bench-end", default="300s")
    ap.add_argument("--heap", default="3g")
    ap.add_argument("--out", default=os.path.join(ROOT, "results", "send-ahead"))
    a = ap.parse_args()
    os.makedirs(os.path.join(a.out, "runs"), exist_ok=True)
    values = a.send_ahead.split(",")
    rows = []
    print("\t".join(FIELDS), flush=True)
    for seed in a.seeds.split(","):
        for case in a.cases.split(","):
            for v in values:
                name = "%s-%s-s%s-%d" % (case, v, seed, len(rows))
                yaml = os.path.join(a.out, "runs", name + ".yaml")
                with open(yaml, "w", encoding="utf-8") as f:
                    f.write(scenario(case, v, a.bench_end))
                d = os.path.join(a.out, "runs", name)
                r = subprocess.run(command(yaml, d, seed, a.heap), capture_output=True, text=True)
                if r.returncode != 0:
                    print("bench-send-ahead: %s failed (exit %d): %s" % (name, r.returncode, r.stderr.strip()[-500:]),
                          file=sys.stderr)
                    continue
                with open(os.path.join(d, "manifest.json"), encoding="utf-8") as f:
                    m = json.load(f)
                with open(os.path.join(d, "summary.csv"), encoding="utf-8") as f:
                    s = dict(line.strip().split(",", 1) for line in f if "," in line)
                clients = int(s["peers"])
                # per simulated second of the run: to its last event (a run that stops once all are done ends early)
                row = [case, v, seed, m["events"], "%.2f" % (m["events"] / clients / float(m["last_event_s"])),
                       "%.1f" % m["wall_seconds"], s["completed"], s["first_completion_s"], s["mean_completion_s"],
                       s["last_completion_s"], s["upload_utilisation"], s["duplicate_bytes"], s["uploaded_bytes"],
                       m["event_digest"][:16]]
                rows.append(dict(zip(FIELDS, row)))
                print("\t".join(str(x) for x in row), flush=True)
    with open(os.path.join(a.out, "send_ahead.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(FIELDS) + "\n")
        for r in rows:
            f.write("\t".join(str(r[k]) for k in FIELDS) + "\n")
    print("\nmedians over seeds (ratio to send_ahead %s)" % values[0])
    cols = ["events_per_client_s", "wall_s", "completed", "first_s", "mean_s", "last_s", "upload_utilisation", "duplicate_bytes"]
    print("case\tsend_ahead\t" + "\t".join(cols))
    for case in a.cases.split(","):
        base = None
        for v in dict.fromkeys(values):
            sel = [r for r in rows if r["case"] == case and r["send_ahead"] == v]
            if not sel:
                continue
            med = {c: statistics.median(float(r[c]) for r in sel) for c in cols}
            base = base or med
            print("%s\t%s\t%s" % (case, v, "\t".join("%.4g (%.3f)" % (med[c], med[c] / base[c] if base[c] else 0) for c in cols)))


if __name__ == "__main__":
    main()
