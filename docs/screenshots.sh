#!/usr/bin/env bash
# The docs' pictures of the reports, taken by headless Chromium from the bundled reference study
# (results/pair-vs-single/index.html) and plan (results/plan-sydney-plan/index.html), so that
# they show what the reports really show.
# Installs Debian's chromium when it is missing. Run from anywhere: docs/screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="$root/results/pair-vs-single/index.html"
out="$root/docs/img"

if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
[ -f "$report" ] || { echo "no $report: run the reference study first (see README)" >&2; exit 2; }

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
mkdir -p "$out"
shot() { # shot NAME WIDTHxHEIGHT: the top of the report at that window size
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
    --window-size="${2/x/,}" --screenshot="$out/$1.png" "$(case "$report" in http*) echo "$report" ;; *) echo "file://$report" ;; esac)" >/dev/null 2>&1
  test -s "$out/$1.png"
  echo "$out/$1.png"
}
shot study-report 1100x1400
report="$root/results/plan-sydney-plan/index.html" # zenlab plan's example (docs/plan.md)
[ -f "$report" ] || { echo "no $report: run the plan of docs/plan.md first" >&2; exit 2; }
shot plan-report 1100x1300

# The live status page of `zenlab up --metrics` (docs/metrics.md), after a minute of requests
# through an app's client port, so that its charts have something to show.
lab_log="$profile/up.log"
"$root/zenlab" up "$root/scenarios/up-demo.yaml" --metrics 127.0.0.1:0 --for 3m >"$lab_log" 2>&1 &
lab_pid=$!
trap 'kill "$lab_pid" 2>/dev/null; wait "$lab_pid" 2>/dev/null; rm -rf "$profile"' EXIT
for _ in $(seq 240); do grep -q '^up for' "$lab_log" && break; sleep 0.5; done
status="$(grep -o 'http://127\.0\.0\.1:[0-9]*/metrics' "$lab_log")"
app="$(awk '$1 == "web" {print $2}' "$lab_log")"
end=$((SECONDS + 60))
while [ "$SECONDS" -lt "$end" ]; do
  for _ in $(seq $((1 + RANDOM % 8))); do curl -s -o /dev/null "http://$app/"; done
  sleep 0.5
done
report="${status%/metrics}/"
shot status-page 1000x1200
