#!/usr/bin/env bash
# Checks that the migrations build exactly the schema the entities describe:
# in a fresh temporary schema, apply every migration, then ask the TypeORM CLI
# to generate a migration (`--check` fails if it would generate anything).
# Runs on the compiled data source: `npm run build` first (or DIST=<dir>).
set -euo pipefail
cd "$(dirname "$0")/.."

DIST="$(cd "${DIST:-dist}" 2>/dev/null && pwd || echo "${DIST:-dist}")"
DATA_SOURCE="$DIST/libs/persistence/src/data-source.js"
[ -f "$DATA_SOURCE" ] || { echo "no $DATA_SOURCE: run npm run build first" >&2; exit 1; }

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export DATABASE_SCHEMA="migcheck_$(date +%s)_$$"
TYPEORM="$PWD/node_modules/.bin/typeorm"

# Schema helpers of the compiled persistence library (no psql client needed).
schema() { node -e "require('$DIST/libs/persistence/src/schema.js').$1({ url: process.env.DATABASE_URL, schema: process.env.DATABASE_SCHEMA })"; }
trap 'schema dropSchema || true' EXIT

schema ensureSchema
"$TYPEORM" migration:run -d "$DATA_SOURCE" >/dev/null
"$TYPEORM" migration:generate --check -d "$DATA_SOURCE" "$DIST/libs/persistence/src/migrations/Drift"
"$TYPEORM" migration:revert -d "$DATA_SOURCE" >/dev/null
echo "migrations: up, drift check and down passed in schema $DATABASE_SCHEMA"
