#!/usr/bin/env bash
# dyad import and dyad export end to end: GDELT files of every variant (plain, zipped, on standard input) and an
# ICEWS file go into a store; bad rows are reported with FILE:LINE and skipped; importing again adds nothing; an
# export re-imported into a fresh store gives the same events.
set -uo pipefail
dyad="$1"
fixtures="$2"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# JSON Lines of a store without the store ids, which depend on the order events were stored in.
events() { "$dyad" export --db "$1" --format jsonl "${@:2}" 2>/dev/null | sed 's/^{"id":[0-9]*,/{/'; }

gdelt=("$fixtures/gdelt-v1-historical.tsv" "$fixtures/gdelt-v1-daily.tsv" "$fixtures/gdelt-v2.CSV"
       "$fixtures/gdelt-bad-rows.tsv")
"$dyad" import gdelt --db "$dir/a.db" "${gdelt[@]}" 2> "$dir/err.txt" || fail "import exit code $?: $(cat "$dir/err.txt")"
grep -q '17 rows read, 10 added, 0 already present, 7 bad rows skipped' "$dir/err.txt" ||
  fail "summary: $(tail -1 "$dir/err.txt")"
grep -q 'rows/s (storing rows [0-9.]*s, rebuilding query indexes [0-9.]*s, aggregates [0-9.]*s)' "$dir/err.txt" ||
  fail "no rows/s and times: $(tail -1 "$dir/err.txt")"
grep -q 'gdelt-bad-rows.tsv:2: want 57, 58 or 61 tab-separated columns' "$dir/err.txt" || fail "line 2 not reported"
grep -q 'gdelt-bad-rows.tsv:3: bad SQLDATE' "$dir/err.txt" || fail "line 3 not reported"
grep -q 'gdelt-bad-rows.tsv:8: bad ActionGeo_Lat' "$dir/err.txt" || fail "line 8 not reported"
[ "$(events "$dir/a.db" | wc -l)" = 10 ] || fail "want 10 stored events"
events "$dir/a.db" --code 19 | grep -q '"origin_id":"1100000002"' || fail "--code 19 misses 1100000002"
[ "$(events "$dir/a.db" --source RUS | wc -l)" = 3 ] || fail "--source RUS"
[ "$(events "$dir/a.db" --from 2013-01-01 --to 2013-12-31 | wc -l)" = 3 ] || fail "--from/--to"
[ "$(events "$dir/a.db" --limit 2 | wc -l)" = 2 ] || fail "--limit"
events "$dir/a.db" --origin gdelt | head -1 | grep -q '"location":{"name":"Beijing, Beijing, China","country":"CHN"' ||
  fail "location: $(events "$dir/a.db" | head -1)"

# Again: nothing new. --strict turns the bad rows into a failure.
"$dyad" import gdelt --db "$dir/a.db" "${gdelt[@]}" 2> "$dir/err2.txt" || fail "re-import exit code"
grep -q '17 rows read, 0 added, 10 already present, 7 bad rows skipped' "$dir/err2.txt" ||
  fail "re-import: $(tail -1 "$dir/err2.txt")"
"$dyad" import gdelt --strict --db "$dir/a.db" "${gdelt[@]}" 2> /dev/null && fail "--strict should fail on bad rows"

# A zip archive, from a file and on standard input.
(cd "$fixtures" && zip -q -j "$dir/20250904.export.CSV.zip" gdelt-v2.CSV) || fail "zip"
"$dyad" import gdelt --db "$dir/z.db" "$dir/20250904.export.CSV.zip" 2> "$dir/err3.txt" || fail "zip import"
grep -q '4 rows read, 4 added' "$dir/err3.txt" || fail "zip: $(tail -1 "$dir/err3.txt")"
"$dyad" import gdelt --db "$dir/s.db" - < "$dir/20250904.export.CSV.zip" 2> "$dir/err4.txt" || fail "stdin zip"
grep -q '4 rows read, 4 added' "$dir/err4.txt" || fail "stdin zip: $(tail -1 "$dir/err4.txt")"
"$dyad" import gdelt --db "$dir/s.db" < "$fixtures/gdelt-v2.CSV" 2> "$dir/err5.txt" || fail "stdin plain"
grep -q '4 rows read, 0 added, 4 already present' "$dir/err5.txt" || fail "stdin plain: $(tail -1 "$dir/err5.txt")"

# GDELT export -> import into a fresh store: the same events.
"$dyad" export --db "$dir/a.db" --format gdelt -o "$dir/out.CSV" 2> /dev/null || fail "export gdelt"
[ "$(awk -F'\t' '{print NF}' "$dir/out.CSV" | sort -u)" = 61 ] || fail "export is not 61 columns"
"$dyad" import gdelt --db "$dir/b.db" "$dir/out.CSV" 2> "$dir/err6.txt" || fail "re-import of the export"
grep -q '10 rows read, 10 added, 0 already present, 0 bad' "$dir/err6.txt" || fail "$(tail -1 "$dir/err6.txt")"
diff <(events "$dir/a.db") <(events "$dir/b.db") > "$dir/diff.txt" || fail "GDELT round trip differs: $(head "$dir/diff.txt")"

# ICEWS: import, export, import into a fresh store: the same events.
"$dyad" import icews --db "$dir/i.db" "$fixtures/icews.tab" "$fixtures/icews-bad-rows.tab" 2> "$dir/err7.txt" ||
  fail "icews import"
grep -q '12 rows read, 5 added, 2 already present, 5 bad rows skipped' "$dir/err7.txt" ||
  fail "icews: $(tail -1 "$dir/err7.txt")"
grep -q 'icews-bad-rows.tab:4: unknown CAMEO Code' "$dir/err7.txt" || fail "icews line 4 not reported"
events "$dir/i.db" | grep -q '"source":"CHNGOV","target":"KORGOV","source_name":"Xi Jinping"' || fail "icews actors"
"$dyad" export --db "$dir/i.db" --format icews > "$dir/out.tab" 2> /dev/null || fail "export icews"
head -1 "$dir/out.tab" | grep -q '^Event ID	Event Date	Source Name' || fail "icews header"
"$dyad" import icews --db "$dir/j.db" "$dir/out.tab" 2> /dev/null || fail "re-import of the icews export"
diff <(events "$dir/i.db") <(events "$dir/j.db") > "$dir/diff2.txt" || fail "ICEWS round trip differs: $(head "$dir/diff2.txt")"

# CSV has a header and one line an event.
"$dyad" export --db "$dir/a.db" --format csv > "$dir/out.csv" 2> /dev/null || fail "export csv"
head -1 "$dir/out.csv" | grep -q '^id,date,source,target,source_name,target_name,code,root,' || fail "csv header"
[ "$(wc -l < "$dir/out.csv")" = 11 ] || fail "csv lines"

# Mistakes on the command line.
"$dyad" import xml --db "$dir/x.db" "$fixtures/gdelt-v2.CSV" 2> /dev/null; [ $? -ne 0 ] || fail "unknown import format"
"$dyad" export --db "$dir/a.db" --format xml > /dev/null 2>&1; [ $? = 2 ] || fail "unknown export format"
"$dyad" export --db "$dir/a.db" --from 2025-02-30 > /dev/null 2>&1; [ $? = 2 ] || fail "bad --from"
"$dyad" import gdelt --db "$dir/x.db" "$dir/missing.CSV" 2> "$dir/err8.txt"; [ $? = 1 ] || fail "missing file"
grep -q 'missing.CSV: cannot open' "$dir/err8.txt" || fail "missing file not reported"
echo "import and export round trip"
