#!/usr/bin/env bash
# dyad code: plain text with --date and --id, standard input, and every output format.
set -uo pipefail
dyad="$1"
fail() { echo "FAIL: $*"; exit 1; }
text="Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing on Thursday."

out=$(echo "$text" | "$dyad" code --date 2025-09-04 --id xi-kim - 2>/dev/null)
echo "$out" | grep -q '"article_id":"xi-kim"' || fail "plain text id: $out"
echo "$out" | grep -q '"source":"CHNGOV","target":"PRKGOV","code":"040"' || fail "plain text event: $out"
echo "$out" | grep -q '"evidence":{"start":0,"end":64}' || fail "evidence offsets: $out"

json=$(printf '{"id":"a","date":"2025-09-04","text":"%s"}\n' "$text")
tsv=$(echo "$json" | "$dyad" code --format tsv 2>/dev/null)
[[ $(echo "$tsv" | head -1 | cut -f1) == "event_id" ]] || fail "tsv header"
[[ $(echo "$tsv" | sed -n 2p | cut -f5,6,7) == $'CHNGOV\tPRKGOV\t040' ]] || fail "tsv row: $tsv"
csv=$(echo "$json" | "$dyad" code --format csv 2>/dev/null)
echo "$csv" | sed -n 2p | grep -q '^a-0-0,a,0,2025-09-04,CHNGOV,PRKGOV,040,04,1,' || fail "csv row: $csv"
echo "$json" | "$dyad" code --format table 2>/dev/null | grep -q 'CHNGOV' || fail "table"
echo "$json" | "$dyad" code --format xml >/dev/null 2>&1 && fail "unknown format accepted"


# --threads: the same bytes for any thread count.
samples="$(dirname "$0")/../../data/samples/articles.jsonl"
one=$("$dyad" code -j 1 "$samples" 2>/dev/null | md5sum)
two=$("$dyad" code -j 2 "$samples" 2>/dev/null | md5sum)
four=$("$dyad" code -j 4 "$samples" 2>/dev/null | md5sum)
[[ "$one" == "$two" && "$one" == "$four" ]] || fail "output depends on --threads"
echo "threads ok"
