#!/usr/bin/env bash
# Benchmark, not a test: two commits side by side, in one command.
#   bench/compare.sh OLD NEW
# Builds each commit in a git worktree of its own (.local/compare/<commit>,
# kept for the next run), serves both at once, each on a database of its own
# on one PostgreSQL, in its default configuration (the access log on), and
# runs the same requests against one, then the other: ROUNDS (3) rounds of
# DURATION (10) s, interleaved. Prints each step's median and NEW / OLD.
# SINK=file (default) or pipe: where each server's standard error, its access
# log, goes (a file, or a pipe that a reader drains into one). OLD_CONFIG /
# NEW_CONFIG: a configuration file for that side (access_log = "off", say).
# OLD or NEW may also be a built binary's path (a working tree's build).
source "$(dirname "$0")/../scripts/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 OLD NEW" >&2; exit 2; }
ensure_packages
DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-3}"
SINK="${SINK:-file}"
WORK="$ROOT/.local/compare"
mkdir -p "$WORK"

# The binary of commit $1, built once in a worktree of its own (or $1 itself, a binary).
binary_of() {
  local sha tree
  if [ -f "$1" ] && [ -x "$1" ]; then echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; return; fi
  sha="$(git -C "$ROOT" rev-parse --short "$1")"
  tree="$WORK/$sha"
  if [ ! -x "$tree/build/src/partnerapi" ]; then
    [ -d "$tree" ] || git -C "$ROOT" worktree add --detach -f "$tree" "$sha" >/dev/null 2>&1
    log "building $sha (once; kept in $tree)"
    cmake -S "$tree" -B "$tree/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$tree/build" -j"$(nproc)" --target partnerapi >"$tree/build.log" 2>&1 ||
      { tail -30 "$tree/build.log" >&2; log "the build of $sha failed"; exit 1; }
  fi
  echo "$tree/build/src/partnerapi"
}

OLD_BIN="$(binary_of "$1")"
NEW_BIN="$(binary_of "$2")"
name_of() { if [ -f "$1" ]; then echo "$1"; else git -C "$ROOT" rev-parse --short "$1"; fi; }
OLD_SHA="$(name_of "$1")"
NEW_SHA="$(name_of "$2")"

PG_DIR="$WORK/pg"
conn="$(pg_start "$PG_DIR" "$(free_port)")"
export PARTNERAPI_AGENT_KEYS="$("$NEW_BIN" agent-key-new --id compare)"  # for a binary that needs one
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop "$PG_DIR"
}
trap cleanup EXIT

# Serves binary $1 on a fresh database $2 at port $3 with configuration $4
# (none: the defaults), its standard error to $WORK/$2.log.
serve() {
  local bin="$1" db="$2" port="$3" config=()
  [ -n "${4:-}" ] && config=(--config "$4")
  psql "$conn dbname=postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  PARTNERAPI_DB="$conn dbname=$db" "$bin" migrate >/dev/null 2>&1
  PARTNERAPI_DB="$conn dbname=$db" "$bin" demo >/dev/null 2>&1
  if [ "$SINK" = pipe ]; then
    (PARTNERAPI_DB="$conn dbname=$db" PARTNERAPI_LISTEN="127.0.0.1:$port" "$bin" "${config[@]}" serve 2>&1 >/dev/null |
      cat >"$WORK/$db.log") &
  else
    PARTNERAPI_DB="$conn dbname=$db" PARTNERAPI_LISTEN="127.0.0.1:$port" "$bin" "${config[@]}" serve >"$WORK/$db.log" 2>&1 &
  fi
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 0.1; done
  log "$bin did not start: $(tail -5 "$WORK/$db.log")"
  exit 1
}
OLD_PORT="$(free_port)"
serve "$OLD_BIN" "compare_old" "$OLD_PORT" "${OLD_CONFIG:-}"
NEW_PORT="$(free_port)"
serve "$NEW_BIN" "compare_new" "$NEW_PORT" "${NEW_CONFIG:-}"

STEPS=("partner_read|<pa:partner_read/>|16" "partner_read|<pa:partner_read/>|64"
  "client_read (demo's clients)|<pa:client_read/>|16" "client_read (demo's clients)|<pa:client_read/>|64"
  "region_read|<pa:region_read/>|16")
declare -A RESULTS
for r in $(seq 1 "$ROUNDS"); do
  for step in "${STEPS[@]}"; do
    IFS='|' read -r label body c <<<"$step"
    for side in old new; do
      port=$OLD_PORT
      [ $side = new ] && port=$NEW_PORT
      line="$(wrk_soap "http://127.0.0.1:$port/cus/ws/PartnerAPI" demo "$body" "$c" "$DURATION" 10)"
      RESULTS["$label|$c|$side"]+="$line"$'\n'
    done
  done
  log "round $r of $ROUNDS done"
done

# The median of one field (1: rps, 7: p99 ms) over the rounds' lines.
median() { awk -v f="$2" 'NF {print $f}' <<<"$1" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "== $OLD_SHA (old) and $NEW_SHA (new), side by side: medians of $ROUNDS rounds of ${DURATION}s, stderr to a $SINK"
printf '| %-30s | %3s | %10s | %10s | %8s | %12s | %12s |\n' request c "old rps" "new rps" new/old "old p99 ms" "new p99 ms"
for step in "${STEPS[@]}"; do
  IFS='|' read -r label body c <<<"$step"
  o="${RESULTS["$label|$c|old"]}"
  n="${RESULTS["$label|$c|new"]}"
  orps="$(median "$o" 1)"
  nrps="$(median "$n" 1)"
  printf '| %-30s | %3s | %10s | %10s | %8s | %12s | %12s |\n' "$label" "$c" "$orps" "$nrps" \
    "$(awk -v a="$nrps" -v b="$orps" 'BEGIN {printf "%.2f", a / b}')" "$(median "$o" 7)" "$(median "$n" 7)"
done
