#!/usr/bin/env bash
# mtunnel setup latency at a fixed rate, zenlab's lab beside a peer, measured in one run.
#
#   load client  ->  HAProxy (plain in, TLS 1.3 out)  -- TLS -->  HAProxy (TLS in, plain out)  ->  echo
#
# The peer is a chain of two TLS-terminating TCP proxies in front of zenlab's own echo server,
# the shape of the lab's broker, connector and app. One load client (MtunnelSetupBenchmark's
# fixedRate: connect, send a byte, get it back, timed from each open's intended start) measures
# both, alternately: zenlab, the peer, zenlab, the peer. The peer pays a TLS handshake per open
# (resumed after the first: HAProxy keeps the session); zenlab's mtunnels ride the standing
# mutual-TLS tunnel and pay frames instead. So a second peer is the same chain without TLS
# (two plain HAProxy hops): three TCP connects and no crypto, the least any such chain costs on
# this machine. Whatever tail all of them show is the machine's.
# Installs haproxy from Debian's packages when missing.
#
# Usage: bench/peers/setup-vs-haproxy.sh [opens per second, default 1000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rate="${1:-1000}"

need haproxy haproxy
need openssl openssl
need python3 python3
build_jar
make_certificate
cat "$work/cert.pem" "$work/key.pem" >"$work/combined.pem"
chmod 600 "$work/combined.pem"

echo_port="$(free_port)"; tls_port="$(free_port)"; entry_port="$(free_port)"
plain_entry_port="$(free_port)"; plain_middle_port="$(free_port)"
java -Xmx512m -cp "$jar" zenlab.bench.EchoServerMain "$echo_port" >"$work/echo.log" 2>&1 & pids+=($!)
haproxy_tls_chain "$echo_port" "$tls_port" "$entry_port"
cat >"$work/plain.cfg" <<CONF
$haproxy_common_conf
frontend plain_entry
  bind 127.0.0.1:$plain_entry_port
  default_backend plain_middle
backend plain_middle
  server middle 127.0.0.1:$plain_middle_port
frontend plain_middle_in
  bind 127.0.0.1:$plain_middle_port
  default_backend plain_app
backend plain_app
  server echo 127.0.0.1:$echo_port
CONF
haproxy -db -f "$work/plain.cfg" >"$work/plain.log" 2>&1 & pids+=($!)
haproxy -db -f "$work/terminating.cfg" >"$work/terminating.log" 2>&1 & pids+=($!)
haproxy -db -f "$work/originating.cfg" >"$work/originating.log" 2>&1 & pids+=($!)
wait_port "$echo_port"; wait_port "$tls_port"; wait_port "$entry_port"; wait_port "$plain_entry_port"

# fixed_rate [TARGET]: one JMH fork of fixedRate (a warm-up run, three measured), its percentile lines.
fixed_rate() {
  java -jar "$jar" 'MtunnelSetupBenchmark.fixedRate' -f 1 -p opensPerSecond="$rate" ${1:+-p target=$1} \
    >"$work/jmh.log" 2>&1 || { cat "$work/jmh.log" >&2; exit 1; }
  grep "opens at" "$work/jmh.log" | tail -n 3 # the first is the warm-up
}

echo "measured side by side on $(date -u +%F), $(nproc) cores, $rate opens/s, each line one 3-second run:"
for round in 1 2; do
  fixed_rate | sed 's/^/zenlab lab:          /; s/zenlab: //'
  fixed_rate "127.0.0.1:$entry_port" | sed 's/^peer [^ ]* /two HAProxy, TLS:    /'
  fixed_rate "127.0.0.1:$plain_entry_port" | sed 's/^peer [^ ]* /two HAProxy, plain:  /'
done
