#!/usr/bin/env bash
# Start aiHelpDesk on a host without systemd or containers: the server in the background (pid file and
# log), then, with --chat, the interactive chat against it in the foreground. --stop stops the server.
#
#   startall.sh [--chat] [--home DIR]      start (settings from $HELPDESK_ENV_FILE, default /etc/aihelpdesk/helpdesk.env)
#   startall.sh --stop                     stop the server started by this script
#   startall.sh --status                   say whether it runs
#
# DIR is an unpacked distribution (bin/helpdesk); default: the one this script ships in, else /opt/aihelpdesk.
# Pid file and log: $HELPDESK_RUN_DIR (default ~/.local/state/aihelpdesk/run).
set -euo pipefail

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; }

action=start chat=false home="${HELPDESK_HOME:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --chat) chat=true ;;
    --stop) action=stop ;;
    --status) action=status ;;
    --home) home="${2:?--home needs a directory}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "startall.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [ -z "$home" ]; then
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if [ -x "$here/../bin/helpdesk" ]; then home="$(cd "$here/.." && pwd)"; else home=/opt/aihelpdesk; fi
fi
helpdesk="$home/bin/helpdesk"

# Settings: the same KEY=VALUE file helpdesk.service reads; variables already set in the shell win.
env_file="${HELPDESK_ENV_FILE:-/etc/aihelpdesk/helpdesk.env}"
if [ -r "$env_file" ]; then
  while IFS='=' read -r key value; do
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue     # comments, blank lines
    value="${value%\"}"; value="${value#\"}"                   # KEY="value" as systemd reads it
    if [ -z "${!key:-}" ]; then export "$key=$value"; fi
  done < "$env_file"
fi

run_dir="${HELPDESK_RUN_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/aihelpdesk/run}"
pid_file="$run_dir/helpdesk-serve.pid"
log_file="$run_dir/helpdesk-serve.log"
port="${HELPDESK_PORT:-8080}"
bind="${HELPDESK_BIND:-127.0.0.1}"
case "$bind" in 0.0.0.0|::|127.*|localhost|::1) probe=127.0.0.1 ;; *:*) probe="[$bind]" ;; *) probe="$bind" ;; esac
health="http://$probe:$port/health"

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid; pid="$(cat "$pid_file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

healthy() { curl -fsS -m 2 "$health" >/dev/null 2>&1; }

start_server() {
  local pid
  if pid="$(running_pid)"; then
    echo "aiHelpDesk server already running (pid $pid, $health)"
    return 0
  fi
  [ -x "$helpdesk" ] || { echo "startall.sh: no distribution at $home (bin/helpdesk missing); pass --home DIR" >&2; exit 1; }
  mkdir -p "$run_dir"
  nohup "$helpdesk" serve </dev/null >"$log_file" 2>&1 &
  pid=$!
  echo "$pid" > "$pid_file"
  for _ in $(seq 1 120); do
    if healthy; then
      echo "aiHelpDesk server running on http://$probe:$port (pid $pid, log $log_file)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "startall.sh: the server exited during start-up; last lines of $log_file:" >&2
      tail -n 20 "$log_file" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "startall.sh: the server (pid $pid) did not answer $health within 60 s; see $log_file" >&2
  exit 1
}

stop_server() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"
    echo "aiHelpDesk server not running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "aiHelpDesk server stopped (pid $pid)"; return 0; }
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  echo "aiHelpDesk server killed after 30 s (pid $pid)"
}

case "$action" in
  stop) stop_server ;;
  status)
    if pid="$(running_pid)"; then echo "aiHelpDesk server running (pid $pid, $health)"; else echo "aiHelpDesk server not running"; exit 3; fi ;;
  start)
    start_server
    if $chat; then
      # The chat is an MCP client of the server just started; with API keys configured it needs HELPDESK_SERVER_API_KEY.
      exec "$helpdesk" chat --server "http://$probe:$port"
    fi ;;
esac
