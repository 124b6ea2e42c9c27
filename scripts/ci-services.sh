# Throwaway services for the test suite; sourced by .ci/run (and usable by hand).
PG_PORT=${PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PG_DIR=${PG_DIR:-/tmp/tomkit-pg-$$}

start_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    runuser -u postgres -- "$bindir/initdb" -D "$PG_DIR/data" -A trust -U tomkit >/dev/null
    runuser -u postgres -- "$bindir/pg_ctl" -D "$PG_DIR/data" -o "-p $PG_PORT -k /tmp -h 127.0.0.1" -l "$PG_DIR/log" -w start >/dev/null \
      || { cat "$PG_DIR/log" >&2; return 1; }
  else
    "$bindir/initdb" -D "$PG_DIR/data" -A trust -U tomkit >/dev/null
    "$bindir/pg_ctl" -D "$PG_DIR/data" -o "-p $PG_PORT -k /tmp -h 127.0.0.1" -l "$PG_DIR/log" -w start >/dev/null \
      || { cat "$PG_DIR/log" >&2; return 1; }
  fi
  export TOMKIT_TEST_POSTGRES="postgresql://tomkit@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL started on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$bindir/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  else
    "$bindir/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}
