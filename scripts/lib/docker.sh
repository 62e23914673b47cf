# Docker for the chaos containers runtime: installs docker.io and debootstrap when missing and starts
# dockerd when no daemon answers. Idempotent; sourced (by scripts/test), not run. A dockerd started
# here runs for the build that follows (the chaos tests need it); stop_started_docker ends it again
# (scripts/test calls it on exit) and only ever names the daemon this helper started.

# shellcheck source=scripts/lib/install.sh
. "$(dirname "${BASH_SOURCE[0]}")/install.sh"

PLUMBLINE_DOCKERD_LOG="${PLUMBLINE_DOCKERD_LOG:-/var/log/plumbline-dockerd.log}"
PLUMBLINE_DOCKERD_PIDFILE="${PLUMBLINE_DOCKERD_PIDFILE:-/tmp/plumbline-dockerd.pid}"

# ensure_docker — docker CLI + daemon + debootstrap (for the base image); returns 1 with a message
# when the daemon cannot be started (e.g. not root).
ensure_docker() {
  # Keyed on the daemon: a fresh machine has a `docker` client on the PATH but no `dockerd`.
  ensure_command dockerd docker.io || return 1
  ensure_command docker docker.io || return 1
  ensure_command debootstrap debootstrap || return 1   # builds the chaos base image
  if docker info >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "plumbline: no Docker daemon answers and starting one needs root (run dockerd, or use --runtime local)" >&2
    return 1
  fi
  echo "plumbline: starting dockerd (log: $PLUMBLINE_DOCKERD_LOG)…"
  nohup dockerd >>"$PLUMBLINE_DOCKERD_LOG" 2>&1 </dev/null &
  echo $! >"$PLUMBLINE_DOCKERD_PIDFILE"
  PLUMBLINE_STARTED_DOCKERD=$!
  local i
  for i in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      echo "plumbline: dockerd is up (pid $(cat "$PLUMBLINE_DOCKERD_PIDFILE"))"
      return 0
    fi
    if ! kill -0 "$(cat "$PLUMBLINE_DOCKERD_PIDFILE")" 2>/dev/null; then
      echo "plumbline: dockerd exited; last lines of $PLUMBLINE_DOCKERD_LOG:" >&2
      tail -n 5 "$PLUMBLINE_DOCKERD_LOG" >&2
      return 1
    fi
    sleep 1   # polling a daemon we just started, not synchronising tests
  done
  echo "plumbline: dockerd did not answer within 60 s; see $PLUMBLINE_DOCKERD_LOG" >&2
  return 1
}

# stop_started_docker — ends the dockerd ensure_docker started (if it started one), and nothing else.
stop_started_docker() {
  if [ -n "${PLUMBLINE_STARTED_DOCKERD:-}" ] && kill -0 "$PLUMBLINE_STARTED_DOCKERD" 2>/dev/null; then
    echo "plumbline: stopping the dockerd this run started (pid $PLUMBLINE_STARTED_DOCKERD)"
    kill "$PLUMBLINE_STARTED_DOCKERD"
    local i
    for i in $(seq 1 30); do
      kill -0 "$PLUMBLINE_STARTED_DOCKERD" 2>/dev/null || break
      sleep 1   # waiting for a daemon's orderly shutdown
    done
    rm -f "$PLUMBLINE_DOCKERD_PIDFILE"
  fi
}
