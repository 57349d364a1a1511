#!/usr/bin/env bash
# The golden briefs (tests/briefs/*/): each scenario's articles go into a fresh store, `dyad brief` runs with the
# scenario's arguments, and the brief must
#   - have the four sections in order, every sentence with at least one citation, every citation resolving
#     (an article citation quotes a sentence of that article; a knowledge-base one names a fact that exists);
#   - contain every point of expect.txt (SECTION: regular expression, or cites: fact id);
#   - come out byte for byte the same when run again, and render as Markdown and HTML.
set -uo pipefail
dyad="$1"
root="$2"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cat "$root"/data/knowledge/*.txt > "$dir/kb.txt" || fail "no knowledge base"

for scenario in "$root"/tests/briefs/*/; do
  name=$(basename "$scenario")
  db="$dir/$name.db"
  "$dyad" ingest -q --db "$db" "$scenario/articles.jsonl" 2> "$dir/ingest.txt" || fail "$name: ingest: $(cat "$dir/ingest.txt")"
  read -r -a args < "$scenario/scenario.txt"
  "$dyad" brief "${args[@]}" --db "$db" --format json > "$dir/$name.json" 2> "$dir/err.txt" ||
    fail "$name: brief exit code: $(cat "$dir/err.txt")"
  "$dyad" brief "${args[@]}" --db "$db" --format json > "$dir/$name.again.json" || fail "$name: second run"
  cmp -s "$dir/$name.json" "$dir/$name.again.json" || fail "$name: the brief is not deterministic"
  "$dyad" brief "${args[@]}" --db "$db" > "$dir/$name.md" || fail "$name: markdown"
  grep -q "^## What's Happening?" "$dir/$name.md" && grep -q "^## Sources" "$dir/$name.md" || fail "$name: markdown sections"
  "$dyad" brief "${args[@]}" --db "$db" --format html > "$dir/$name.html" || fail "$name: html"
  grep -q '<h2>Beyond the Headlines</h2>' "$dir/$name.html" || fail "$name: html sections"
  python3 - "$dir/$name.json" "$scenario/articles.jsonl" "$scenario/expect.txt" "$dir/kb.txt" "$name" <<'PY' || exit 1
import json, re, sys
brief = json.load(open(sys.argv[1]))
articles = {}
for line in open(sys.argv[2]):
    a = json.loads(line)
    articles[a["url"]] = a["text"].replace("\n", " ").replace("\t", " ")
kb_ids = {m.group(1) for m in re.finditer(r"^([a-z]+/[^\s:]+)[\s:]", open(sys.argv[4]).read(), re.M)}
name = sys.argv[5]
def fail(msg):
    print(f"FAIL: {name}: {msg}")
    sys.exit(1)
headings = [s["heading"] for s in brief["sections"]]
if headings != ["What's Happening?", "Why It's Important?", "What's Next?", "Beyond the Headlines"]:
    fail(f"sections {headings}")
citations = brief["citations"]
for section in brief["sections"]:
    if not section["sentences"]:
        fail(f"empty section {section['heading']}")
    for s in section["sentences"]:
        if not s["citations"]:
            fail(f"a sentence without a citation: {s['text']}")
        for n in s["citations"]:
            if not 1 <= n <= len(citations):
                fail(f"citation [{n}] does not resolve: {s['text']}")
for c in citations:
    if c["kind"] == "article":
        text = articles.get(c.get("url", ""))
        if text is None or not c.get("quote") or c["quote"] not in text:
            fail(f"article citation [{c['number']}] does not quote its article: {c}")
    elif c["kind"] == "knowledge":
        if c.get("fact_id") not in kb_ids:
            fail(f"knowledge citation [{c['number']}] names no fact: {c}")
    elif not c.get("query", "").startswith("dyad "):
        fail(f"events citation [{c['number']}] has no query: {c}")
section_of = {"happening": 0, "important": 1, "next": 2, "beyond": 3}
cited = {c.get("fact_id") for c in citations}
for line in open(sys.argv[3]):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    key, _, pattern = line.partition(": ")
    if key == "cites":
        if pattern not in cited:
            fail(f"does not cite {pattern}")
        continue
    text = " ".join(s["text"] for s in brief["sections"][section_of[key]]["sentences"])
    if not re.search(pattern, text):
        fail(f"{key} misses /{pattern}/; it says: {text}")
print(f"{name}: {sum(len(s['sentences']) for s in brief['sections'])} sentences, {len(citations)} citations: ok")
PY
done
# Events imported from GDELT and ICEWS, without text: the brief cites them by dataset id, and quotes nothing.
"$root/scripts/gen-gdelt-sample" -n 20000 -o "$dir/g.csv" || fail "gen-gdelt-sample"
"$dyad" import gdelt --db "$dir/g.db" "$dir/g.csv" 2>/dev/null || fail "import gdelt"
"$dyad" import icews --db "$dir/g.db" "$root/tests/interop/icews.tab" 2>/dev/null || fail "import icews"
for args in "USA CHN" "--actor RUS" "CHN KOR --as-of 2014-01-20"; do
  # shellcheck disable=SC2086
  "$dyad" brief $args --db "$dir/g.db" --format json > "$dir/g.json" || fail "brief $args on imported events"
  python3 - "$dir/g.json" "$args" <<'PY' || exit 1
import json, sys
brief = json.load(open(sys.argv[1]))
args = sys.argv[2]
kinds = {c["kind"] for c in brief["citations"]}
assert "article" not in kinds, f"{args}: an article citation in a store without articles"
assert brief["sections"][0]["sentences"], f"{args}: nothing happening"
for section in brief["sections"]:
    for s in section["sentences"]:
        assert s["citations"] and all(1 <= n <= len(brief["citations"]) for n in s["citations"]), s
        assert "reported: " not in s["text"], f"{args}: a quotation without text: {s['text']}"
events = [c for c in brief["citations"] if c["kind"] == "events" and ("GDELT" in c.get("description", "") or "ICEWS" in c.get("description", ""))]
assert events, f"{args}: no dataset event cited"
print(f"imported, brief {args}: ok")
PY
done
echo PASS
