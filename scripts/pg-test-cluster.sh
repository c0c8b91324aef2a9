#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: its own data directory under /tmp, a free loopback
# port, password (SCRAM) authentication over TCP so that tests can check refused credentials. PostgreSQL refuses to run as root, so when started
# as root the cluster belongs to the unprivileged `postgres` system user (created by Debian's
# package) or, failing that, `nobody`.
#
#   scripts/pg-test-cluster.sh start [DIR]   starts it; prints the URL (also written to DIR/url)
#   scripts/pg-test-cluster.sh stop  [DIR]   stops it and removes DIR
#   scripts/pg-test-cluster.sh install       installs Debian's postgresql package when missing
#
# Then: PG_TEST_URL=$(cat DIR/url) npx vitest run    (CI=true makes the PostgreSQL variants required)
set -euo pipefail

command="${1:-}"
dir="${2:-/tmp/dts-console-pg}"

find_bin() {
  local name="$1"
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  command -v "$name" 2>/dev/null && return 0
  return 1
}

install_postgres() {
  if find_bin initdb >/dev/null && find_bin postgres >/dev/null; then return 0; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

run_as() {
  if [ "$(id -u)" = "0" ]; then
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

owner() {
  if [ "$(id -u)" = "0" ]; then
    if id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
  else
    id -un
  fi
}

case "$command" in
  install)
    install_postgres
    ;;
  start)
    install_postgres
    initdb="$(find_bin initdb)"
    pg_ctl="$(find_bin pg_ctl)"
    if [ -f "$dir/url" ] && run_as "$pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      cat "$dir/url"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    chown "$(owner)" "$dir"
    chmod 700 "$dir"
    port="$(free_port)"
    password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    echo "$password" >"$dir/pwfile"
    chown "$(owner)" "$dir/pwfile"
    args=(-D "$dir/data" -U postgres --pwfile="$dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 --no-sync -E UTF8)
    run_as "$initdb" "${args[@]}" --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || run_as "$initdb" "${args[@]}" >"$dir/initdb.log" 2>&1
    rm -f "$dir/pwfile"
    # Test settings: loopback only, no durability (a crash loses the throwaway data, which is fine),
    # enough connections for parallel test files and two console instances.
    run_as "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null
    url="postgres://postgres:$password@127.0.0.1:$port/postgres"
    echo "$url" >"$dir/url"
    echo "$url"
    ;;
  stop)
    pg_ctl="$(find_bin pg_ctl)" || exit 0
    if [ -d "$dir/data" ]; then run_as "$pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|install [DIR]" >&2
    exit 64
    ;;
esac
