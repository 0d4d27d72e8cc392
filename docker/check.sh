#!/usr/bin/env bash
# Checks the container image as far as this machine allows: a container
# cannot be run here (the sandbox refuses the runtime's setrlimit), but an
# image can be built and its contents run.
#   1. a local base image docker.io/library/debian:bookworm-slim from Debian's
#      own packages (debootstrap --variant=minbase), cached under .local/;
#   2. podman builds docker/Dockerfile with it (no registry is reached);
#   3. the image's binary runs from the image's root (chroot, as its user)
#      against a throwaway PostgreSQL: migrate, demo, serve, /health/ready,
#      ?wsdl and partner_read answered, which proves the image complete;
#   4. docker/compose.yaml is validated by docker-compose.
# Says what it skipped and why when podman, debootstrap or docker-compose is
# missing (exit 0); any failure of what it runs is exit 1.
source "$(dirname "$0")/../scripts/lib.sh"
set -euo pipefail
BASE_TAG=docker.io/library/debian:bookworm-slim
IMAGE=localhost/partnerapi:check
ROOTFS="$ROOT/.local/debian-rootfs"
BASE_TAR="$ROOT/.local/debian-bookworm-minbase.tar"
skipped=()

check_compose() {
  if ! command -v docker-compose >/dev/null; then
    skipped+=("compose validation: docker-compose is not installed (Debian package docker-compose)")
    return
  fi
  (cd "$ROOT/docker" && POSTGRES_PASSWORD=check PARTNERAPI_AGENT_KEYS=check:key docker-compose -f compose.yaml config -q)
  log "docker/compose.yaml: valid"
}

base_image() {
  podman image exists "$BASE_TAG" && return
  if [ ! -f "$BASE_TAR" ]; then
    log "making the base image with debootstrap (once; cached in .local/)"
    rm -rf "$ROOTFS"
    if ! debootstrap --variant=minbase bookworm "$ROOTFS" http://deb.debian.org/debian >"$ROOT/.local/debootstrap.log" 2>&1; then
      tail -5 "$ROOT/.local/debootstrap.log" >&2
      return 1
    fi
    tar -C "$ROOTFS" -c . >"$BASE_TAR.part" && mv "$BASE_TAR.part" "$BASE_TAR"
  fi
  podman import -q "$BASE_TAR" "$BASE_TAG" >/dev/null
}

# A failure to reach Debian's mirror is the machine's, not the image's.
unreachable_mirror() { grep -qE "Temporary failure resolving|Could not resolve|Failed to fetch|Couldn't download" "$1"; }

check_image() {
  for tool in podman debootstrap; do
    if ! command -v "$tool" >/dev/null; then
      skipped+=("the image: $tool is not installed (Debian package $tool)")
      return
    fi
  done
  if ! base_image; then
    if unreachable_mirror "$ROOT/.local/debootstrap.log"; then
      skipped+=("the image: debootstrap cannot reach deb.debian.org from this machine")
      return
    fi
    log "the base image could not be made"
    return 1
  fi
  log "building docker/Dockerfile with podman"
  local build_log="$ROOT/.local/podman-build.log"
  if ! podman build --format docker --isolation=chroot --pull=never -f "$ROOT/docker/Dockerfile" -t "$IMAGE" \
      --build-arg PARTNERAPI_COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" "$ROOT" \
      >"$build_log" 2>&1; then
    if unreachable_mirror "$build_log"; then
      skipped+=("the image: its build cannot reach deb.debian.org from this machine")
      return
    fi
    tail -30 "$build_log" >&2
    log "podman build of docker/Dockerfile failed"
    return 1
  fi
  local user healthcheck
  user="$(podman image inspect -f '{{.Config.User}}' "$IMAGE")"
  # Where podman puts it depends on its version and the image's format: read the JSON.
  healthcheck="$(podman image inspect "$IMAGE" | python3 -c 'import json, sys
image = json.load(sys.stdin)[0]
check = image.get("Healthcheck") or image.get("HealthCheck") or (image.get("Config") or {}).get("Healthcheck") or {}
print(" ".join(check.get("Test") or []))')"
  [ "$user" = partnerapi ] || { log "the image runs as '$user', not partnerapi"; return 1; }
  [[ "$healthcheck" == *health/live* ]] || { log "the image has no HEALTHCHECK on /health/live ($healthcheck)"; return 1; }
  local mnt pg port server=""
  mnt="$(podman image mount "$IMAGE")"
  pg="$ROOT/.local/pg-docker-check"
  trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; pg_stop "$pg"; podman image unmount "$IMAGE" >/dev/null' RETURN
  rm -rf "$pg"
  local conn
  conn="$(pg_start "$pg" "$(free_port)")"
  pg_create_db "$conn" partnerapi
  # Over TCP: the cluster's socket directory is not inside the image's root.
  local pgport="${conn##*port=}"
  pgport="${pgport%% *}"
  local db="host=127.0.0.1 port=$pgport user=postgres dbname=partnerapi"
  local keys
  keys="$(chroot --userspec=10001:10001 "$mnt" /usr/local/bin/partnerapi agent-key-new --id check)"
  local run=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin PARTNERAPI_DB="$db" PARTNERAPI_AGENT_KEYS="$keys" chroot --userspec=10001:10001 "$mnt"
             /usr/local/bin/partnerapi --config /etc/partnerapi/partnerapi.toml)
  "${run[@]}" migrate >/dev/null
  "${run[@]}" demo >/dev/null 2>&1
  port="$(free_port)"
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin PARTNERAPI_DB="$db" PARTNERAPI_AGENT_KEYS="$keys" PARTNERAPI_LISTEN="127.0.0.1:$port" \
    chroot --userspec=10001:10001 "$mnt" /usr/local/bin/partnerapi --config /etc/partnerapi/partnerapi.toml serve \
    >"$ROOT/.local/docker-check-server.log" 2>&1 &
  server=$!
  local ready=""
  for _ in $(seq 1 100); do
    ready="$(curl -s "http://127.0.0.1:$port/health/ready" || true)"
    [ "$ready" = ready ] && break
    sleep 0.1
  done
  [ "$ready" = ready ] || { log "the image's server is not ready: $ready"; cat "$ROOT/.local/docker-check-server.log"; return 1; }
  local wsdl answer
  wsdl="$(curl -sf "http://127.0.0.1:$port/cus/ws/PartnerAPI?wsdl" || true)"
  [[ "$wsdl" == *"address location=\"http://127.0.0.1:$port/cus/ws/PartnerAPI\""* ]] ||
    { log "the image's server gives no WSDL"; return 1; }
  answer="$(curl -sf -u demo:demo -H 'Content-Type: text/xml; charset=utf-8' --data \
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pa="http://buhphone.com/PartnerAPI"><s:Body><pa:partner_read/></s:Body></s:Envelope>' \
    "http://127.0.0.1:$port/cus/ws/PartnerAPI" || true)"
  [[ "$answer" == *"<row>"* ]] || { log "the image's server did not answer partner_read"; return 1; }
  log "the image ($(podman image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')) runs as partnerapi: migrate, demo, serve, /health/ready, ?wsdl and partner_read work"
}

check_compose
check_image
for s in "${skipped[@]}"; do log "SKIPPED $s"; done
