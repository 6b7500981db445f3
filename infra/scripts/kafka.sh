#!/usr/bin/env bash
# Local Apache Kafka (single-node KRaft, broker+controller in one JVM), no Docker.
#
#   kafka.sh up       fetch jars if needed, format storage once, start, wait until ready (no-op if :KAFKA_PORT answers)
#   kafka.sh down     SIGTERM, wait up to 30 s, then SIGKILL
#   kafka.sh status   one line: running/stopped with address
#   kafka.sh fetch    (re)fetch infra/kafka/lib from Maven Central if missing, partial or stale
#   kafka.sh reset    down + wipe .data/kafka
#   kafka.sh run CLASS [ARGS...]       run a Kafka tool class on the broker classpath
#   kafka.sh topics [TopicCommand ARGS...]   TopicCommand with --bootstrap-server filled in
#
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_SASL_PORT (9094: SASL_PLAINTEXT with
#      SCRAM-SHA-256/512), KAFKA_SCRAM_USER (emporium) and KAFKA_SCRAM_PASSWORD (emporium-dev-secret): the
#      SCRAM user created after every start, KAFKA_HEAP_OPTS (-Xmx512m), KAFKA_START_TIMEOUT seconds (60),
#      KAFKA_DATA_DIR (.data/kafka): another directory runs a second, private broker (tests do, on other ports).
# Files: jars in infra/kafka/lib (gitignored); data, rendered config, logs and pid in .data/kafka.
set -euo pipefail
# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

KAFKA_DIR="$REPO_ROOT/infra/kafka"
KAFKA_LIB="$KAFKA_DIR/lib"
KAFKA_STAMP="$KAFKA_LIB/.pom.sha256"
KAFKA_DATA="${KAFKA_DATA_DIR:-$DATA_DIR/kafka}"
KAFKA_LOCK="kafka-$(printf %s "$KAFKA_DATA" | sha256sum | cut -c1-12)"
KAFKA_LOG_DIRS="$KAFKA_DATA/data"
KAFKA_LOGS="$KAFKA_DATA/logs"
KAFKA_PROPS="$KAFKA_DATA/server.properties"
KAFKA_PID_FILE="$KAFKA_DATA/kafka.pid"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_ADDR="$KAFKA_HOST:$KAFKA_PORT"
KAFKA_SASL_PORT="${KAFKA_SASL_PORT:-9094}"
KAFKA_SCRAM_USER="${KAFKA_SCRAM_USER:-emporium}"
KAFKA_SCRAM_PASSWORD="${KAFKA_SCRAM_PASSWORD:-emporium-dev-secret}"

need_java() {
  command -v java >/dev/null 2>&1 || die "java not found (Kafka needs a JDK 17+ on PATH)"
}

pom_hash() { sha256sum "$KAFKA_DIR/pom.xml" | cut -d' ' -f1; }

lib_ok() {
  compgen -G "$KAFKA_LIB/kafka_2.13-*.jar" >/dev/null &&
    compgen -G "$KAFKA_LIB/kafka-tools-*.jar" >/dev/null &&
    compgen -G "$KAFKA_LIB/log4j-slf4j-impl-*.jar" >/dev/null &&
    [[ -f "$KAFKA_STAMP" && "$(cat "$KAFKA_STAMP")" == "$(pom_hash)" ]]
}

# "N artifacts, X MB downloaded" from Maven's batch-mode log (portable sed/awk: Linux and macOS).
mvn_progress() {
  { grep '^\[INFO\] Downloaded from' "$1" || true; } |
    sed -nE 's/.*\(([0-9.]+) (B|kB|MB) at .*/\1 \2/p' |
    awk '{ n++; mb += ($2 == "MB") ? $1 : ($2 == "kB") ? $1 / 1000 : $1 / 1e6 } END { printf "%d artifacts, %.1f MB downloaded", n, mb }'
}

kafka_fetch() {
  if lib_ok; then return 0; fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: needed once to fetch Kafka into infra/kafka/lib"
  local t0=$SECONDS
  log "fetching Kafka jars from Maven Central into infra/kafka/lib (cached in ~/.m2) ..."
  # Start clean so jars of an older version in pom.xml never end up on the classpath.
  rm -rf "$KAFKA_LIB"
  local mvn_log
  mvn_log="$(mktemp)"
  # Maven's own output goes to a file (kept for failures); every 5 s one progress line instead:
  # artifacts and megabytes downloaded so far (about 75 MB with Maven's own plugins on an empty ~/.m2).
  (cd "$KAFKA_DIR" && mvn -B package) </dev/null >"$mvn_log" 2>&1 &
  local mvn_pid=$!
  while kill -0 "$mvn_pid" 2>/dev/null; do
    sleep 5
    kill -0 "$mvn_pid" 2>/dev/null || break
    log "  ... $((SECONDS - t0))s: $(mvn_progress "$mvn_log")"
  done
  if ! wait "$mvn_pid"; then
    sed 's/\x1b\[[0-9;]*m//g' "$mvn_log" | grep -v '^$' | tail -n 30 >&2
    rm -f "$mvn_log"
    die "maven fetch failed; run (cd infra/kafka && mvn -B package) for details"
  fi
  rm -f "$mvn_log"
  compgen -G "$KAFKA_LIB/kafka_2.13-*.jar" >/dev/null || die "maven ran but infra/kafka/lib has no kafka_2.13 jar"
  pom_hash >"$KAFKA_STAMP"
  log "fetched $(find "$KAFKA_LIB" -name '*.jar' | wc -l) jars in $((SECONDS - t0))s"
}

# Pid of the broker we started, or empty.
our_pid() {
  local pid
  [[ -f "$KAFKA_PID_FILE" ]] || return 0
  pid="$(cat "$KAFKA_PID_FILE" 2>/dev/null || true)"
  if pid_alive "$pid" "kafka.Kafka"; then echo "$pid"; fi
}

# Pid of a kafka.Kafka process listening on KAFKA_PORT using our config (pid file lost), or empty.
listener_pid() {
  local pid
  command -v ss >/dev/null 2>&1 || return 0
  for pid in $(ss -ltnpH "sport = :$KAFKA_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    if pid_alive "$pid" "$KAFKA_PROPS"; then echo "$pid"; return 0; fi
  done
}

render_config() {
  mkdir -p "$KAFKA_LOG_DIRS" "$KAFKA_LOGS"
  sed -e "s|@HOST@|$KAFKA_HOST|g" \
    -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@SASL_PORT@|$KAFKA_SASL_PORT|g" \
    -e "s|@LOG_DIRS@|$KAFKA_LOG_DIRS|g" \
    "$KAFKA_DIR/server.properties" >"$KAFKA_PROPS.tmp"
  mv "$KAFKA_PROPS.tmp" "$KAFKA_PROPS"
}

format_if_needed() {
  [[ -f "$KAFKA_LOG_DIRS/meta.properties" ]] && return 0
  local cluster_id out
  cluster_id="$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  [[ -n "$cluster_id" ]] || die "StorageTool random-uuid returned nothing"
  log "formatting KRaft storage (cluster id $cluster_id)"
  if ! out="$(java -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" -cp "$KAFKA_LIB/*" \
    kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_PROPS" \
    --add-scram "SCRAM-SHA-256=[name=$KAFKA_SCRAM_USER,iterations=8192,password=$KAFKA_SCRAM_PASSWORD]" \
    --add-scram "SCRAM-SHA-512=[name=$KAFKA_SCRAM_USER,iterations=8192,password=$KAFKA_SCRAM_PASSWORD]" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "kafka storage format failed"
  fi
  scram_marker >"$KAFKA_DATA/scram-user"
}

# The SCRAM user of the SASL listener: written at format time (kafka-storage --add-scram) into a fresh
# data directory, and with kafka-configs after the start into one formatted before the listener existed
# or with another password. A marker remembers what was set, so a restart costs no extra JVM.
scram_marker() { printf '%s:%s' "$KAFKA_SCRAM_USER" "$KAFKA_SCRAM_PASSWORD" | sha256sum | cut -d' ' -f1; }

scram_user() {
  local mech out
  [[ -f "$KAFKA_DATA/scram-user" && "$(cat "$KAFKA_DATA/scram-user")" == "$(scram_marker)" ]] && return 0
  # One mechanism per request: the broker refuses two alterations of one user in the same request.
  for mech in SCRAM-SHA-256 SCRAM-SHA-512; do
    if ! out="$(java -Xmx256m -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" -cp "$KAFKA_LIB/*" \
      kafka.admin.ConfigCommand --bootstrap-server "$KAFKA_ADDR" --alter --entity-type users \
      --entity-name "$KAFKA_SCRAM_USER" --add-config "$mech=[iterations=8192,password=$KAFKA_SCRAM_PASSWORD]" 2>&1)"; then
      printf '%s\n' "$out" | grep -vE '^[[:space:]]+at ' >&2
      die "could not create the SCRAM user $KAFKA_SCRAM_USER ($mech)"
    fi
  done
  scram_marker >"$KAFKA_DATA/scram-user"
}

# log_tail SERVER_LOG_OFFSET OUT_OFFSET: what this start-up wrote, without stack frames (they hide the cause).
log_tail() {
  local f off
  for f in server.log:"$1" kafka.out:"$2"; do
    off="${f#*:}"
    f="$KAFKA_LOGS/${f%%:*}"
    [[ -s "$f" ]] || continue
    [[ "$(stat -c %s "$f")" -gt "$off" ]] || continue
    printf '[infra] ---- last lines of %s ----\n' "${f#"$REPO_ROOT"/}" >&2
    tail -c +"$((off + 1))" "$f" | grep -vE '^[[:space:]]+(at |\.\.\. [0-9]+ more)' | tail -n 25 >&2
  done
}

kafka_up_locked() {
  local pid offset=0 out_offset=0
  ensure_gitignore
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    pid="$(our_pid)"
    if [[ -z "$pid" ]]; then
      pid="$(listener_pid)"
      [[ -n "$pid" ]] && echo "$pid" >"$KAFKA_PID_FILE"
    fi
    if [[ -n "$pid" ]]; then
      log "kafka already running on $KAFKA_ADDR (pid $pid)"
    else
      log "kafka: something already answers on $KAFKA_ADDR, reusing it"
    fi
    return 0
  fi

  kafka_fetch
  need_java
  render_config
  pid="$(our_pid)"
  if [[ -z "$pid" ]]; then
    if port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
      die "controller port $KAFKA_HOST:$KAFKA_CONTROLLER_PORT is already taken (set KAFKA_CONTROLLER_PORT)"
    fi
    if port_open "$KAFKA_HOST" "$KAFKA_SASL_PORT"; then
      die "SASL port $KAFKA_HOST:$KAFKA_SASL_PORT is already taken (set KAFKA_SASL_PORT)"
    fi
    format_if_needed
    [[ -f "$KAFKA_LOGS/server.log" ]] && offset="$(stat -c %s "$KAFKA_LOGS/server.log")"
    [[ -f "$KAFKA_LOGS/kafka.out" ]] && out_offset="$(stat -c %s "$KAFKA_LOGS/kafka.out")"
    log "starting kafka on $KAFKA_ADDR (controller :$KAFKA_CONTROLLER_PORT, data ${KAFKA_DATA#"$REPO_ROOT"/})"
    # setsid: own session, so Ctrl-C or the end of a CI step does not take the broker down.
    # 9>&-: do not hand the lock file descriptor to the daemon.
    # shellcheck disable=SC2086
    setsid nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -Dkafka.logs.dir="$KAFKA_LOGS" \
      -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_PROPS" \
      </dev/null >>"$KAFKA_LOGS/kafka.out" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$KAFKA_PID_FILE"
  else
    log "kafka is starting (pid $pid), waiting"
  fi

  local t0=$SECONDS deadline=$((SECONDS + KAFKA_START_TIMEOUT)) started=0
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail "$offset" "$out_offset"
      rm -f "$KAFKA_PID_FILE"
      die "kafka exited during start-up"
    fi
    if ((started == 0)) && [[ -f "$KAFKA_LOGS/server.log" ]] &&
      tail -c +"$((offset + 1))" "$KAFKA_LOGS/server.log" | grep 'Kafka Server started' >/dev/null; then
      started=1
    fi
    if ((started == 1)) && port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      scram_user
      log "kafka ready on $KAFKA_ADDR in $((SECONDS - t0))s (pid $pid; SASL/SCRAM on :$KAFKA_SASL_PORT as $KAFKA_SCRAM_USER)"
      return 0
    fi
    sleep 0.5
  done
  log_tail "$offset" "$out_offset"
  stop_pid "$pid" kafka 10
  rm -f "$KAFKA_PID_FILE"
  die "kafka not ready after ${KAFKA_START_TIMEOUT}s"
}

kafka_down_locked() {
  local pid
  pid="$(our_pid)"
  [[ -n "$pid" ]] || pid="$(listener_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$KAFKA_PID_FILE"
    if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      warn "something else answers on $KAFKA_ADDR (not started by these scripts); leaving it alone"
    else
      log "kafka already stopped"
    fi
    return 0
  fi
  log "stopping kafka (pid $pid)"
  local t0=$SECONDS
  stop_pid "$pid" kafka 30
  rm -f "$KAFKA_PID_FILE"
  log "kafka stopped in $((SECONDS - t0))s"
}

kafka_status() {
  local pid
  pid="$(our_pid)"
  [[ -n "$pid" ]] || pid="$(listener_pid)"
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    if [[ -n "$pid" ]]; then
      log "kafka      running  $KAFKA_ADDR (pid $pid, data ${KAFKA_DATA#"$REPO_ROOT"/})"
    else
      log "kafka      running  $KAFKA_ADDR (external process)"
    fi
  elif [[ -n "$pid" ]]; then
    log "kafka      starting $KAFKA_ADDR (pid $pid, port not open yet)"
  else
    log "kafka      stopped  $KAFKA_ADDR"
  fi
}

kafka_reset() {
  with_lock "$KAFKA_LOCK" kafka_down_locked
  rm -rf "$KAFKA_DATA"
  log "wiped ${KAFKA_DATA#"$REPO_ROOT"/}"
}

kafka_run() {
  [[ $# -ge 1 ]] || die "usage: kafka.sh run CLASS [ARGS...]"
  kafka_fetch
  need_java
  exec java -Xmx512m -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" -cp "$KAFKA_LIB/*" "$@"
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
  up) with_lock "$KAFKA_LOCK" kafka_up_locked ;;
  down) with_lock "$KAFKA_LOCK" kafka_down_locked ;;
  status) kafka_status ;;
  fetch) with_lock "$KAFKA_LOCK" kafka_fetch ;;
  reset) kafka_reset ;;
  run) kafka_run "$@" ;;
  topics) kafka_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_ADDR" "$@" ;;
  *)
    echo "usage: $(basename "$0") up|down|status|fetch|reset|run CLASS [ARGS]|topics [ARGS]" >&2
    exit 2
    ;;
esac
