#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests (docs/postgresql.md, "The test cluster").
#
#   pg_cluster.sh start STATE_DIR [OWNER_PID]   create and start a cluster; writes STATE_DIR/url
#   pg_cluster.sh stop STATE_DIR [DIR]          stop it (or only the cluster in DIR) and remove its files
#
# The cluster lives in a fresh directory under ${TMPDIR:-/tmp}: initdb with trust authentication,
# listening on a unix socket in that directory only (no TCP), on a random port, without fsync (a
# test cluster holds nothing worth keeping). PostgreSQL refuses to run as root, so under root (CI)
# it runs as the unprivileged user `nobody`. With OWNER_PID, a watchdog stops and removes the
# cluster when that process ends, so a killed test run leaves no server behind.
# Where PostgreSQL 15 is not installed, `start` succeeds but writes STATE_DIR/skip (the reason)
# instead of STATE_DIR/url; tests then skip with that reason. STATE_DIR/owner holds OWNER_PID.
set -euo pipefail
PG_BIN=${KASHF_PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:?usage: pg_cluster.sh start|stop STATE_DIR [OWNER_PID]}
state=${2:?usage: pg_cluster.sh start|stop STATE_DIR [OWNER_PID]}
owner=${3:-}
state=$(realpath -m "$state")
self=$(realpath "${BASH_SOURCE[0]}")
cd /  # the unprivileged owner may not be allowed into the caller's directory

as_owner() {  # runs "$@" as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

# Stops the cluster in directory $1 (default: the one STATE_DIR names) and removes it.
stop_cluster() {
  local dir=${1:-}
  [ -n "$dir" ] || { [ -f "$state/dir" ] && dir=$(cat "$state/dir"); } || return 0
  [ -n "$dir" ] || return 0
  if [ -d "$dir/data" ]; then as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  if [ "$(cat "$state/dir" 2>/dev/null)" = "$dir" ]; then rm -f "$state/dir" "$state/url" "$state/owner"; fi
}

case "$cmd" in
  start)
    mkdir -p "$state"
    stop_cluster  # a cluster left by an earlier run that was killed
    rm -f "$state/skip" "$state/owner"
    if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
      echo "PostgreSQL 15 is not installed ($PG_BIN/initdb missing); install postgresql-15 (scripts/install-deps.sh)" \
        | tee "$state/skip"
      echo "${owner:-$$}" >"$state/owner"
      exit 0
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/kashf-pg.XXXXXX")
    echo "$dir" >"$state/dir"
    chmod 0755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
    port=$((20000 + RANDOM % 40000))
    if ! as_owner "$PG_BIN/initdb" -D "$dir/data" -U kashf --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      stop_cluster
      exit 1
    fi
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 100
CONF
    if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
      cat "$dir/server.log" >&2 || true
      stop_cluster
      exit 1
    fi
    echo "postgresql:///postgres?host=$dir&port=$port&user=kashf" >"$state/url"
    echo "${owner:-$$}" >"$state/owner"  # tests use this cluster only while its owner runs
    if [ -n "$owner" ]; then
      # Watchdog: ends with the owner (or when the cluster is stopped); never holds the caller's output open.
      setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done; exec bash "$3" stop "$4" "$2"' \
        watchdog "$owner" "$dir" "$self" "$state" </dev/null >/dev/null 2>&1 &
    fi
    cat "$state/url"
    ;;
  stop) stop_cluster "${3:-}" ;;
  *) echo "usage: pg_cluster.sh start|stop STATE_DIR [OWNER_PID]" >&2; exit 2 ;;
esac
