#!/usr/bin/env bash
# The analytics commands end to end: a synthetic store with planted structure, events imported from GDELT and
# ICEWS files, groups from the knowledge base, JSON and SVG output, and bad input.
set -uo pipefail
dyad="$1"
root="$2"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# Checks a JSON document on stdin with a Python expression over `d`.
check_json() { python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)"; }

# A synthetic store: 12 actors in 3 blocs, two years.
"$dyad" synth --db "$dir/s.db" --events 60000 --weeks 104 --actors 12 --blocs 3 --seed 3 --truth "$dir/truth.json" \
  2> "$dir/err.txt" || fail "synth: $(cat "$dir/err.txt")"
grep -q 'planted changes' "$dir/err.txt" || fail "synth summary: $(cat "$dir/err.txt")"

"$dyad" trend USA CHN --db "$dir/s.db" --format json > "$dir/trend.json" || fail "trend exit code"
check_json 'len(d["points"]) >= 100 and d["total_events"] == sum(p["events"] for p in d["points"]) and all(p["volume"] >= p["events"] for p in d["points"])' \
  < "$dir/trend.json" || fail "trend json: $(head -c 300 "$dir/trend.json")"
"$dyad" trend USA CHN --db "$dir/s.db" --by month --plot "$dir/trend.svg" | grep -q '^period' || fail "trend table"
grep -q '</svg>' "$dir/trend.svg" || fail "trend plot"
# Directed is a part of both directions.
"$dyad" trend USA CHN --db "$dir/s.db" --directed --format json |
  check_json "0 < d['total_events'] < $(python3 -c "import json; print(json.load(open('$dir/trend.json'))['total_events'])")" ||
  fail "directed trend"

"$dyad" alerts --db "$dir/s.db" --since 2023-01-01 --limit 0 --format json > "$dir/alerts.json" || fail "alerts exit code"
# Every planted change on a busy series is among the alerts (the thresholds are tested in analytics_test).
python3 - "$dir/alerts.json" "$dir/truth.json" <<'PY' || fail "alerts miss planted changes"
import json, sys
alerts = json.load(open(sys.argv[1]))["alerts"]
truth = json.load(open(sys.argv[2]))
assert alerts, "no alerts"
found = 0
for c in truth["changes"]:
    for a in alerts:
        if (a["a"], a["b"], a["series"]) == (c["a"], c["b"], c["series"]) and a["direction"] == ("up" if c["factor"] > 1 else "down") and a["detected"] >= c["date"]:
            found += 1
            break
print(f"{found} of {len(truth['changes'])} planted changes alerted")
assert found >= 0.8 * len(truth["changes"]), found
assert all(a["events"] for a in alerts if a["direction"] == "up")  # a fall may leave no events
PY
"$dyad" alerts --db "$dir/s.db" --dyad USA CHN --since 2023-01-01 | grep -qE 'detected|No shifts' || fail "alerts --dyad"

"$dyad" focus USA --db "$dir/s.db" --format json --plot "$dir/focus.svg" > "$dir/focus.json" || fail "focus exit code"
check_json 'len(d["windows"]) == 8 and abs(sum(p["share"] for p in d["windows"][-1]["cooperation"]) - 1) < 1e-3' \
  < "$dir/focus.json" || fail "focus json"
grep -q '</svg>' "$dir/focus.svg" || fail "focus plot"

"$dyad" align --db "$dir/s.db" --top 12 --triad USA PRK JPN --format json > "$dir/align.json" || fail "align exit code"
check_json 'len(d["actors"]) == 12 and len(d["blocs"]) == 3 and d["triads"][0]["actors"] == ["JPN", "PRK", "USA"]' \
  < "$dir/align.json" || fail "align json: $(head -c 400 "$dir/align.json")"

"$dyad" forecast USA CHN --db "$dir/s.db" --weeks 4 --format json --plot "$dir/forecast.svg" > "$dir/forecast.json" ||
  fail "forecast exit code"
check_json 'len(d["weeks"]) == 4 and all(len(d[k]["points"]) == 4 and d[k]["model"] in ("damped-level", "persistence") for k in ("verbal_cooperation", "material_conflict")) and all(p["lo80"] <= p["mean"] <= p["hi80"] for p in d["verbal_cooperation"]["points"])' \
  < "$dir/forecast.json" || fail "forecast json: $(head -c 400 "$dir/forecast.json")"
grep -q '</svg>' "$dir/forecast.svg" || fail "forecast plot"

# Groups come from the knowledge base's memberships, as of a date: Finland joined NATO on 2023-04-04.
"$dyad" trend NATO RUS --db "$dir/s.db" --as-of 2023-01-01 --format json | check_json '"FIN" not in d["a"]["codes"] and "USA" in d["a"]["codes"]' ||
  fail "NATO as of 2023-01-01"
"$dyad" trend NATO RUS --db "$dir/s.db" --as-of 2024-06-01 --format json | check_json '"FIN" in d["a"]["codes"]' ||
  fail "NATO as of 2024-06-01"

# Events imported from GDELT and ICEWS files: the same commands work on them.
"$root/scripts/gen-gdelt-sample" -n 20000 -o "$dir/g.csv" || fail "gen-gdelt-sample"
"$dyad" import gdelt --db "$dir/g.db" "$dir/g.csv" 2>/dev/null || fail "import gdelt"
"$dyad" import icews --db "$dir/g.db" "$root/tests/interop/icews.tab" 2>/dev/null || fail "import icews"
"$dyad" trend USA CHN --db "$dir/g.db" --format json | check_json 'd["total_events"] > 0' || fail "trend on GDELT"
"$dyad" trend CHN KOR --db "$dir/g.db" --from 2014-01-01 --to 2014-01-31 --format json |
  check_json 'd["total_events"] == 1' || fail "trend on ICEWS"
"$dyad" alerts --db "$dir/g.db" --since 2025-01-01 --format json | check_json '"alerts" in d' || fail "alerts on GDELT"
"$dyad" focus USA --db "$dir/g.db" --format json | check_json 'd["windows"][-1]["cooperation"]' || fail "focus on GDELT"
"$dyad" align --db "$dir/g.db" --format json | check_json 'len(d["actors"]) >= 10' || fail "align on GDELT"
"$dyad" forecast USA RUS --db "$dir/g.db" --format json | check_json 'len(d["weeks"]) == 4' || fail "forecast on GDELT"

# Bad input: a clear message and exit code 2.
"$dyad" trend 'U$A' CHN --db "$dir/s.db" 2> "$dir/err.txt"; [ $? = 2 ] || fail "bad actor exit code"
grep -q "is not an actor code" "$dir/err.txt" || fail "bad actor message: $(cat "$dir/err.txt")"
"$dyad" trend USA CHN --db "$dir/s.db" --from 2025-13-01 2> "$dir/err.txt"; [ $? = 2 ] || fail "bad date exit code"
grep -q "is not a date" "$dir/err.txt" || fail "bad date message"
"$dyad" forecast USA CHN --db "$dir/s.db" --weeks 0 2> /dev/null; [ $? = 2 ] || fail "--weeks 0"
"$dyad" align --db "$dir/s.db" --triad USA CHN 2> /dev/null; [ $? != 0 ] || fail "--triad with two actors"
echo "PASS"
