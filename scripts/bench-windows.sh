#!/usr/bin/env bash
# How the window cost scales: PHOLD (10^4 entities x 10 jobs, 5% remote, mean delay 1 ms) with lookaheads of
# 10 us, 100 us and 1 ms, so windows hold about 1k, 9k and 50k events, on 1 and 2 ranks of one device.
# A benchmark, not a test: it prints a table and asserts nothing. Each run simulates 0.5 s (2.5-5*10^7
# events), so that JIT warm-up, done once per rank under MPJ, does not decide the comparison.
#
#   scripts/bench-windows.sh [--dev multicore|niodev|local]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dev=multicore
if [ "${1:-}" = "--dev" ]; then dev="$2"; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf "%-9s %-3s %10s %8s %12s %10s %12s %10s\n" lookahead np events windows ev/window wall_s events/s sync
for la in 10us 100us 1ms; do
    cat > "$work/phold-$la.yaml" <<YAML
model: phold
seed: 1
end_time: 500ms
progress: off
phold:
  entities: 10000
  jobs_per_entity: 10
  remote_fraction: 0.05
  lookahead: $la
  mean_delay: 1ms
YAML
    for np in 1 2; do
        out="$work/out-$la-$np"
        "$root/bitswarm" run "$work/phold-$la.yaml" --np "$np" --dev "$dev" --out "$out" >/dev/null
        python3 - "$out/manifest.json" "$la" "$np" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print("%-9s %-3s %10d %8d %12.0f %10.2f %12.0f %9.1f%%" % (sys.argv[2], sys.argv[3], m["events"], m["windows"],
      m["events"] / max(1, m["windows"]), m["wall_seconds"], m["events_per_second"], 100 * m["sync_share"]))
PY
    done
done
