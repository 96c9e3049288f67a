#!/usr/bin/env bash
# A throwaway Neo4j 5.26 Community server for tests, built from Maven Central (tools/neo4j-server).
#   eval "$(bash scripts/neo4j-server.sh start)"   build if needed, start in the background, wait
#                                                  until Bolt answers, print the PLANKG_NEO4J_*
#                                                  export lines (and nothing else on stdout)
#   bash scripts/neo4j-server.sh stop              stop it and delete its data
# PLANKG_NEO4J_HEAP sets the JVM heap (default 1g; a bulk load of 1,000 plans needs ~4g).
# Bolt listens on 127.0.0.1 on a free port (PLANKG_NEO4J_PORT to choose one); the password is new
# at every start. State (pid, log, data) lives in $PLANKG_NEO4J_STATE (default .neo4j-server/).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
module="$repo/tools/neo4j-server"
state="${PLANKG_NEO4J_STATE:-$repo/.neo4j-server}"
timeout_s="${PLANKG_NEO4J_START_TIMEOUT_S:-180}"

log() { echo "neo4j-server: $*" >&2; }

running_pid() {
  [ -f "$state/pid" ] || return 1
  local pid
  pid="$(cat "$state/pid")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

build() {
  command -v java >/dev/null 2>&1 || { log "java not found (Java 17+ is needed)"; exit 3; }
  command -v mvn >/dev/null 2>&1 || { log "mvn not found (Maven is needed)"; exit 3; }
  local stamp="$module/target/classpath.txt"
  if [ -f "$stamp" ] && [ -z "$(find "$module/pom.xml" "$module/src" -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  log "building $module (first run downloads Neo4j from Maven Central)"
  (cd "$module" && mvn -q -B compile) >&2
  touch "$stamp"  # the plugin leaves an unchanged classpath file alone
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# True once a Bolt handshake on the port gets a protocol version back (not just an open socket).
bolt_answers() {
  python3 - "$1" <<'PY'
import socket, sys
try:
    with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2) as s:
        s.sendall(bytes.fromhex("6060b017" "00040405" "00000404" "00000000" "00000000"))
        answer = s.recv(4)
except OSError:
    sys.exit(1)
sys.exit(0 if len(answer) == 4 and answer != b"\0\0\0\0" else 1)
PY
}

print_exports() {
  printf 'export PLANKG_NEO4J_URI=%q\n' "bolt://127.0.0.1:$(cat "$state/port")"
  printf 'export PLANKG_NEO4J_USER=%q\n' neo4j
  printf 'export PLANKG_NEO4J_PASSWORD=%q\n' "$(cat "$state/password")"
}

start() {
  if running_pid >/dev/null; then
    log "already running (pid $(cat "$state/pid"))"
    print_exports
    return 0
  fi
  build
  rm -rf "$state/data"
  mkdir -p "$state/data"
  chmod 700 "$state"
  local port password
  port="${PLANKG_NEO4J_PORT:-$(free_port)}"
  password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
  (umask 077 && echo "$password" >"$state/password")
  echo "$port" >"$state/port"
  local cp
  cp="$module/target/classes:$(cat "$module/target/classpath.txt")"
  NEO4J_SERVER_PASSWORD="$password" nohup java "-Xmx${PLANKG_NEO4J_HEAP:-1g}" -XX:+UseSerialGC \
    -cp "$cp" plankg.neo4jserver.Main "$state/data" "$port" >"$state/server.log" 2>&1 </dev/null &
  echo $! >"$state/pid"
  local waited=0
  # "ready" comes after the password is set: Bolt already answers a moment before that.
  until grep -q '^ready ' "$state/server.log" && bolt_answers "$port"; do
    if ! running_pid >/dev/null; then
      log "the server exited during start; its log ($state/server.log) ends:"
      tail -n 30 "$state/server.log" >&2
      exit 3
    fi
    if [ "$waited" -ge "$timeout_s" ]; then
      log "Bolt did not answer on 127.0.0.1:$port within ${timeout_s}s"
      stop
      exit 3
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "ready on bolt://127.0.0.1:$port (pid $(cat "$state/pid"), ${waited}s after launch)"
  print_exports
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    log "stopped (pid $pid)"
  fi
  rm -rf "$state/data" "$state/pid" "$state/port" "$state/password"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
