#!/usr/bin/env bash
# The fleet's cost as it grows (10k, 20k, 40k connectors for a year, FleetScenarioBenchmark), and
# its events per second beside a bare kernel's hold rate at the fleet's own pending count
# (HoldModelBenchmark: zenlab's queue with cancellable and with posted events, and SSJ's Henriksen
# list), all in one run: the model's overhead over the kernel, and the kernel against its peer, at
# the size the fleet really is. The fleet mixes both kinds (mtunnels and faults are cancellable,
# timers and arrivals posted), so its bare kernel lies between the two zenlab rates.
#
# Usage: bench/peers/fleet-vs-kernel.sh [connectors, comma-separated, default 10000,20000,40000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
fleets="${1:-10000,20000,40000}"
need python3 python3
build_jar

echo "fleets ($fleets connectors, one warm-up and three measured years each)..." >&2
java -jar "$jar" FleetScenarioBenchmark -p connectors="$fleets" -f 1 -wi 1 -i 3 \
  -rf json -rff "$work/fleet.json" >"$work/fleet.log" 2>&1 || { cat "$work/fleet.log" >&2; exit 1; }
# JMH goes on to the next size when one fails; a missing row must not pass for a result.
if grep -q "<failure>" "$work/fleet.log"; then
  grep -A 20 "<failure>" "$work/fleet.log" >&2; exit 1
fi
pending="$(python3 - "$work/fleet.json" <<'PY'
import json, statistics, sys
# JMH sums an EVENTS counter over the measured iterations; one run's value is in rawData.
shot = lambda r, name: statistics.median(x for fork in r["secondaryMetrics"][name]["rawData"] for x in fork)
print(",".join(str(int(shot(r, "pendingAtEnd"))) for r in json.load(open(sys.argv[1]))))
PY
)"
echo "kernels at the fleets' pending counts ($pending)..." >&2
java -jar "$jar" HoldModelBenchmark -p pending="$pending" -p engine=zenlab,zenlab-posted,ssj-henriksen -f 2 -wi 5 -i 5 -w 2 -r 2 \
  -rf json -rff "$work/hold.json" >"$work/hold.log" 2>&1 || { cat "$work/hold.log" >&2; exit 1; }

python3 - "$work/fleet.json" "$work/hold.json" <<'PY'
import json, statistics, sys, datetime, os
fleet = json.load(open(sys.argv[1])); hold = json.load(open(sys.argv[2]))
def median(r): return statistics.median(x for fork in r["primaryMetric"]["rawData"] for x in fork)
# JMH sums an EVENTS counter over the measured iterations; one run's value is in rawData.
def shot(r, name): return statistics.median(x for fork in r["secondaryMetrics"][name]["rawData"] for x in fork)
rate = {(r["params"]["engine"], int(r["params"]["pending"])): median(r) for r in hold}
print(f"measured side by side in one run on {datetime.date.today()}, {os.cpu_count()} cores; medians")
print("| connectors | seconds a year | time vs the first | events a run | fleet events/s | pending"
      " | zenlab kernel holds/s, cancellable / posted | SSJ Henriksen holds/s | fleet / kernel (cancellable) | kernel / SSJ, cancellable / posted |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
first = None
for r in fleet:
    n = int(r["params"]["connectors"]); seconds = median(r)
    events = shot(r, "events"); pending = int(shot(r, "pendingAtEnd"))
    first = first or seconds
    z = rate[("zenlab", pending)]; p = rate[("zenlab-posted", pending)]; s = rate[("ssj-henriksen", pending)]
    print(f"| {n:,} | {seconds:.1f} | {seconds / first:.2f}x | {events:.3g} | {events / seconds / 1e6:.2f} M | {pending:,}"
          f" | {z / 1e6:.2f} M / {p / 1e6:.2f} M | {s / 1e6:.2f} M | {events / seconds / z:.2f} | {z / s:.1f}x / {p / s:.1f}x |")
PY
