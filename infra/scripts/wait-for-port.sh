#!/usr/bin/env bash
# Usage: wait-for-port.sh HOST PORT [TIMEOUT_SECONDS=60]
# Exits 0 as soon as HOST:PORT accepts TCP connections, 1 after the timeout. Needs only bash.
set -euo pipefail
# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

[[ $# -ge 2 ]] || { echo "usage: $0 HOST PORT [TIMEOUT_SECONDS]" >&2; exit 2; }
if wait_for_port "$1" "$2" "${3:-60}"; then
  exit 0
fi
warn "$1:$2 not reachable after ${3:-60}s"
exit 1
