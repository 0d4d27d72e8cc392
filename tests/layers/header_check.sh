#!/usr/bin/env bash
# The header check fails the build when a server header brings in libpq (or
# libcurl), and passes the same header without it: a real server header,
# src/server/access_log.h, is checked as it is and with an include added.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Builds the check of header $1; its output in $work/out.
check() {
  rm -rf "$work/build"
  cmake -S "$ROOT/tests/layers" -B "$work/build" -DPARTNERAPI_ROOT="$ROOT" -DHEADER="$1" >/dev/null
  cmake --build "$work/build" >"$work/out" 2>&1
}

mkdir -p "$work/server"
cp "$ROOT/src/server/access_log.h" "$work/server/access_log.h"
check "$work/server/access_log.h" || { cat "$work/out"; echo "FAIL: the header as it is was refused"; exit 1; }

for include in "<libpq-fe.h>" "<pqxx/pqxx>" "<curl/curl.h>"; do
  { cat "$ROOT/src/server/access_log.h"; echo "#include $include"; } >"$work/server/access_log.h"
  if check "$work/server/access_log.h"; then
    echo "FAIL: a server header including $include passed the check"
    exit 1
  fi
  grep -q -E "brings in (libpq or libpqxx|libcurl)" "$work/out" || { cat "$work/out"; echo "FAIL: not refused by the check"; exit 1; }
  echo "refused, as it should be: a server header including $include"
done
