#!/usr/bin/env bash
# Crash safety: `kill -9` during `dyad ingest` at several points, then a re-run, gives exactly the store an
# uninterrupted run gives (every table, ids included). Also: re-ingesting the same input adds zero rows.
set -uo pipefail
dyad="$1"
samples="$2"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A larger input: the sample news 40 times over, each copy's text made distinct so that none is a duplicate.
python3 - "$samples" "$dir/in.jsonl" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
with open(sys.argv[2], "w") as out:
    for copy in range(40):
        for a in src:
            b = dict(a)
            b["id"] = f'{a["id"]}-copy{copy}'
            b["text"] = a["text"] + f" (Copy {copy}.)"
            b.pop("url", None)
            out.write(json.dumps(b) + "\n")
PY

dump() {  # every table of a SQLite store, in a stable order
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                           "AND name NOT LIKE 'sqlite_%' ORDER BY name"):
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    for row in db.execute(f"SELECT * FROM {table} ORDER BY {', '.join(cols)}"):
        print(table, row)
fts = sqlite3.connect(sys.argv[1] + ".fts")  # the full-text index (docs/storage.md)
print("fts", fts.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Korea' ORDER BY rowid").fetchall())
PY
}

"$dyad" ingest -q --batch 64 --db "$dir/whole.db" "$dir/in.jsonl" 2> "$dir/whole.err" || fail "ingest: $(cat "$dir/whole.err")"
dump "$dir/whole.db" > "$dir/whole.dump"
[[ $(wc -l < "$dir/whole.dump") -gt 5000 ]] || fail "the uninterrupted store looks empty"

# Re-ingesting adds nothing.
"$dyad" ingest -q --db "$dir/whole.db" "$dir/in.jsonl" 2> "$dir/again.err" || fail "re-ingest failed"
grep -q '(0 new, 5040 already stored' "$dir/again.err" || fail "re-ingest added rows: $(cat "$dir/again.err")"
dump "$dir/whole.db" | cmp -s - "$dir/whole.dump" || fail "re-ingest changed the store"

killed=0
for delay in 0.3 0.6 1.0 1.5 2.2; do
  db="$dir/killed-$delay.db"
  "$dyad" ingest -q --batch 64 --db "$db" "$dir/in.jsonl" 2>/dev/null &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null
  "$dyad" events --db "$db" --limit 1 >/dev/null 2>&1  # opening the store catches the full-text index up
  "$dyad" ingest -q --batch 64 --db "$db" "$dir/in.jsonl" 2> "$dir/rerun.err" || fail "re-run after kill at ${delay}s: $(cat "$dir/rerun.err")"
  dump "$db" > "$dir/killed.dump"
  cmp -s "$dir/killed.dump" "$dir/whole.dump" ||
    fail "store after kill -9 at ${delay}s and re-run differs: $(diff "$dir/whole.dump" "$dir/killed.dump" | head -5)"
done
[[ $killed -ge 2 ]] || fail "only $killed of the runs were still going when killed; the input is too small"
echo "ok: $killed runs killed mid-ingest, each re-run matched the uninterrupted store"
