#!/usr/bin/env bash
# The whole platform on one machine, no Docker: infrastructure, migrations, topics, every service, a demo seed.
#
# Usage: infra/scripts/platform.sh up|down|status|wipe   (npm start | npm stop | npm run status | npm run platform:wipe)
#   up      infra up (PostgreSQL, Kafka), migrate every service, create topics, start each service in
#           apps/ in the background (logs in .data/logs/<service>.log), wait until ready, seed demo data
#   down    stop the services (SIGTERM: they drain their consumer and outbox relay), then the infrastructure
#   status  the infrastructure, then per service: pid, readiness, lag, outbox backlog and age, dead letters
#   wipe    stop the services, then drop their databases, topics and consumer groups (infrastructure stays
#           up; test runs are untouched); the next `up` starts from nothing. Between benchmark runs.
# SEED=false skips the demo seed. Services use their default ports (3001-3008) and dev settings.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$HERE/common.sh"
cd "$REPO_ROOT"

declare -A PORTS=([merchants]=3001 [catalog]=3002 [inventory]=3003 [orders]=3004 [logistics]=3005 [membership]=3006 [marketing]=3007 [customer-service]=3008)
ORDER=(merchants catalog inventory orders logistics membership marketing customer-service)
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"

present_services() {
  local service
  for service in "${ORDER[@]}"; do
    [[ -f "apps/$service/src/main.ts" ]] && echo "$service"
  done
  return 0
}

plog() { printf '[platform] %s\n' "$*"; }

start_service() {
  local service="$1" port="${PORTS[$1]}" pidfile="$RUN_DIR/$1.pid"
  if [[ -f "$pidfile" ]] && pid_alive "$(cat "$pidfile")" "apps/$service/src/main.ts"; then
    plog "$service already running on :$port (pid $(cat "$pidfile"))"
    return 0
  fi
  if port_open 127.0.0.1 "$port"; then
    die "port $port is taken by another process; $service cannot start"
  fi
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  # A laptop: the public development JWT secret is allowed, and services listen on loopback only.
  # Rate limits stay on but high, so k6 and the benchmarks (one token, one IP) are not throttled.
  PORT="$port" EMPORIUM_DEV_MODE="${EMPORIUM_DEV_MODE:-true}" \
    RATE_LIMIT_PER_IP_PER_MINUTE="${RATE_LIMIT_PER_IP_PER_MINUTE:-600000}" \
    RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE="${RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE:-600000}" \
    LOGISTICS_URL="${LOGISTICS_URL:-http://127.0.0.1:${PORTS[logistics]}}" \
    MARKETING_URL="${MARKETING_URL:-http://127.0.0.1:${PORTS[marketing]}}" \
    MEMBERSHIP_URL="${MEMBERSHIP_URL:-http://127.0.0.1:${PORTS[membership]}}" \
    setsid nohup node -r @swc-node/register "apps/$service/src/main.ts" >>"$LOG_DIR/$service.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

wait_ready() {
  local service="$1" port="${PORTS[$1]}" pid deadline
  pid="$(cat "$RUN_DIR/$service.pid")"
  deadline=$(( $(date +%s) + 90 ))
  while (( $(date +%s) < deadline )); do
    if node -e "fetch('http://127.0.0.1:$port/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
      plog "$service ready on http://127.0.0.1:$port (docs: /docs)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOG_DIR/$service.log" >&2; die "$service exited during start-up (log: $LOG_DIR/$service.log)"; }
    sleep 1
  done
  tail -n 30 "$LOG_DIR/$service.log" >&2
  die "$service did not become ready in 90s"
}

case "${1:-}" in
  up)
    t0=$SECONDS
    [[ -d node_modules ]] || { plog "installing dependencies"; npm install --no-audit --no-fund; }
    bash "$HERE/infra.sh" up
    node -r @swc-node/register infra/scripts/migrate.ts
    node -r @swc-node/register infra/scripts/create-topics.ts
    mapfile -t services < <(present_services)
    for service in "${services[@]}"; do start_service "$service"; done
    for service in "${services[@]}"; do wait_ready "$service"; done
    if [[ "${SEED:-true}" != "false" ]]; then node -r @swc-node/register infra/scripts/seed-demo.ts; fi
    plog "platform up in $((SECONDS - t0))s: ${services[*]}"
    ;;
  down | wipe)
    for service in "${ORDER[@]}"; do
      pidfile="$RUN_DIR/$service.pid"
      [[ -f "$pidfile" ]] || continue
      pid="$(cat "$pidfile")"
      if pid_alive "$pid" "apps/$service/src/main.ts"; then
        plog "stopping $service (pid $pid)"
        stop_pid "$pid" "$service" 30
      fi
      rm -f "$pidfile"
    done
    if [[ "$1" == wipe ]]; then
      node -r @swc-node/register infra/scripts/wipe-platform.ts
    else
      bash "$HERE/infra.sh" down
    fi
    ;;
  status)
    bash "$HERE/infra.sh" status
    # Per service: process, readiness (database, broker), consumer lag, outbox backlog and age, dead letters.
    node -r @swc-node/register infra/scripts/status.ts
    ;;
  *)
    echo "usage: $(basename "$0") up|down|status" >&2
    exit 2
    ;;
esac
