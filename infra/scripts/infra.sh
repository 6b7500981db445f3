#!/usr/bin/env bash
# Emporium local infrastructure: PostgreSQL 15 and Apache Kafka (KRaft), no Docker.
#
# Usage: infra/scripts/infra.sh up|down|status|reset      (npm run infra:up|infra:down|infra:status)
#   up      start PostgreSQL and Kafka and wait until both are ready; idempotent, a no-op when running
#   down    stop both (only what these scripts started / manage)
#   status  one line per component: running/stopped with address (always exits 0)
#   reset   down, then wipe .data/kafka (and .data/postgres for the local initdb cluster;
#           the Debian system cluster's data is kept)
#
# Environment overrides:
#   KAFKA_PORT=9092             broker listener (PLAINTEXT on 127.0.0.1)
#   KAFKA_CONTROLLER_PORT=9093  KRaft controller listener
#   KAFKA_HEAP_OPTS=-Xmx512m    broker JVM heap
#   KAFKA_START_TIMEOUT=60      seconds to wait for "Kafka Server started"
#   PGPORT=5432                 PostgreSQL on 127.0.0.1
#   PG_MODE=auto                auto | system (Debian cluster 15/main, needs root) | local (initdb in .data/postgres)
#   PG_BINDIR                   PostgreSQL server binaries (default /usr/lib/postgresql/15/bin or PATH)
#
# Connection: postgresql://emporium:emporium@127.0.0.1:5432/<db>, Kafka bootstrap 127.0.0.1:9092.
# Works from any cwd; runtime state lives in <repo>/.data (gitignored).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$HERE/common.sh"

usage() {
  echo "usage: $(basename "$0") up|down|status|reset" >&2
  exit 2
}

cmd="${1:-}"
case "$cmd" in
  up)
    t0=$SECONDS
    bash "$HERE/postgres.sh" up
    bash "$HERE/kafka.sh" up
    log "infrastructure up in $((SECONDS - t0))s"
    ;;
  down)
    # reverse of start order
    bash "$HERE/kafka.sh" down
    bash "$HERE/postgres.sh" down
    ;;
  status)
    bash "$HERE/postgres.sh" status
    bash "$HERE/kafka.sh" status
    ;;
  reset)
    bash "$HERE/kafka.sh" reset
    bash "$HERE/postgres.sh" reset
    ;;
  *) usage ;;
esac
