#!/usr/bin/env bash
# How a deployment grows (docs/SCALING.md), shown:
#  1. the coder is a stateless stream filter: coding shards of the input in separate processes, as any batch engine
#     would, and concatenating the outputs in shard order gives byte for byte the output of one process;
#  2. the store moves to PostgreSQL unchanged: the same input ingested into SQLite and into PostgreSQL gives the
#     same events (run under scripts/with-postgres, which sets DYAD_TEST_POSTGRES_URL).
set -uo pipefail
dyad="$1"
samples="$2"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$dyad" code "$samples" > "$dir/one.jsonl" 2>/dev/null || fail "dyad code"
[[ -s "$dir/one.jsonl" ]] || fail "no events coded"
split -n l/3 -d "$samples" "$dir/shard."
for shard in "$dir"/shard.0?; do
  "$dyad" code "$shard" > "$shard.events" 2>/dev/null &
done
wait
cat "$dir"/shard.0?.events | cmp -s - "$dir/one.jsonl" || fail "sharded coding differs from one process"
echo "ok: 3 shards coded in parallel = one process"

if [[ -z "${DYAD_TEST_POSTGRES_URL:-}" ]]; then
  echo "skip: DYAD_TEST_POSTGRES_URL not set (run under scripts/with-postgres)"
  exit 0
fi
"$dyad" ingest -q --db "$dir/dyad.db" "$samples" 2>/dev/null || fail "ingest into SQLite"
"$dyad" ingest -q --db "$DYAD_TEST_POSTGRES_URL" "$samples" 2> "$dir/pg.err" || fail "ingest into PostgreSQL: $(cat "$dir/pg.err")"
"$dyad" ingest -q --db "$DYAD_TEST_POSTGRES_URL" "$samples" 2> "$dir/pg2.err" || fail "re-ingest into PostgreSQL"
grep -q '(0 new, ' "$dir/pg2.err" || fail "re-ingest into PostgreSQL added articles: $(cat "$dir/pg2.err")"
strip_ids() { python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line); e.pop("id", None); print(json.dumps(e, sort_keys=True))'; }
"$dyad" events --db "$dir/dyad.db" --format jsonl | strip_ids > "$dir/sqlite.events" || fail "events from SQLite"
"$dyad" events --db "$DYAD_TEST_POSTGRES_URL" --format jsonl | strip_ids > "$dir/pg.events" || fail "events from PostgreSQL"
[[ -s "$dir/sqlite.events" ]] || fail "no events stored"
cmp -s "$dir/sqlite.events" "$dir/pg.events" ||
  fail "PostgreSQL and SQLite stores differ: $(diff "$dir/sqlite.events" "$dir/pg.events" | head -4)"
echo "ok: $(wc -l < "$dir/pg.events") events, the same in PostgreSQL and SQLite"
