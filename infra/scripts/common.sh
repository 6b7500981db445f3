# shellcheck shell=bash
# Shared helpers for infra/scripts/*.sh. Sourced, never executed.
# Resolves the repo root from this file's location, so callers work from any cwd.

INFRA_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_SCRIPTS_DIR/../.." && pwd)"
DATA_DIR="$REPO_ROOT/.data"

# shellcheck disable=SC2034 # used by the scripts that source this file
KAFKA_HOST="127.0.0.1"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
# shellcheck disable=SC2034
PG_HOST="127.0.0.1"
PGPORT="${PGPORT:-5432}"

log() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] WARN: %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# port_open HOST PORT -> 0 when something accepts TCP connections (no nc needed).
port_open() {
  local host="$1" port="$2"
  (exec 3<>"/dev/tcp/$host/$port") >/dev/null 2>&1
}

# wait_for_port HOST PORT TIMEOUT_SECONDS [PID] -> 0 when open; 1 on timeout or when PID dies.
wait_for_port() {
  local host="$1" port="$2" timeout="${3:-60}" pid="${4:-}" deadline
  deadline=$(( $(date +%s) + timeout ))
  while (( $(date +%s) < deadline )); do
    port_open "$host" "$port" && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.5
  done
  return 1
}

# pid_alive PID PATTERN -> 0 when PID runs and its command line contains PATTERN (guards against pid reuse).
pid_alive() {
  local pid="$1" pattern="$2"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -F -- "$pattern" >/dev/null  # no -q: with pipefail an early exit would SIGPIPE tr
}

# stop_pid PID NAME [GRACE_SECONDS]: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local pid="$1" name="$2" grace="${3:-30}" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < grace * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  warn "$name (pid $pid) did not stop within ${grace}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
}

# with_lock NAME CMD...: serialise concurrent `up`/`down` runs (e.g. parallel CI steps).
with_lock() {
  local name="$1"; shift
  mkdir -p "$DATA_DIR"
  if command -v flock >/dev/null 2>&1; then
    (
      flock -w 300 9 || die "could not take lock $DATA_DIR/.$name.lock"
      "$@"
    ) 9>"$DATA_DIR/.$name.lock"
  else
    "$@"
  fi
}

# ensure_gitignore: .data/ must never be committed.
ensure_gitignore() {
  local gi="$REPO_ROOT/.gitignore"
  if [[ ! -f "$gi" ]]; then
    printf '%s\n' 'node_modules/' 'dist/' '.data/' 'infra/kafka/lib/' '.nx/' 'coverage/' '*.log' >"$gi"
    log "created .gitignore"
  elif ! grep -qxE '/?\.data/?' "$gi"; then
    [[ -n "$(tail -c1 "$gi")" ]] && printf '\n' >>"$gi"
    printf '.data/\n' >>"$gi"
    log "added .data/ to .gitignore"
  fi
}
