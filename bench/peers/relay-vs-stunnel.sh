#!/usr/bin/env bash
# zenlab's relay beside a stunnel relay chain, measured in one run on this machine.
#
#   iperf3 -c  ->  stunnel (client)  -- TLS 1.3 -->  stunnel (server)  ->  iperf3 -s
#
# is the same shape as zenlab's relay: a plain hop to the broker, a TLS hop to the connector, a
# plain hop to the app, all on loopback. Both are run at 1 and 16 streams (iperf3 -P 16), the
# stunnel chain before and after zenlab's JMH run (the mean of the two is compared), and the
# table gives zenlab's goodput as a ratio to the chain's and to the limit of the run's own
# baselines (bench/src/main/java/zenlab/bench/RelayVsPeer.java). Installs stunnel4 and iperf3
# from Debian's packages when missing.
#
# Usage: bench/peers/relay-vs-stunnel.sh [seconds per peer run, default 10]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
seconds="${1:-10}"

need stunnel4 stunnel4
need iperf3 iperf3
need openssl openssl
need python3 python3
build_jar
make_certificate

app_port="$(free_port)"; tls_port="$(free_port)"; entry_port="$(free_port)"
cat >"$work/server.conf" <<CONF
foreground = yes
pid =
[relay-server]
accept = 127.0.0.1:$tls_port
connect = 127.0.0.1:$app_port
cert = $work/cert.pem
key = $work/key.pem
sslVersionMin = TLSv1.3
CONF
cat >"$work/client.conf" <<CONF
foreground = yes
pid =
client = yes
[relay-client]
accept = 127.0.0.1:$entry_port
connect = 127.0.0.1:$tls_port
verifyPeer = yes
CAfile = $work/cert.pem
checkHost = peer.zenlab.local
sslVersionMin = TLSv1.3
CONF
iperf3 -s -B 127.0.0.1 -p "$app_port" >/dev/null 2>&1 & pids+=($!)
stunnel4 "$work/server.conf" >"$work/server.log" 2>&1 & pids+=($!)
stunnel4 "$work/client.conf" >"$work/client.log" 2>&1 & pids+=($!)
wait_port "$app_port"; wait_port "$tls_port"; wait_port "$entry_port"

# stunnel_chain STREAMS: bytes a second the chain delivered to iperf3's server over the run.
stunnel_chain() {
  iperf3 -c 127.0.0.1 -p "$entry_port" -t "$seconds" -P "$1" -J >"$work/iperf-$1.json"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"] / 8)' \
    "$work/iperf-$1.json"
}

echo "stunnel chain, before zenlab's run..." >&2
before1="$(stunnel_chain 1)"; before16="$(stunnel_chain 16)"
echo "zenlab's relay (JMH, 1 connector, BoringSSL, with the raw TLS and plain TCP baselines)..." >&2
java -jar "$jar" 'MtunnelThroughputBenchmark' -p connectors=1 -p provider=openssl \
  -rf json -rff "$work/tp.json" >"$work/jmh.log" 2>&1 || { cat "$work/jmh.log" >&2; exit 1; }
echo "stunnel chain, after..." >&2
after1="$(stunnel_chain 1)"; after16="$(stunnel_chain 16)"

printf 'stunnel chain, bytes/s before / after: 1 stream %.0f / %.0f, 16 streams %.0f / %.0f\n' \
  "$before1" "$after1" "$before16" "$after16"
peer1="$(python3 -c "print(($before1 + $after1) / 2)")"
peer16="$(python3 -c "print(($before16 + $after16) / 2)")"
java -cp "$jar" zenlab.bench.RelayVsPeer "$work/tp.json" "$peer1" "$peer16"
