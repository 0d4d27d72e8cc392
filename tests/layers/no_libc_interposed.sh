#!/usr/bin/env bash
# The executable replaces no libc function: its dynamic symbol table defines
# no poll() (nor another of the waits and I/O calls a library makes), so a
# library that blocks, blocks, and every wait of ours is an explicit one.
set -euo pipefail
bin="$1"
defined="$(nm -D --defined-only "$bin" | awk '{print $3}')"
interposed="$(grep -x -E 'poll|ppoll|select|pselect|epoll_wait|epoll_pwait|read|write|recv|recvfrom|send|sendto|connect|accept|nanosleep|usleep|sleep' <<<"$defined" || true)"
if [ -n "$interposed" ]; then
  echo "FAIL: $bin defines libc's $(tr '\n' ' ' <<<"$interposed")"
  exit 1
fi
grep -q -x soap_resolve <<<"$defined" || { echo "FAIL: the nm output does not look like the server's"; exit 1; }
echo "no libc function is defined by $bin"
