#!/usr/bin/env bash
# Starts a local PostgreSQL server for guardloop's real-database test suites.
#   eval "$(bash scripts/start-postgres.sh)"   # exports GUARDLOOP_TEST_DATABASE_URL
# Idempotent and fast when the server already runs. stdout carries only the export line;
# progress goes to stderr. The cluster lives in $GUARDLOOP_ROOT/.cache/postgres (default: the
# repository), listens on 127.0.0.1:${GUARDLOOP_POSTGRES_PORT:-54329} with trust auth, and is
# tuned for tests (no fsync): never put data you care about in it.
set -euo pipefail

root="${GUARDLOOP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
port="${GUARDLOOP_POSTGRES_PORT:-54329}"
database=guardloop_test
home="$root/.cache/postgres"
# The server runs as the postgres user, who may not be able to enter the checkout (e.g. under /root):
# keep the cluster in /tmp then.
if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$root"; then
  home="/tmp/guardloop-postgres-$(printf '%s' "$root" | cksum | cut -d' ' -f1)"
fi
data="$home/data"
url="postgres://postgres@127.0.0.1:$port/$database"

say() { printf '[start-postgres] %s\n' "$*" >&2; }
server_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
# PostgreSQL refuses to run as root: as root, run the server tools as the postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin="$(server_bin)"
if [ -z "$bin" ]; then
  say "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: installing postgresql (Debian)"
  [ "$(id -u)" -eq 0 ] || { say "installing needs root"; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y postgresql >&2
  bin="$(server_bin)"
  [ -n "$bin" ] || { say "postgresql installed but no server binaries found"; exit 1; }
fi

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  # Another checkout's test server (or this one's) already serves the port: share it.
  say "a server already listens on 127.0.0.1:$port; using it"
elif ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating a cluster in $data"
    mkdir -p "$data"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$home"; fi
    chmod 700 "$data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >&2
  fi
  say "starting PostgreSQL on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$home/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $home -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2
fi

psql_admin() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAq "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  say "creating database $database"
  psql_admin -c "CREATE DATABASE $database" >&2
fi

say "ready: $url"
printf 'export GUARDLOOP_TEST_DATABASE_URL=%s\n' "$url"
