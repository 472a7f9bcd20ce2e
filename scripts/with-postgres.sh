#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server on 127.0.0.1, started as an unprivileged user in a
# temporary folder, and stopped afterwards. The command sees STUDIO_TEST_POSTGRES_URL.
# Without PostgreSQL installed the command runs alone, and the PostgreSQL tests report themselves skipped.
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "PostgreSQL is not installed: database tests run on SQLite only" >&2
  exec "$@"
fi
dir=$(mktemp -d /tmp/studio-pg.XXXXXX)
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_user=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
  "${as_user[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_user[@]}" "$pgbin/initdb" -D "$dir/data" -A trust -U studio -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_user[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
"${as_user[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U studio studio_test
export STUDIO_TEST_POSTGRES_URL="postgresql+psycopg://studio@127.0.0.1:$port/studio_test"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the database tests"
"$@"
