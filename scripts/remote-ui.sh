#!/usr/bin/env bash
# UI tests of the remote case (test/remote/, Playwright project `remote`): a browser that reaches
# the Jupyter server and nothing else of the kernels' machine, as on JupyterHub or over SSH.
#
# The Jupyter server (the project's host) and its kernels run in this network namespace;
# Playwright and Chromium run in a network namespace of their own whose loopback has a single
# open port, the Jupyter server's, carried in through a Unix socket (socat on both sides). Plot
# servers on 127.0.0.1:<port> are then out of the browser's reach. Loopback addresses only.
#
# Two passes: the server at `/`, then under `--ServerApp.base_url=/user/alice/` (the tests tagged
# @prefix). While a pass runs the host is started again whenever it exits: a test ends it to see
# the panel come back through the route.
#
#   bash scripts/remote-ui.sh [playwright arguments, e.g. test/remote/remote-live.spec.ts]
#
# UI_PORT: the Jupyter server's port (default 8897), the same number inside the namespace.
# REMOTE_PASSES: the passes to run (default "root prefix"). Reports:
# .scratch/test-reports/remote-<pass>.json. Every process started here is ended by its PID,
# after a failure or Ctrl-C too; the namespace goes away with its last process.
set -uo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

port="${UI_PORT:-8897}"
run="$repo/.scratch/remote-ui-$port"
reports="$repo/.scratch/test-reports"
socket="$run/jupyter.sock"
mkdir -p "$run" "$reports"
rm -f "$run/host.pid" "$run/orphans" "$socket" "$reports"/remote-*.json

if [ "$(id -u)" -eq 0 ]; then
  namespace=(unshare --net)
else
  namespace=(unshare --map-root-user --net)
fi
if ! "${namespace[@]}" true 2>/dev/null; then
  echo "remote-ui: cannot create a network namespace (${namespace[*]}): run as root, or enable user namespaces" >&2
  exit 1
fi
for tool in socat curl; do
  command -v "$tool" >/dev/null || {
    echo "remote-ui: $tool is missing (bash scripts/setup.sh installs it)" >&2
    exit 1
  }
done
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "remote-ui: port $port is in use; choose another with UI_PORT (8890-8899)" >&2
  exit 1
fi

supervisor=""
forward=""
browser_side=""

# The host, started again whenever it exits, until this subshell gets SIGTERM.
supervise() {
  local log="$1" host="" stopping=0
  shift
  trap 'stopping=1; [ -n "$host" ] && kill -TERM "$host" 2>/dev/null' TERM
  while [ "$stopping" -eq 0 ]; do
    bash scripts/host.sh --port "$port" --root test/ui/workspace --no-token "$@" >>"$log" 2>&1 &
    host=$!
    echo "$host" >"$run/host.pid"
    wait "$host"
    [ "$stopping" -eq 0 ] && echo "remote-ui: $(date +%T.%N | cut -c1-12) the Jupyter server ended; starting it again" >>"$log"
  done
  wait "$host" 2>/dev/null # its shutdown: kernels end with it
}

# Ends a process by PID: SIGTERM, then SIGKILL after `grace` seconds.
end_process() {
  local pid="$1" grace="${2:-10}"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq $((grace * 10))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
}

# Kernels a test left running when it ended the host (it writes their PIDs to $run/orphans).
end_orphans() {
  [ -f "$run/orphans" ] || return 0
  local pid
  while read -r pid; do
    if [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q deno; then
      end_process "$pid" 5
    fi
  done <"$run/orphans"
  rm -f "$run/orphans"
}

stop_pass() {
  end_process "$browser_side" 10
  browser_side=""
  if [ -n "$supervisor" ]; then
    end_process "$supervisor" 30
    [ -f "$run/host.pid" ] && end_process "$(cat "$run/host.pid")" 5
    supervisor=""
  fi
  end_process "$forward" 5
  forward=""
  end_orphans
  rm -f "$run/host.pid" "$socket"
}
trap stop_pass EXIT
trap 'exit 130' INT TERM

# One pass: `base` is the server's base URL, `name` names its report; then Playwright arguments.
run_pass() {
  local name="$1" base="$2"
  shift 2
  local log="$run/host-$name.log"
  : >"$log"
  : >"$run/forward.log"
  supervise "$log" "--ServerApp.base_url=$base" 2>>"$log" &
  supervisor=$!
  local ready=""
  for _ in $(seq 600); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port${base}api/status"; then
      ready=1
      break
    fi
    kill -0 "$supervisor" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$ready" ]; then
    echo "remote-ui: the Jupyter server did not start; its log: $log" >&2
    tail -20 "$log" >&2
    return 1
  fi
  # (Its complaints while the server restarts go to the log: connection refused, broken pipe.)
  socat "UNIX-LISTEN:$socket,fork,unlink-early,mode=600" "TCP:127.0.0.1:$port" 2>>"$run/forward.log" &
  forward=$!

  echo "== remote UI tests, server at ${base} (browser in its own network namespace)"
  UI_REMOTE=1 UI_NO_HOST=1 UI_PORT="$port" UI_BASE_PATH="${base%/}" \
    UI_TEST_OUTPUT="test-results/remote-$name" \
    PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/remote-$name.json" \
    REMOTE_HOST_PIDFILE="$run/host.pid" REMOTE_ORPHANS="$run/orphans" REMOTE_SOCKET="$socket" \
    REMOTE_FORWARD_LOG="$run/forward.log" \
    "${namespace[@]}" bash -c '
      ip link set lo up || exit 1
      socat "TCP-LISTEN:$UI_PORT,fork,reuseaddr,bind=127.0.0.1" "UNIX-CONNECT:$REMOTE_SOCKET" \
        2>>"$REMOTE_FORWARD_LOG" &
      inside=$!
      for _ in $(seq 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$UI_PORT") 2>/dev/null && break
        sleep 0.1
      done
      ./node_modules/.bin/playwright test --project=remote --reporter=list,json "$@" &
      tests=$!
      trap "kill -TERM $tests 2>/dev/null" TERM
      wait "$tests"
      status=$?
      kill -0 "$tests" 2>/dev/null && wait "$tests"
      kill "$inside" 2>/dev/null
      wait "$inside" 2>/dev/null
      exit "$status"
    ' remote-ui "$@" &
  browser_side=$!
  wait "$browser_side"
  local status=$?
  browser_side=""
  stop_pass
  return "$status"
}

status=0
for pass in ${REMOTE_PASSES:-root prefix}; do
  case "$pass" in
    root) run_pass root / "$@" || status=1 ;;
    prefix) run_pass prefix /user/alice/ --grep @prefix "$@" || status=1 ;;
    *)
      echo "remote-ui: unknown pass $pass (root, prefix)" >&2
      status=1
      ;;
  esac
done
exit "$status"
