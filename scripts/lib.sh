# Shared by run.sh and test.sh: packages, build, a private PostgreSQL cluster.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES=(g++ cmake pkg-config gsoap libgsoap-dev libpqxx-dev libpq-dev libboost-context-dev libgoogle-perftools-dev postgresql libspdlog-dev
  libtomlplusplus-dev libcli11-dev libssl-dev libgtest-dev python3 python3-zeep php-cli php-soap
  python3-pytest python3-lxml python3-aiosmtpd openssl libxml2-utils wrk curl libcurl4-openssl-dev nlohmann-json3-dev nginx nodejs prometheus)

log() { printf '\033[1m[partnerapi]\033[0m %s\n' "$*" >&2; }

# Installs the Debian packages that are missing; quiet when all are present.
ensure_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Configures and builds into $1 (build type $2).
build() {
  local dir="$1" type="${2:-RelWithDebInfo}"
  cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="$type" ${CMAKE_EXTRA:-} >/dev/null
  local output
  output="$(mktemp)"
  # A failed build stops here: an older binary left in the tree must never be tested.
  if ! cmake --build "$dir" -j"$(nproc)" >"$output" 2>&1; then
    grep -E -A3 'error|Error' "$output" | head -60 >&2
    rm -f "$output"
    log "build failed"
    exit 1
  fi
  grep -E -A3 'warning' "$output" >&2 || true
  rm -f "$output"
}

# A TCP port nobody listens on at the moment, on loopback.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_bin() {
  local v
  v="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  echo "/usr/lib/postgresql/$v/bin"
}

# Runs a command as the cluster's owner: postgres when we are root.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# True when nothing listens on loopback port $1 (it can be bound now).
port_free() {
  python3 -c 'import socket, sys; s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

# The port cluster $1 starts on: `explicit` ($3, from the environment) when
# set, and no other; else the one it took last (kept in $1.port), else $2.
# One that something else holds is replaced by a free one, said, and kept.
cluster_port() {
  local dir="$1" port="$2" explicit="${3:-}" kept="$1.port"
  if [ -n "$explicit" ]; then echo "$explicit"; return; fi
  [ -s "$kept" ] && port="$(cat "$kept")"
  if ! port_free "$port"; then
    local taken="$port"
    port="$(free_port)"
    log "port $taken is taken: the cluster in $dir uses port $port (kept in $kept for its next start)"
  fi
  echo "$port" >"$kept"
  echo "$port"
}

# Starts a private cluster in $1 (created on first use) on a port chosen by
# cluster_port (default $2, environment's choice $3); prints the libpq
# conninfo of its `postgres` database. Trust auth, loopback and a socket in
# the data directory only. When it cannot start, the end of its log says why.
pg_start() {
  local dir="$1" port="$2" explicit="${3:-}" bin
  bin="$(pg_bin)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    port="$(sed -n 4p "$dir/postmaster.pid")"  # running already: on the port it took
  else
    port="$(cluster_port "$dir" "$port" "$explicit")"
    if ! as_pg "$bin/pg_ctl" -D "$dir" -w -t 60 -l "$dir/server.log" \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_EXTRA_OPTS:-}" start >/dev/null; then
      log "PostgreSQL in $dir did not start on port $port; the end of $dir/server.log:"
      tail -n 15 "$dir/server.log" >&2
      return 1
    fi
  fi
  as_pg "$bin/pg_isready" -h "$dir" -p "$port" -t 30 >/dev/null
  echo "host=$dir port=$port user=postgres"
}

pg_stop() {
  local dir="$1"
  [ -f "$dir/postmaster.pid" ] || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# Creates database $2 on the cluster with conninfo $1 if it does not exist.
pg_create_db() {
  local conn="$1" name="$2"
  if ! psql "$conn dbname=postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql "$conn dbname=postgres" -qc "CREATE DATABASE $name" >/dev/null
  fi
}

# wrk against the SOAP endpoint URL for DURATION seconds with CONNECTIONS,
# POSTing the envelope of BODY (a Body's content) as LOGIN (its password the
# same), each request given up after TIMEOUT. Prints one line:
# "<req/s> rps  p50 <ms> ms  p99 <ms> ms  errors <n>  non-2xx <n>".
wrk_soap() {  # url login body connections duration timeout
  local lua
  lua="$(mktemp --suffix .lua)"
  cat >"$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["Authorization"] = "Basic $(printf '%s:%s' "$2" "$2" | base64)"
wrk.body = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pa="http://buhphone.com/PartnerAPI"><s:Body>$3</s:Body></s:Envelope>'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f rps  p50 %.2f ms  p99 %.2f ms  errors %d  non-2xx %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
LUA
  wrk -t2 -c"$4" -d"$5s" --timeout "$6s" -s "$lua" "$1" | sed -n 's/^RESULT //p'
  rm -f "$lua"
}
