#!/usr/bin/env bash
# Benchmark, not a test: drives partner_read (one row) and region_read (>= 50
# rows) with wrk at 16 and 64 connections, runs pgbench -S on the same
# PostgreSQL, and prints requests/s, p50/p99 latency, the server's peak RSS and
# the ratio of partner_read to pgbench's TPS (target >= 0.5 at 16 connections).
# DURATION=60 for the RSS-flat check.
source "$(dirname "$0")/../scripts/lib.sh"
ensure_packages
build "$ROOT/build" RelWithDebInfo
DURATION="${DURATION:-15}"
PG_DIR="$ROOT/.local/pg-bench"
PORT=18181
conn="$(pg_start "$PG_DIR" 55434)"
pg_create_db "$conn" partnerapi
PARTNERAPI_DB="$conn dbname=partnerapi" PARTNERAPI_LISTEN="127.0.0.1:$PORT" \
  "$ROOT/build/src/partnerapi" serve --migrate --demo >/tmp/partnerapi-bench.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; pg_stop "$PG_DIR"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done

lua="$(mktemp --suffix .lua)"
bench_op() {  # op connections
  cat >"$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["Authorization"] = "Basic ZGVtbzpkZW1v"
wrk.body = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pa="http://buhphone.com/PartnerAPI"><s:Body><pa:$1/></s:Body></s:Envelope>'
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
LUA
  wrk -t2 -c"$2" -d"${DURATION}s" -s "$lua" "http://127.0.0.1:$PORT/cus/ws/PartnerAPI" | grep RESULT | sed "s/RESULT/$1 c=$2/"
}
rss() { awk '/VmHWM/ {print $2 " kB peak, " } /VmRSS/ {print $2 " kB now"}' "/proc/$server/status" | tr -d '\n'; echo; }

echo "== PartnerAPI (${DURATION}s each)"
for c in 16 64; do
  bench_op partner_read "$c"; echo "   server RSS: $(rss)"
  bench_op region_read "$c"; echo "   server RSS: $(rss)"
done
echo "== pgbench -S (c=16, ${DURATION}s)"
psql "$conn dbname=postgres" -qc "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" >/dev/null
pgbench -q -i -s 10 "$conn dbname=bench" >/dev/null 2>&1
pgbench -S -c 16 -j 2 -T "$DURATION" "$conn dbname=bench" 2>/dev/null | grep -E 'tps|latency average'
