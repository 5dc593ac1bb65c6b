#!/usr/bin/env bash
# Install PostgreSQL from Debian packages, start it, create a user and database for the
# knowledge-base storage tests, and print the URL to export as JAANCH_TEST_PG.
#   export JAANCH_TEST_PG=$(bash .ci/postgres.sh)
set -euo pipefail
PGUSER_NAME=${JAANCH_PG_USER:-jaanch}
PGPASS=${JAANCH_PG_PASSWORD:-jaanch}
PGDB=${JAANCH_PG_DB:-jaanch_test}
PGPORT=${JAANCH_PG_PORT:-5432}

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
VER=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$VER main$"; then
  pg_createcluster "$VER" main --port "$PGPORT" >&2
fi
pg_ctlcluster "$VER" main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h localhost -p "$PGPORT" && break
  sleep 1
done
as_pg() { su postgres -c "$1" >&2; }
if ! su postgres -c "psql -p $PGPORT -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$PGUSER_NAME'\"" | grep -q 1; then
  as_pg "psql -p $PGPORT -c \"CREATE USER $PGUSER_NAME PASSWORD '$PGPASS' CREATEDB\""
fi
if ! su postgres -c "psql -p $PGPORT -tAc \"SELECT 1 FROM pg_database WHERE datname='$PGDB'\"" | grep -q 1; then
  as_pg "createdb -p $PGPORT -O $PGUSER_NAME $PGDB"
fi
echo "postgresql+psycopg://$PGUSER_NAME:$PGPASS@localhost:$PGPORT/$PGDB"
