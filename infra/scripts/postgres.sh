#!/usr/bin/env bash
# Local PostgreSQL 15 on 127.0.0.1:PGPORT for Emporium, no Docker.
#
#   postgres.sh up      start (or reuse) a server; ensure role emporium/emporium (SUPERUSER, password auth
#                       over TCP), the service databases, max_connections >= 300, and the rum extension's
#                       package (Debian postgresql-15-rum, as root)
#   postgres.sh down    stop the server if these scripts manage it (never an external one)
#   postgres.sh status  one line: running/stopped with address
#   postgres.sh reset   down; wipe .data/postgres in local mode (the Debian cluster's data is kept)
#
# Modes (PG_MODE=auto|system|local, default auto):
#   system  root and pg_ctlcluster present: the Debian cluster "$PG_CLUSTER_VERSION $PG_CLUSTER_NAME" (15 main)
#   local   anyone else: initdb into .data/postgres, pg_ctl start (binaries from PATH or
#           /usr/lib/postgresql/15/bin, or PG_BINDIR)
# In both modes a server that already accepts emporium/emporium on PGPORT is reused.
# Env: PGPORT (5432), PG_MODE, PG_BINDIR, PG_CLUSTER_VERSION (15), PG_CLUSTER_NAME (main).
set -euo pipefail
# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

PG_USER=emporium
PG_PASSWORD=emporium
PG_MIN_CONNECTIONS=300
PG_DATABASES=(
  emporium_merchants emporium_catalog emporium_inventory emporium_orders
  emporium_logistics emporium_membership emporium_marketing emporium_customer_service
)
PG_CLUSTER_VERSION="${PG_CLUSTER_VERSION:-15}"
PG_CLUSTER_NAME="${PG_CLUSTER_NAME:-main}"
PG_LOCAL_DATA="$DATA_DIR/postgres"
PG_LOCAL_LOG="$PG_LOCAL_DATA/postgres.log"
PG_ADDR="$PG_HOST:$PGPORT"
PG_URL="postgresql://$PG_USER:$PG_PASSWORD@$PG_HOST:$PGPORT/postgres"

# Never let a caller's libpq environment redirect our psql calls.
unset PGHOST PGUSER PGPASSWORD PGDATABASE PGSERVICE PGSSLMODE PGOPTIONS 2>/dev/null || true

pg_mode() {
  local mode="${PG_MODE:-auto}"
  case "$mode" in
    system | local) echo "$mode" ;;
    auto)
      if [[ "$(id -u)" == 0 ]] && command -v pg_ctlcluster >/dev/null 2>&1; then echo system; else echo local; fi
      ;;
    *) die "PG_MODE must be auto, system or local (got '$mode')" ;;
  esac
}
MODE="$(pg_mode)"

# Directory holding initdb/pg_ctl/psql.
pg_bindir() {
  local d
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  for d in "/usr/lib/postgresql/$PG_CLUSTER_VERSION/bin" /usr/lib/postgresql/*/bin; do
    [[ -x "$d/pg_ctl" ]] && { echo "$d"; return; }
  done
  d="$(command -v pg_ctl 2>/dev/null || true)"
  [[ -n "$d" ]] && { dirname "$(readlink -f "$d")"; return; }
  die "PostgreSQL server binaries not found (install postgresql-15 or set PG_BINDIR)"
}

psql_bin() {
  if command -v psql >/dev/null 2>&1; then command -v psql; else echo "$(pg_bindir)/psql"; fi
}

# psql as emporium over TCP (password auth); extra args passed through.
psql_app() {
  PGCONNECT_TIMEOUT=5 "$(psql_bin)" "$PG_URL" -X -q -At -v ON_ERROR_STOP=1 "$@"
}

creds_ok() { psql_app -c 'select 1' >/dev/null 2>&1; }

# ---------- system mode: Debian cluster ----------

cluster_exists() { [[ -d "/etc/postgresql/$PG_CLUSTER_VERSION/$PG_CLUSTER_NAME" ]]; }
cluster_online() { pg_ctlcluster "$PG_CLUSTER_VERSION" "$PG_CLUSTER_NAME" status >/dev/null 2>&1; }
cluster_port() { pg_conftool -s "$PG_CLUSTER_VERSION" "$PG_CLUSTER_NAME" show port 2>/dev/null || echo 5432; }
cluster_ctl() { pg_ctlcluster "$PG_CLUSTER_VERSION" "$PG_CLUSTER_NAME" "$@" 9>&-; }

# psql as the postgres OS user over the Unix socket (peer auth).
psql_postgres() {
  (cd / && runuser -u postgres -- "$(psql_bin)" -X -q -At -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres "$@")
}

system_start() {
  if ! cluster_exists; then
    log "creating Debian cluster $PG_CLUSTER_VERSION/$PG_CLUSTER_NAME on port $PGPORT"
    pg_createcluster "$PG_CLUSTER_VERSION" "$PG_CLUSTER_NAME" --port "$PGPORT" >/dev/null 9>&-
  fi
  if [[ "$(cluster_port)" != "$PGPORT" ]]; then
    log "setting cluster $PG_CLUSTER_VERSION/$PG_CLUSTER_NAME port to $PGPORT"
    pg_conftool "$PG_CLUSTER_VERSION" "$PG_CLUSTER_NAME" set port "$PGPORT"
    if cluster_online; then cluster_ctl restart; fi
  fi
  if ! cluster_online; then
    log "starting Debian cluster $PG_CLUSTER_VERSION/$PG_CLUSTER_NAME on $PG_ADDR"
    cluster_ctl start
  fi
}

system_bootstrap_role() {
  log "creating/repairing role $PG_USER (superuser, password auth)"
  psql_postgres <<SQL
SET password_encryption = 'scram-sha-256';
SELECT CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')
  THEN 'ALTER ROLE $PG_USER WITH LOGIN SUPERUSER PASSWORD ''$PG_PASSWORD'''
  ELSE 'CREATE ROLE $PG_USER WITH LOGIN SUPERUSER PASSWORD ''$PG_PASSWORD'''
END \gexec
SQL
  creds_ok && return 0
  # Password is right but pg_hba.conf refuses it: allow emporium from 127.0.0.1 with scram, first rule wins.
  local hba
  hba="$(psql_postgres -c 'show hba_file')"
  local rule="host all $PG_USER 127.0.0.1/32 scram-sha-256"
  if ! grep -qxF "$rule" "$hba"; then
    log "adding '$rule' to $hba"
    { echo "# added by emporium infra/scripts/postgres.sh"; echo "$rule"; cat "$hba"; } >"$hba.tmp"
    cat "$hba.tmp" >"$hba" && rm -f "$hba.tmp"
  fi
  cluster_ctl reload
  sleep 1
  creds_ok || die "role $PG_USER still cannot log in over TCP on $PG_ADDR (see $hba)"
}

# ---------- local mode: initdb into .data/postgres ----------

local_online() { [[ -f "$PG_LOCAL_DATA/PG_VERSION" ]] && "$(pg_bindir)/pg_ctl" -D "$PG_LOCAL_DATA" status >/dev/null 2>&1; }

local_pg_ctl_start() {
  "$(pg_bindir)/pg_ctl" -D "$PG_LOCAL_DATA" -l "$PG_LOCAL_LOG" -w -t 60 \
    -o "-p $PGPORT -c listen_addresses=$PG_HOST -c unix_socket_directories=''" "$@" >/dev/null 9>&- ||
    { tail -n 30 "$PG_LOCAL_LOG" >&2 || true; die "pg_ctl $* failed (log: .data/postgres/postgres.log)"; }
}

local_start() {
  [[ "$(id -u)" != 0 ]] || die "local mode cannot run as root (initdb refuses); use PG_MODE=system"
  local bindir
  bindir="$(pg_bindir)"
  if [[ ! -f "$PG_LOCAL_DATA/PG_VERSION" ]]; then
    log "initdb into .data/postgres (superuser $PG_USER)"
    rm -rf "$PG_LOCAL_DATA"
    mkdir -p "$DATA_DIR"
    local pwfile
    pwfile="$(mktemp)"
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    if ! "$bindir/initdb" -D "$PG_LOCAL_DATA" -U "$PG_USER" --pwfile="$pwfile" -E UTF8 --locale=C \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$DATA_DIR/postgres-initdb.log" 2>&1; then
      rm -f "$pwfile"
      tail -n 20 "$DATA_DIR/postgres-initdb.log" >&2
      rm -rf "$PG_LOCAL_DATA"
      die "initdb failed"
    fi
    rm -f "$pwfile" "$DATA_DIR/postgres-initdb.log"
    printf '\n# emporium local dev settings\nmax_connections = %s\n' "$PG_MIN_CONNECTIONS" >>"$PG_LOCAL_DATA/postgresql.conf"
  fi
  if ! local_online; then
    log "starting local postgres (.data/postgres) on $PG_ADDR"
    local_pg_ctl_start start
  fi
}

# ---------- common ----------

managed_restart() {
  case "$1" in
    system) cluster_ctl restart ;;
    local) local_pg_ctl_start restart -m fast ;;
  esac
}

ensure_databases() {
  local list created
  list="$(printf "'%s'," "${PG_DATABASES[@]}")"
  created="$(psql_app <<SQL
SELECT format('CREATE DATABASE %I OWNER $PG_USER', d)
FROM unnest(ARRAY[${list%,}]) AS d
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = d) \gexec
SELECT count(*) FROM pg_database WHERE datname = ANY(ARRAY[${list%,}]);
SQL
)"
  [[ "$created" == "${#PG_DATABASES[@]}" ]] || die "expected ${#PG_DATABASES[@]} service databases, found '$created'"
}

# $1 = system|local|external
ensure_max_connections() {
  local who="$1" row setting pending
  row="$(psql_app -F ' ' -c "select setting, pending_restart from pg_settings where name = 'max_connections'")"
  setting="${row% *}"
  pending="${row#* }"
  ((setting >= PG_MIN_CONNECTIONS)) && return 0
  if [[ "$who" == external ]]; then
    warn "max_connections is $setting on $PG_ADDR (external server, not changed); tests want >= $PG_MIN_CONNECTIONS"
    return 0
  fi
  if [[ "$pending" != t ]]; then
    psql_app -c "ALTER SYSTEM SET max_connections = $PG_MIN_CONNECTIONS"
  fi
  log "max_connections $setting -> $PG_MIN_CONNECTIONS (one-time restart)"
  managed_restart "$who"
  wait_for_port "$PG_HOST" "$PGPORT" 30 || die "postgres did not come back after restart"
  local i
  for ((i = 0; i < 20; i++)); do creds_ok && break; sleep 0.5; done
  setting="$(psql_app -c 'show max_connections')"
  ((setting >= PG_MIN_CONNECTIONS)) || die "max_connections still $setting after restart"
}

ensure_superuser() {
  local who="$1" su
  su="$(psql_app -c 'select rolsuper from pg_roles where rolname = current_user')"
  [[ "$su" == t ]] && return 0
  if [[ "$who" == system ]]; then
    psql_postgres -c "ALTER ROLE $PG_USER WITH SUPERUSER"
  else
    warn "role $PG_USER on $PG_ADDR is not SUPERUSER; tests that create databases will fail"
  fi
}

# The catalog's search ranks with the RUM index (`CREATE EXTENSION rum` in its migrations): the server
# needs Debian's postgresql-15-rum next to it. Installed as root with apt; never upgrades the server
# itself: a newer server binary on disk under a running older server breaks loading its own libraries
# (plpgsql) in new connections, so the rum build is chosen to fit the installed server version.
rum_installed() {
  local sharedir="/usr/share/postgresql/$PG_CLUSTER_VERSION"
  [[ -x "$(pg_bindir)/pg_config" ]] && sharedir="$("$(pg_bindir)/pg_config" --sharedir)"
  [[ -f "$sharedir/extension/rum.control" ]]
}

ensure_rum() {
  rum_installed && return 0
  local package="postgresql-$PG_CLUSTER_VERSION-rum" server version
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    warn "the rum extension is missing (catalog search needs it): install $package as root"
    return 0
  fi
  server="$(dpkg-query -W -f='${Version}' "postgresql-$PG_CLUSTER_VERSION" 2>/dev/null || true)"
  [[ -n "$(apt-cache madison "$package" 2>/dev/null)" ]] || apt-get update -qq
  for version in $(apt-cache madison "$package" | awk '{print $3}'); do
    log "installing $package $version (catalog search)"
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package=$version" \
      ${server:+"postgresql-$PG_CLUSTER_VERSION=$server"} >/dev/null 2>&1; then
      return 0
    fi
  done
  warn "could not install $package for postgresql-$PG_CLUSTER_VERSION $server; catalog migrations will fail"
}

postgres_up_locked() {
  local t0=$SECONDS who
  ensure_gitignore
  if [[ "$MODE" == system ]]; then
    if port_open "$PG_HOST" "$PGPORT" && ! cluster_online; then
      creds_ok || die "port $PGPORT is taken by a server that is not the Debian cluster and refuses $PG_USER/$PG_PASSWORD; set PGPORT"
      who=external
    else
      system_start
      who=system
      wait_for_port "$PG_HOST" "$PGPORT" 30 || die "cluster started but $PG_ADDR not reachable (listen_addresses?)"
      creds_ok || system_bootstrap_role
    fi
  else
    if port_open "$PG_HOST" "$PGPORT" && ! local_online; then
      creds_ok || die "port $PGPORT is taken by a server that refuses $PG_USER/$PG_PASSWORD; set PGPORT or stop it"
      who=external
    else
      local_start
      who=local
      creds_ok || die "local cluster is up but $PG_USER cannot log in on $PG_ADDR (wipe: infra.sh reset)"
    fi
  fi
  ensure_superuser "$who"
  ensure_rum
  ensure_max_connections "$who"
  ensure_databases
  local desc
  case "$who" in
    system) desc="debian cluster $PG_CLUSTER_VERSION/$PG_CLUSTER_NAME" ;;
    local) desc="local .data/postgres" ;;
    external) desc="external server, reused" ;;
  esac
  log "postgres ready on $PG_ADDR ($desc, ${#PG_DATABASES[@]} databases) in $((SECONDS - t0))s"
}

postgres_down_locked() {
  if [[ "$MODE" == system ]]; then
    if cluster_exists && cluster_online; then
      log "stopping Debian cluster $PG_CLUSTER_VERSION/$PG_CLUSTER_NAME"
      cluster_ctl stop -m fast
      return 0
    fi
  elif local_online; then
    log "stopping local postgres (.data/postgres)"
    "$(pg_bindir)/pg_ctl" -D "$PG_LOCAL_DATA" -m fast -w stop >/dev/null
    return 0
  fi
  if port_open "$PG_HOST" "$PGPORT"; then
    warn "something else answers on $PG_ADDR (not managed by these scripts); leaving it alone"
  else
    log "postgres already stopped"
  fi
}

postgres_status() {
  local desc auth
  if [[ "$MODE" == system ]] && cluster_exists && cluster_online; then
    desc="debian cluster $PG_CLUSTER_VERSION/$PG_CLUSTER_NAME"
  elif [[ "$MODE" == local ]] && local_online; then
    desc="local .data/postgres"
  else
    desc="external"
  fi
  if port_open "$PG_HOST" "$PGPORT"; then
    if creds_ok; then auth="login $PG_USER ok"; else auth="login $PG_USER FAILED"; fi
    log "postgres   running  $PG_ADDR ($desc, $auth)"
  else
    log "postgres   stopped  $PG_ADDR"
  fi
}

postgres_reset() {
  with_lock postgres postgres_down_locked
  if [[ "$MODE" == local ]]; then
    rm -rf "$PG_LOCAL_DATA"
    log "wiped .data/postgres"
  else
    log "kept the Debian cluster's data (drop databases by hand if needed)"
  fi
}

cmd="${1:-}"
case "$cmd" in
  up) with_lock postgres postgres_up_locked ;;
  down) with_lock postgres postgres_down_locked ;;
  status) postgres_status ;;
  reset) postgres_reset ;;
  *)
    echo "usage: $(basename "$0") up|down|status|reset" >&2
    exit 2
    ;;
esac
