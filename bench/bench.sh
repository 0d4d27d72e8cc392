#!/usr/bin/env bash
# Benchmark, not a test. In one run, with wrk at 16 and 64 connections:
#   partner_read (one row) and region_read (83 rows) as demo;
#   client_read of one client and of all 10,000 clients of a bench partner;
# then pgbench -S on the same PostgreSQL. Prints requests/s, p50/p99 latency,
# the server's RSS after each step (and its peak), and the ratio of
# partner_read to pgbench's TPS at 16 connections (target >= 0.5): the median
# of ROUNDS (3) rounds of the two run one after the other.
# DURATION=60 for the RSS-flat check. PARTNERAPI_BENCH_BIN runs another
# binary (an earlier build, to compare) instead of building this checkout.
source "$(dirname "$0")/../scripts/lib.sh"
ensure_packages
DURATION="${DURATION:-15}"
PG_DIR="$ROOT/.local/pg-bench"
PORT="$(free_port)"
BIN="${PARTNERAPI_BENCH_BIN:-}"
if [ -z "$BIN" ]; then
  build "$ROOT/build" RelWithDebInfo
  BIN="$ROOT/build/src/partnerapi"
fi
conn="$(pg_start "$PG_DIR" "$(free_port)")"
pg_create_db "$conn" partnerapi
export PARTNERAPI_DB="$conn dbname=partnerapi"
# A throwaway key ring for agents' passwords.
export PARTNERAPI_AGENT_KEYS="${PARTNERAPI_AGENT_KEYS:-$("$BIN" agent-key-new --id bench)}"
"$BIN" migrate >/dev/null
"$BIN" demo

# A partner with 10,000 clients in Moscow, login bench/bench.
psql "$PARTNERAPI_DB" -qX >/dev/null <<'SQL'
INSERT INTO partner (id, name) VALUES (md5('partner:bench')::uuid, 'Бенчмарк') ON CONFLICT DO NOTHING;
INSERT INTO partner_region VALUES (md5('partner:bench')::uuid, md5('region:Москва')::uuid) ON CONFLICT DO NOTHING;
INSERT INTO client (id, partner_id, region_id, name, full_name, inn, kpp, reg_num, addit_attribute, new_id)
SELECT md5('bench-client:' || i)::uuid, md5('partner:bench')::uuid, md5('region:Москва')::uuid,
       'Клиент № ' || i, 'Общество с ограниченной ответственностью «Клиент № ' || i || '»',
       (7700000000 + i)::text, '770001001', (600000 + i)::text, 'bench', md5('bench-client-new:' || i)::uuid
FROM generate_series(1, 10000) i ON CONFLICT DO NOTHING;
SQL
echo bench | "$BIN" login-add --login bench --partner "$(psql "$PARTNERAPI_DB" -XAtc "SELECT md5('partner:bench')::uuid")"

PARTNERAPI_LISTEN="127.0.0.1:$PORT" "$BIN" serve >/tmp/partnerapi-bench.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; pg_stop "$PG_DIR"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done

declare -A RPS
bench_op() {  # label login body connections
  local line
  line="$(wrk_soap "http://127.0.0.1:$PORT/cus/ws/PartnerAPI" "$2" "$3" "$4" "$DURATION" 10)"
  RPS["$1/$4"]="$(awk '{print $1}' <<<"$line")"
  printf '%-28s c=%-3s %s   RSS %s\n' "$1" "$4" "$line" "$(rss)"
}
rss() { awk '/VmRSS/ {now=$2} /VmHWM/ {peak=$2} END {printf "%d MB (peak %d MB)", now/1024, peak/1024}' "/proc/$server/status"; }

one_client="<pa:client_read><pa:client_id>$(psql "$PARTNERAPI_DB" -XAtc "SELECT md5('bench-client:42')::uuid")</pa:client_id></pa:client_read>"
size="$(curl -s -u bench:bench -H 'Content-Type: text/xml' --data "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:pa=\"http://buhphone.com/PartnerAPI\"><s:Body><pa:client_read/></s:Body></s:Envelope>" "http://127.0.0.1:$PORT/cus/ws/PartnerAPI" | wc -c)"
echo "== PartnerAPI, ${DURATION}s each (client_read of 10,000 clients: $((size / 1024)) KB per response)"
for c in 16 64; do
  bench_op partner_read demo "<pa:partner_read/>" "$c"
  bench_op "region_read (83 rows)" demo "<pa:region_read/>" "$c"
  bench_op "client_read (1 row)" bench "$one_client" "$c"
  bench_op "client_read (10,000 rows)" bench "<pa:client_read/>" "$c"
done
psql "$conn dbname=postgres" -qc "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" >/dev/null
pgbench -q -i -s 10 "$conn dbname=bench" >/dev/null 2>&1
# The ratio from rounds of partner_read then pgbench, one right after the
# other, and their median: the machine's speed drifts between runs minutes apart.
ROUNDS="${ROUNDS:-3}"
echo "== ratio: $ROUNDS rounds of partner_read then pgbench -S, c=16, ${DURATION}s each"
ratios=()
for r in $(seq 1 "$ROUNDS"); do
  bench_op partner_read demo "<pa:partner_read/>" 16 >/dev/null
  tps="$(pgbench -S -c 16 -j 2 -T "$DURATION" "$conn dbname=bench" 2>/dev/null | awk '/^tps/ {print $3; exit}')"
  ratio="$(awk -v a="${RPS[partner_read/16]}" -v b="$tps" 'BEGIN {printf "%.2f", a / b}')"
  printf 'round %d: partner_read %s rps, pgbench -S %.0f tps, ratio %s\n' "$r" "${RPS[partner_read/16]}" "$tps" "$ratio"
  ratios+=("$ratio")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR]=$1} END {printf "ratio partner_read / pgbench -S at c=16, median of %d: %.2f (target >= 0.5)\n", NR, v[int((NR+1)/2)]}'
