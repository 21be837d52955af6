# Shared by the peer comparisons in bench/peers: installs what a comparison needs from Debian's
# packages when missing, builds the benchmarks jar, finds free loopback ports, cleans up.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/bench/target/benchmarks.jar"

# need COMMAND PACKAGE...: installs the Debian packages if COMMAND is missing.
need() {
  local command="$1"; shift
  if ! command -v "$command" >/dev/null 2>&1; then
    echo "installing $* (for $command)..." >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$@" >/dev/null
  fi
}

build_jar() {
  if [ ! -f "$jar" ] || [ -n "$(find "$root/sim/src/main" "$root/bench/src/main" -newer "$jar" -print -quit)" ]; then
    echo "building the benchmarks..." >&2
    (cd "$root" && mvn -B -q -DskipTests package) >&2
  fi
}

# free_port: a port no one listens on at 127.0.0.1 now (the kernel's pick, released at once).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_port PORT: until something listens there, at most 10 s.
wait_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1 after 10 s" >&2
  return 1
}

work="$(mktemp -d)"
[ -n "${KEEP_PEER_LOGS:-}" ] && echo "logs in $work" >&2
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP_PEER_LOGS:-}" ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A self-signed P-256 certificate for the peer's TLS hop, private key readable by its owner only.
make_certificate() {
  (umask 077; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
    -subj "/CN=peer.zenlab.local" -addext "subjectAltName=DNS:peer.zenlab.local" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null)
}

# haproxy_tls_chain APP_PORT TLS_PORT ENTRY_PORT: writes $work/terminating.cfg (TLS 1.3 in at
# TLS_PORT, plain out to APP_PORT) and $work/originating.cfg (plain in at ENTRY_PORT, TLS out to
# TLS_PORT, verifying the peer's certificate): two HAProxy, the shape of a broker and a connector.
haproxy_common_conf="global
  maxconn 4000
defaults
  mode tcp
  timeout connect 5s
  timeout client 30s
  timeout server 30s"
haproxy_tls_chain() {
  cat >"$work/terminating.cfg" <<CONF
$haproxy_common_conf
frontend tls_in
  bind 127.0.0.1:$2 ssl crt $work/combined.pem ssl-min-ver TLSv1.3
  default_backend app
backend app
  server app 127.0.0.1:$1
CONF
  cat >"$work/originating.cfg" <<CONF
$haproxy_common_conf
frontend plain_in
  bind 127.0.0.1:$3
  default_backend tls_out
backend tls_out
  server terminating 127.0.0.1:$2 ssl verify required ca-file $work/cert.pem sni str(peer.zenlab.local) verifyhost peer.zenlab.local ssl-min-ver TLSv1.3
CONF
}
