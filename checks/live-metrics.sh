#!/usr/bin/env bash
# Live metrics against the real tools (docs/metrics.md): `zenlab up --metrics` scraped by Debian's
# Prometheus, with curl through an app's client port as the traffic; every query of the Grafana
# dashboard run against that Prometheus; the status page loaded in Debian's headless Chromium.
# Installs what is missing (prometheus, chromium, curl, jq), finishes within about 5 minutes, and
# stops every process it started. Exit 0 when every check holds; otherwise it says which failed.
# Run from anywhere: checks/live-metrics.sh   (CI runs it after the tests, from .ci/run)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
command -v chromium >/dev/null || missing+=(chromium)
command -v curl >/dev/null || missing+=(curl)
command -v jq >/dev/null || missing+=(jq)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  # Debian's prometheus package would start its service where there is an init: keep it stopped.
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  $sudo rm -f /usr/sbin/policy-rc.d
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "live-metrics: FAILED: $*" >&2; exit 1; }
say() { echo "live-metrics: $*"; }

# until SECONDS COMMAND...: retries COMMAND every half second until it succeeds or time runs out.
until_ok() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# A free loopback port: one nothing answers on, from a wide random range.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# 1. The lab, with its metrics on a free loopback port.
./zenlab up scenarios/up-demo.yaml --metrics 127.0.0.1:0 --for 5m >"$work/up.log" 2>&1 &
pids+=($!)
until_ok 180 grep -q '^up for' "$work/up.log" || fail "zenlab up did not start: $(cat "$work/up.log")"
metrics="$(grep -o 'http://127\.0\.0\.1:[0-9]*/metrics' "$work/up.log")"
lab="${metrics%/metrics}"
app="$(awk '$1 == "web" {print $2}' "$work/up.log")" # the http app's client port at the broker
[ -n "$metrics" ] && [ -n "$app" ] || fail "no metrics or app address in: $(cat "$work/up.log")"
say "lab $lab, app web at $app"

curl -fsS "$metrics" >"$work/scrape.txt"
promtool check metrics <"$work/scrape.txt" || fail "promtool check metrics"
if grep -q 'PRIVATE KEY\|1|enroll' "$work/scrape.txt"; then fail "a key in the metrics"; fi

# 2. Prometheus on loopback with a scratch storage folder, scraping the lab every second.
pport="$(free_port)"
sed -e "s/127.0.0.1:9464/${lab#http://}/" -e 's/scrape_interval: 5s/scrape_interval: 1s/' \
  -e 's/scrape_timeout: 4s/scrape_timeout: 1s/' docs/prometheus.yml >"$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >/dev/null || fail "promtool check config docs/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$pport" >"$work/prometheus.log" 2>&1 &
pids+=($!)
prom="http://127.0.0.1:$pport"
until_ok 60 curl -fs "$prom/-/ready" -o /dev/null || fail "prometheus not ready: $(tail -5 "$work/prometheus.log")"
say "prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') at $prom"

# query EXPR: the first result's value, or nothing.
query() {
  curl -fsS "$prom/api/v1/query" --data-urlencode "query=$1" | jq -r '.data.result[0].value[1] // empty'
}

# 3. Traffic through the fabric with a real client: each request is an mtunnel.
requests=25
for _ in $(seq "$requests"); do
  curl -fsS -o /dev/null "http://$app/" || fail "curl through the mtunnel"
done
lab_count="$(curl -fsS "$metrics" | awk '/^zenlab_mtunnels_established_total\{app="web"\}/ {print int($2)}')"
[ "$lab_count" = "$requests" ] || fail "the lab counts $lab_count mtunnels, curl made $requests"
has_all() { [ "$(query 'sum(zenlab_mtunnels_established_total{job="zenlab"})')" = "$requests" ]; }
until_ok 60 has_all || fail "prometheus never saw $requests mtunnels established (last: $(query 'sum(zenlab_mtunnels_established_total)'))"
say "prometheus counts $requests mtunnels established, as the lab does"

# The median from Prometheus lies in the bucket where the lab's own cumulative counts cross half.
curl -fsS "$metrics" >"$work/scrape.txt"
read -r low high < <(awk -v n="$requests" '
  /^zenlab_mtunnel_setup_seconds_bucket\{app="web",le="/ {
    match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); c = $2
    if (c >= n / 2 && !found) { print prev, (le == "+Inf" ? 1e9 : le); found = 1 }
    prev = le
  }
  BEGIN { prev = 0 }' "$work/scrape.txt")
median="$(query 'histogram_quantile(0.5, sum by (le) (zenlab_mtunnel_setup_seconds_bucket{job="zenlab"}))')"
[ -n "$median" ] || fail "no setup latency quantile in prometheus"
awk -v m="$median" -v lo="$low" -v hi="$high" 'BEGIN { exit !(m + 0 > lo + 0 && m + 0 <= hi + 0) }' \
  || fail "prometheus's median setup latency $median s outside the lab's bucket ($low, $high]"
say "median setup latency $median s, in the lab's bucket ($low, $high] s"

# 4. Every query of the Grafana dashboard is valid PromQL, and those of up's metrics have data.
checked=0
while IFS= read -r expr; do
  q="${expr//\$__rate_interval/1m}"
  q="${q//\$instance/.*}"
  status="$(curl -fsS "$prom/api/v1/query" --data-urlencode "query=$q" | jq -r .status)" || status=error
  [ "$status" = success ] || fail "dashboard query refused by prometheus: $q"
  checked=$((checked + 1))
done < <(jq -r '.. | objects | select(has("expr")) | .expr' docs/grafana/zenlab-lab.json)
for must in 'zenlab_connectors' 'zenlab_broker_sessions' 'zenlab_mtunnels_established_total' 'jvm_memory_used_bytes'; do
  [ -n "$(query "sum($must)")" ] || fail "no data for $must in prometheus"
done
say "$checked dashboard queries accepted by prometheus"

# 5. The status page in headless Chromium: it renders the connectors, and its numbers move with traffic.
profile="$work/chromium"
dom() {
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
    --dump-dom "$lab/" 2>/dev/null
}
dom >"$work/page1.html" || fail "chromium could not load the status page"
for connector in Demo-1 Demo-2; do
  grep -q "<td>$connector</td>" "$work/page1.html" || fail "the status page does not list $connector"
done
grep -q '<td class="connected">connected</td>' "$work/page1.html" || fail "no connected connector on the page"
grep -q '<svg' "$work/page1.html" || fail "no chart on the page"
before="$(grep -o 'id="established">[0-9]*' "$work/page1.html" | grep -o '[0-9]*$')"
for _ in $(seq 10); do curl -fsS -o /dev/null "http://$app/"; done
dom >"$work/page2.html" || fail "chromium could not reload the status page"
after="$(grep -o 'id="established">[0-9]*' "$work/page2.html" | grep -o '[0-9]*$')"
[ "$after" -eq $((before + 10)) ] || fail "the page's established count went from $before to $after, not +10"
say "status page renders in chromium: connectors listed, established $before -> $after"
say "all checks passed"
