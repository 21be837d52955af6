#!/usr/bin/env bash
# Request/response through zenlab's fabric beside the best proxies, with a real client no one
# here wrote: redis-benchmark (GET) against Debian's redis-server, four ways, alternating rounds
# in one run:
#
#   direct:         redis-benchmark -> redis-server
#   zenlab fabric:  redis-benchmark -> broker's client port -- mutual TLS mtunnel --> connector -> redis-server
#                   (zenlab up, one connector)
#   two HAProxy:    redis-benchmark -> HAProxy (plain in, TLS 1.3 out) -- TLS --> HAProxy (TLS in) -> redis-server
#   stunnel chain:  redis-benchmark -> stunnel (client) -- TLS 1.3 --> stunnel (server) -> redis-server
#
# Three tests each: 50 connections not pipelined, 50 connections pipelined 16 deep with 1 KB
# values, 1 connection (its p50 and p99 per request); with each, the CPU the proxies themselves
# spent a request, in all and by hop (zenlab: its broker's threads, its connector's, the rest of
# the JVM; HAProxy and stunnel: the originating process, the terminating one). Installs
# redis-server, haproxy, stunnel4 from Debian's packages when missing. Usage: bench/peers/rr-vs-haproxy.sh [requests per test, default 200000] [rounds, default 2]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
requests="${1:-200000}"
rounds="${2:-2}"

need redis-server redis-server
need redis-benchmark redis-tools
need haproxy haproxy
need stunnel4 stunnel4
need openssl openssl
need python3 python3
make_certificate
cat "$work/cert.pem" "$work/key.pem" >"$work/combined.pem"
chmod 600 "$work/combined.pem"

redis_port="$(free_port)"; tls_port="$(free_port)"; entry_port="$(free_port)"
st_tls_port="$(free_port)"; st_entry_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  >"$work/redis.log" 2>&1 & pids+=($!)
wait_port "$redis_port"

haproxy_tls_chain "$redis_port" "$tls_port" "$entry_port"
haproxy -db -f "$work/terminating.cfg" >"$work/terminating.log" 2>&1 & pids+=($!); haproxy_pids="$!"
haproxy -db -f "$work/originating.cfg" >"$work/originating.log" 2>&1 & pids+=($!); haproxy_pids="$! $haproxy_pids"

cat >"$work/st-server.conf" <<CONF
foreground = yes
pid =
[redis]
accept = 127.0.0.1:$st_tls_port
connect = 127.0.0.1:$redis_port
cert = $work/cert.pem
key = $work/key.pem
sslVersionMin = TLSv1.3
CONF
cat >"$work/st-client.conf" <<CONF
foreground = yes
pid =
[redis]
client = yes
accept = 127.0.0.1:$st_entry_port
connect = 127.0.0.1:$st_tls_port
CAfile = $work/cert.pem
verifyPeer = yes
checkHost = peer.zenlab.local
sslVersionMin = TLSv1.3
CONF
stunnel4 "$work/st-server.conf" >"$work/st-server.log" 2>&1 & pids+=($!); stunnel_pids="$!"
stunnel4 "$work/st-client.conf" >"$work/st-client.log" 2>&1 & pids+=($!); stunnel_pids="$! $stunnel_pids"

cat >"$work/fabric.yaml" <<YAML
# covers: the peer comparison's fabric: one broker, one connector, redis behind it
name: rr-fabric
duration: 1h
brokers: [ {name: broker1a.bench} ]
provisioning_keys:
  - {name: Bench, max_usage: 1, group: bench}
connector_groups:
  - {name: bench, connectors: 1}
apps:
  - {name: redis, host: redis.corp.internal, groups: [bench], address: "127.0.0.1:$redis_port"}
YAML
"$root/zenlab" up "$work/fabric.yaml" --for 2h >"$work/up.log" 2>&1 & pids+=($!) # the launcher execs java
# Its hops: the broker's threads (the client's side), the connector's (the app's side), the rest
# of the JVM (compiler, GC); thread names are cut to 15 characters in /proc.
zenlab_pids="$!/zenlab-broker $!/zenlab-connecto $!/!zenlab-"
for _ in $(seq 240); do grep -q '^up for' "$work/up.log" && break; sleep 0.5; done
fabric="$(awk '$1 == "redis" {print $2}' "$work/up.log")"
[ -n "$fabric" ] || { cat "$work/up.log" >&2; exit 1; }
wait_port "$entry_port"; wait_port "$tls_port"; wait_port "$st_entry_port"; wait_port "$st_tls_port"

# cpu_ticks SPEC...: user + system CPU so far, in clock ticks, of each SPEC: a PID (all its
# threads), PID/PREFIX (its threads whose name starts with PREFIX) or PID/!PREFIX (the others).
cpu_ticks() {
  local total=0 spec pid prefix t name
  for spec in "$@"; do
    pid="${spec%%/*}"
    if [ "$spec" = "$pid" ]; then
      total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
      continue
    fi
    prefix="${spec#*/}"
    for t in /proc/"$pid"/task/*; do
      name="$(cat "$t/comm" 2>/dev/null)" || continue
      if [ "${prefix#!}" != "$prefix" ]; then
        [[ "$name" == "${prefix#!}"* ]] && continue
      else
        [[ "$name" == "$prefix"* ]] || continue
      fi
      total=$((total + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)))
    done
  done
  echo "$total"
}
ticks_per_s="$(getconf CLK_TCK)"

# bench PORT "HOP SPECS" ARGS...: redis-benchmark's GET figures: requests/s, p50 and p99 in ms,
# and the proxies' own CPU a request in microseconds, in all and by hop (the client's side, the
# app's side[, the rest]), what the chain itself spends; none direct.
bench() {
  local port="$1" hops="$2"; shift 2
  local before=() after=() hop line n i total=0 parts=""
  for hop in $hops; do before+=("$(cpu_ticks "$hop")"); done
  line="$(redis-benchmark -h 127.0.0.1 -p "$port" -t get --csv "$@" 2>/dev/null \
    | awk -F'","' '/^"GET/ {gsub(/"/, "", $0); split($0, f, ","); printf "%s %s %s", f[2], f[5], f[7]}')"
  for hop in $hops; do after+=("$(cpu_ticks "$hop")"); done
  n="$(printf '%s\n' "$@" | awk 'prev == "-n" {print; exit} {prev = $0}')"
  if [ -n "$hops" ]; then
    for i in "${!before[@]}"; do
      total=$((total + after[i] - before[i]))
      parts="$parts${parts:+/}$(awk -v t=$((after[i] - before[i])) -v hz="$ticks_per_s" -v n="$n" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')"
    done
    line="$line $(awk -v t="$total" -v hz="$ticks_per_s" -v n="$n" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}') ($parts)"
  fi
  printf '%s' "$line"
}
redis-benchmark -h 127.0.0.1 -p "$redis_port" -t set -n 1000 -d 1024 -q >/dev/null # the key GET reads

# Warm-up, not reported: zenlab's JIT compiles its relay in the first hundred thousand requests.
for port in "${fabric##*:}" "$entry_port" "$st_entry_port"; do
  redis-benchmark -h 127.0.0.1 -p "$port" -t get -n "$requests" -c 50 -q >/dev/null 2>&1
  redis-benchmark -h 127.0.0.1 -p "$port" -t get -n "$requests" -c 50 -P 16 -d 1024 -q >/dev/null 2>&1
done

printf 'measured side by side on %s, %s cores, %s requests a test, GET\n' "$(date -u +%F)" "$(nproc)" "$requests"
printf 'each column: requests/s, p50 ms, p99 ms, and the proxies'"'"' own CPU us a request (by hop:\n'
printf '  client side / app side [/ rest of the JVM]: broker / connector threads, originating / terminating HAProxy or stunnel)\n'
printf '%-6s %-16s %-44s %-44s %-44s\n' round path "50 conn, not pipelined" "50 conn, pipelined 16, 1 KB" "1 conn"
for round in $(seq "$rounds"); do
  for target in "direct:$redis_port:" "zenlab-fabric:${fabric##*:}:$zenlab_pids" \
      "two-haproxy-tls:$entry_port:$haproxy_pids" "stunnel-chain:$st_entry_port:$stunnel_pids"; do
    IFS=: read -r name port hops <<<"$target"
    a="$(bench "$port" "$hops" -n "$requests" -c 50)"
    b="$(bench "$port" "$hops" -n "$((requests * 4))" -c 50 -P 16 -d 1024)"
    c="$(bench "$port" "$hops" -n "$((requests / 10))" -c 1)"
    printf '%-6s %-16s %-44s %-44s %-44s\n' "$round" "$name" "$a" "$b" "$c"
  done
done
