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
    --window-size="${2/x/,}" --screenshot="$out/$1.png" "file://$report" >/dev/null 2>&1
  test -s "$out/$1.png"
  echo "$out/$1.png"
}
shot study-report 1100x1400
report="$root/results/plan-sydney-plan/index.html" # zenlab plan's example (docs/plan.md)
[ -f "$report" ] || { echo "no $report: run the plan of docs/plan.md first" >&2; exit 2; }
shot plan-report 1100x1300
