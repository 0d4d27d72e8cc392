#!/usr/bin/env bash
# The shipped systemd unit passes `systemd-analyze verify`, with its ExecStart
# pointed at the binary under test (verify checks that it exists). Skipped (77)
# where systemd-analyze is missing.
set -euo pipefail
unit="$1" binary="$2"
command -v systemd-analyze >/dev/null || { echo "skipped: systemd-analyze is not installed"; exit 77; }
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
sed "s|/usr/local/bin/partnerapi|$binary|" "$unit" >"$dir/partnerapi.service"
out="$(systemd-analyze verify "$dir/partnerapi.service" 2>&1)" || { echo "$out"; exit 1; }
# verify prints warnings without failing: none are accepted either.
if [ -n "$out" ]; then echo "$out"; exit 1; fi
for key in NoNewPrivileges=yes ProtectSystem=strict User=partnerapi LimitNOFILE=; do
  grep -q "^$key" "$unit" || { echo "the unit lacks $key"; exit 1; }
done
echo "systemd unit verified"
