#!/usr/bin/env bash
# Benchmark of the statistics, not a test. On a PostgreSQL of its own:
#   loads SCALE × (10 million calls, 3 million remote sessions, 3 million SIP
#   calls, 10 million chat messages) with events-import from bench/gen_events.py,
#   the demo partner getting 100,000 calls in the last 30 days; prints the
#   import rate;
#   statistics_read of that month: time to first byte, total time, bytes;
#   a one-day window for that partner at 16 connections (req/s, p50, p99);
#   the server's peak RSS during 16 concurrent month reads, and during 64
#   concurrent 10,000-row client_reads.
# SCALE=0.05 for a quick run. REUSE=1 skips the loading and reads the data a
# previous run left in .local/pg-stats (migrated to this binary's schema).
# PARTNERAPI_BENCH_BIN runs another binary.
source "$(dirname "$0")/../scripts/lib.sh"
ensure_packages
SCALE="${SCALE:-1}"
DURATION="${DURATION:-15}"
PG_DIR="$ROOT/.local/pg-stats"
PORT="$(free_port)"
BIN="${PARTNERAPI_BENCH_BIN:-}"
if [ -z "$BIN" ]; then
  build "$ROOT/build" RelWithDebInfo
  BIN="$ROOT/build/src/partnerapi"
fi
REUSE="${REUSE:-0}"
[ -f "$PG_DIR/PG_VERSION" ] || REUSE=0
[ "$REUSE" = 1 ] || rm -rf "$PG_DIR"
conn="$(pg_start "$PG_DIR" "$(free_port)")"
trap 'pg_stop "$PG_DIR"' EXIT
pg_create_db "$conn" partnerapi
export PARTNERAPI_DB="$conn dbname=partnerapi"
export PARTNERAPI_AGENT_KEYS="${PARTNERAPI_AGENT_KEYS:-$("$BIN" agent-key-new --id bench)}"
"$BIN" migrate >/dev/null
load() {
  "$BIN" demo 2>/dev/null
  # 10,000 clients for the memory run of client_read, as bench.sh has them.
  psql "$PARTNERAPI_DB" -qX >/dev/null <<'SQL'
  INSERT INTO partner (id, name) VALUES (md5('partner:bench')::uuid, 'Бенчмарк') ON CONFLICT DO NOTHING;
  INSERT INTO client (id, partner_id, region_id, name, full_name, new_id)
  SELECT md5('bench-client:' || i)::uuid, md5('partner:bench')::uuid, md5('region:Москва')::uuid,
         'Клиент № ' || i, 'ООО «Клиент № ' || i || '»', md5('bench-client-new:' || i)::uuid
  FROM generate_series(1, 10000) i ON CONFLICT DO NOTHING;
SQL
  echo bench | "$BIN" login-add --login bench --partner "$(psql "$PARTNERAPI_DB" -XAtc "SELECT md5('partner:bench')::uuid")"

  scaled() { awk -v n="$1" -v s="$SCALE" 'BEGIN {printf "%d", n * s}'; }
  echo "== import (events-import, from bench/gen_events.py), SCALE=$SCALE"
  for spec in "calls $(scaled 10000000) 100000" "remote $(scaled 3000000) 0" "sip $(scaled 3000000) 0" \
              "chat $(scaled 10000000) 0"; do
    read -r kind count focus <<<"$spec"
    start=$(date +%s.%N)
    python3 "$ROOT/bench/gen_events.py" --kind "$kind" --count "$count" --db "$PARTNERAPI_DB" --focus-month "$focus" |
      "$BIN" events-import --kind "$kind" --file - >/dev/null
    end=$(date +%s.%N)
    awk -v k="$kind" -v n="$count" -v a="$start" -v b="$end" \
      'BEGIN {printf "%-7s %10d rows in %6.1f s: %8.0f rows/s (generation included)\n", k, n, b - a, n / (b - a)}'
  done
  psql "$PARTNERAPI_DB" -qXc "VACUUM ANALYZE" >/dev/null
}
if [ "$REUSE" = 1 ]; then
  echo "== reading the data loaded before (REUSE=1): no import"
else
  load
fi

PARTNERAPI_LISTEN="127.0.0.1:$PORT" "$BIN" serve >/tmp/partnerapi-stats.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; pg_stop "$PG_DIR"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/cus/ws/PartnerAPI"
envelope() { printf '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pa="http://buhphone.com/PartnerAPI"><s:Body>%s</s:Body></s:Envelope>' "$1"; }
month_from="$(date -u -d '+3 hours -30 days' +%Y-%m-%dT%H:%M:%S)"
day_from="$(date -u -d '+3 hours -1 day' +%Y-%m-%dT%H:%M:%S)"
month="<pa:statistics_read><pa:start_time>$month_from</pa:start_time></pa:statistics_read>"
day="<pa:statistics_read><pa:start_time>$day_from</pa:start_time></pa:statistics_read>"

echo "== statistics_read of the demo partner's month"
rows="$(psql "$PARTNERAPI_DB" -XAtc "SELECT count(*) FROM call WHERE partner_id = md5('partner:demo')::uuid AND started_at >= '$month_from+03:00'")"
curl -s -o /dev/null -u demo:demo -H 'Content-Type: text/xml; charset=utf-8' --data "$(envelope "$month")" \
  -w "$rows rows: first byte %{time_starttransfer} s, total %{time_total} s, %{size_download} bytes\n" "$URL" |
  awk -v n="$rows" '{print; split($0, f, " "); for (i = 1; i <= NF; i++) if ($i == "total") t = $(i + 1); printf "%.0f rows/s\n", n / t}'

wrk_run() { wrk_soap "$URL" "$1" "$2" "$3" "$DURATION" 60; }  # login body connections
peak() { awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$server/status"; }
reset_peak() { echo 5 >"/proc/$server/clear_refs"; }

echo "== one-day window, c=16: $(wrk_run demo "$day" 16)"
reset_peak
echo "== 16 concurrent month reads: $(wrk_run demo "$month" 16), peak RSS $(peak) (target < 128 MB)"
reset_peak
echo "== 64 concurrent 10,000-row client_reads: $(wrk_run bench "<pa:client_read/>" 64), peak RSS $(peak) (target < 128 MB)"
