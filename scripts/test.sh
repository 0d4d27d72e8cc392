#!/usr/bin/env bash
# Sets up and runs the whole suite through ctest: unit tests, database tests on
# a throwaway PostgreSQL, and client tests (zeep, PHP SoapClient, a generated
# gSOAP client, hostile input, the 1C wire shape) against a running server.
# Exits non-zero on any failure.
source "$(dirname "$0")/lib.sh"

ensure_packages
BUILD="${PARTNERAPI_BUILD_DIR:-$ROOT/build}"
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac  # the tests run from other directories
# The same build for what the tests run of the scripts (scripts/run.sh).
export PARTNERAPI_BUILD_DIR="$BUILD" PARTNERAPI_BUILD_TYPE="${PARTNERAPI_BUILD_TYPE:-RelWithDebInfo}"
build "$BUILD" "$PARTNERAPI_BUILD_TYPE"
# node's `soap` client for the client tests, from the npm registry, pinned in package.json.
if [ ! -d "$ROOT/tests/client/node/node_modules/soap" ]; then
  (cd "$ROOT/tests/client/node" && npm install --no-audit --no-fund --no-package-lock --silent >/dev/null)
fi

# A sanitizer build: a leak inside libpq/libpqxx on a lost connection is not ours.
export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizer/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

PG_DIR="$ROOT/.local/pg-test"
# Ports from the environment, else free ones: a cluster or server already on
# a fixed port would collide.
PG_PORT="${PARTNERAPI_TEST_PG_PORT:-$(free_port)}"
PORT="${PARTNERAPI_TEST_PORT:-$(free_port)}"
LOG="$BUILD/test-server.log"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  pg_stop "$PG_DIR"
}
trap cleanup EXIT

# A throwaway cluster: durability off, it only has to be fast.
rm -rf "$PG_DIR"
export PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
conn="$(pg_start "$PG_DIR" "$PG_PORT" "${PARTNERAPI_TEST_PG_PORT:-}")"
pg_create_db "$conn" partnerapi_test
pg_create_db "$conn" partnerapi_client
# A throwaway key ring for agents' passwords, inherited by every server and
# command the tests start (the demo data is sealed with it).
export PARTNERAPI_AGENT_KEYS="$("$BUILD/src/partnerapi" agent-key-new --id "test-$(date +%s)")"
PARTNERAPI_DB="$conn dbname=partnerapi_test" "$BUILD/src/partnerapi" migrate >/dev/null
PARTNERAPI_DB="$conn dbname=partnerapi_test" "$BUILD/src/partnerapi" demo

PARTNERAPI_DB="$conn dbname=partnerapi_client" PARTNERAPI_LISTEN="127.0.0.1:$PORT" \
  "$BUILD/src/partnerapi" serve --migrate --demo >"$LOG" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$LOG"; log "server did not start"; exit 1; }
  sleep 0.1
done

export PARTNERAPI_TEST_DB="$conn dbname=partnerapi_test"
export PARTNERAPI_TEST_URL="http://127.0.0.1:$PORT/cus/ws/PartnerAPI"
export PARTNERAPI_TEST_CLIENT_DB="$conn dbname=partnerapi_client"
export PARTNERAPI_TEST_BIN="$BUILD/src/partnerapi"
set +e
(cd "$BUILD" && ctest --output-on-failure -j2 --timeout 300)
status=$?
# The server must stop cleanly too (a sanitizer build reports leaks here).
kill -TERM "$server"
wait "$server"
server_status=$?
server=""
set -e
if [ $server_status -ne 0 ]; then
  log "the server exited with status $server_status"
  status=1
fi
if [ $status -ne 0 ]; then
  log "server log (last 50 lines):"
  tail -50 "$LOG" >&2
fi
exit $status
