#!/usr/bin/env bash
# Sets up and serves PartnerAPI in the foreground at
# http://127.0.0.1:8080/cus/ws/PartnerAPI (PARTNERAPI_LISTEN=host:port moves it).
# Without PARTNERAPI_DB it runs a private PostgreSQL cluster under .local/pg,
# migrated and loaded with the demo data (logins demo/demo and demo2/demo2).
# Ctrl-C or SIGTERM stops the server and that cluster.
source "$(dirname "$0")/lib.sh"

ensure_packages
BUILD="${PARTNERAPI_BUILD_DIR:-$ROOT/build}"
build "$BUILD" "${PARTNERAPI_BUILD_TYPE:-RelWithDebInfo}"
BIN="$BUILD/src/partnerapi"

# The private cluster: port 55432 unless something holds it (then a free one,
# kept for its next start), or PARTNERAPI_PG_PORT; PARTNERAPI_PG_DIR moves it.
PG_DIR="${PARTNERAPI_PG_DIR:-$ROOT/.local/pg}"
if [ -z "${PARTNERAPI_DB:-}" ]; then
  conn="$(pg_start "$PG_DIR" 55432 "${PARTNERAPI_PG_PORT:-}")" || exit 1
  trap 'pg_stop "$PG_DIR"' EXIT
  pg_create_db "$conn" partnerapi
  export PARTNERAPI_DB="$conn dbname=partnerapi"
fi

# Agents' passwords are encrypted under a key: without one given, a local key
# is made on the first run and kept beside the local cluster (.local/, ignored).
if [ -z "${PARTNERAPI_AGENT_KEYS:-}${PARTNERAPI_AGENT_KEYS_FILE:-}" ]; then
  KEYS="$ROOT/.local/agent-keys"
  if [ ! -s "$KEYS" ]; then
    mkdir -p "$ROOT/.local"
    (umask 077 && "$BIN" agent-key-new --id "local-$(date +%Y%m%d)" >"$KEYS")
    log "made a local key for agents' passwords: $KEYS (keep it: the passwords in .local/pg need it)"
  fi
  export PARTNERAPI_AGENT_KEYS_FILE="$KEYS"
fi

log "serving http://${PARTNERAPI_LISTEN:-127.0.0.1:8080}/cus/ws/PartnerAPI (Ctrl-C stops)"
# The local configuration lets a local SMTP server (loopback, any port) take
# the access notices; PARTNERAPI_CONFIG replaces it.
config=(--config "${PARTNERAPI_CONFIG:-$ROOT/config/local.toml}")
set +e
"$BIN" "${config[@]}" serve --migrate --demo &
server=$!
trap 'kill -TERM $server 2>/dev/null' INT TERM
wait $server; status=$?
wait $server 2>/dev/null
exit $status
