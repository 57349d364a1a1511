#!/usr/bin/env bash
# Bad records are reported with their place and skipped; everything else is still coded; exit 0 unless --strict.
set -uo pipefail
dyad="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat > "$dir/in.jsonl" <<'JSONL'
{"id": "good-1", "date": "2025-09-04", "text": "Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing."}
this is not json
{"id": "no-date", "text": "Russian forces attacked Ukraine."}

{"id": "bad-date", "date": "2025-02-30", "text": "Russian forces attacked Ukraine."}
{"id": "good-2", "date": "2025-09-05", "text": "Russian forces attacked Ukraine."}
JSONL
printf '{"id": "binary", "date": "2025-01-01", "text": "\xff\xfe\x00junk"}\n' >> "$dir/in.jsonl"

"$dyad" code "$dir/in.jsonl" > "$dir/out.jsonl" 2> "$dir/err.txt" || fail "exit code $? without --strict"
grep -q '"article_id":"good-1"' "$dir/out.jsonl" || fail "good-1 not coded"
grep -q '"article_id":"good-2"' "$dir/out.jsonl" || fail "good-2 not coded after bad lines"
grep -q 'in.jsonl:2: not a JSON object' "$dir/err.txt" || fail "line 2 not reported: $(cat "$dir/err.txt")"
grep -q 'in.jsonl:3 (article no-date): missing "date"' "$dir/err.txt" || fail "line 3 not reported"
grep -q 'in.jsonl:5 (article bad-date): bad "date"' "$dir/err.txt" || fail "line 5 not reported"
grep -q 'in.jsonl:7: ' "$dir/err.txt" || fail "NUL byte in a JSON string not reported"
grep -q '4 bad records skipped' "$dir/err.txt" || fail "summary missing: $(tail -1 "$dir/err.txt")"

if "$dyad" code --strict "$dir/in.jsonl" > /dev/null 2>&1; then fail "--strict should fail on bad records"; fi
"$dyad" code /nonexistent.jsonl > /dev/null 2> "$dir/err2.txt"
grep -q 'nonexistent.jsonl: cannot open' "$dir/err2.txt" || fail "missing file not reported"

# Empty input, huge input without a full stop, binary junk as plain text.
: > "$dir/empty.jsonl"
"$dyad" code "$dir/empty.jsonl" > /dev/null 2>&1 || fail "empty input"
head -c 1000000 /dev/zero | tr '\0' 'a' > "$dir/huge.txt"
"$dyad" code --date 2025-01-01 "$dir/huge.txt" > /dev/null 2>&1 || fail "1 MB without a full stop"
head -c 200000 /dev/urandom > "$dir/junk.txt"
"$dyad" code --date 2025-01-01 "$dir/junk.txt" > /dev/null 2>&1 || fail "binary junk"
"$dyad" code --date 2025-13-01 "$dir/junk.txt" > /dev/null 2>&1 && fail "bad --date accepted"
echo "bad input handled"
