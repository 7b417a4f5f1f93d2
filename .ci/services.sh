#!/usr/bin/env bash
# Makes sure the services the suites need answer on loopback: PostgreSQL (127.0.0.1:5432, trust, user
# postgres) and Redis (127.0.0.1:6379). This machine kind starts both before a session; a fresh machine
# may have them stopped or missing, so start (or install) what does not answer. Sourced by .ci/run.
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  # No cluster here: a throwaway one, as the postgres user, trust auth, loopback only.
  local bin
  if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) || { echo "ci: cannot install postgresql" >&2; return 1; }
  fi
  bin="$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | head -n 1)")"
  local dir=/tmp/tillkit-pgdata
  rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
  su postgres -c "$bin/initdb -D $dir -A trust -U postgres >/dev/null"
  su postgres -c "$bin/pg_ctl -D $dir -o '-p 5432 -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l $dir/log start >/dev/null"
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 0.2; done
  echo "ci: postgresql did not start" >&2
  return 1
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then return 0; fi
  command -v redis-server >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null) || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /tmp || true
}

ensure_postgres
ensure_redis
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
