#!/usr/bin/env bash
# dyad serve end to end: the binary on a free port, its flags (token file, body limit, CORS), the API returning
# the CLI's own JSON documents, a write with the token, and a clean stop on SIGTERM. The endpoints one by one are
# tested in src/dyad/server/server_test.cc.
set -uo pipefail
dyad="$1"
root="$2"
source "$root/tests/cli/serve-start.sh"  # dir, fail, start_serve

# A token shorter than 16 characters is refused.
printf 'short\n' > "$dir/short"
"$dyad" serve --db "$dir/s.db" --port 0 --token-file "$dir/short" 2> "$dir/err.txt"
[[ $? -eq 2 ]] || fail "a short token should exit 2"
grep -q '16 characters' "$dir/err.txt" || fail "short token message: $(cat "$dir/err.txt")"

"$dyad" ingest -q --db "$dir/s.db" "$root/data/samples/articles.jsonl" 2> /dev/null || fail "ingest"
printf 'serve-test-token-0123456789\n' > "$dir/token"
start_serve "$dir/serve.log" --db "$dir/s.db" --port 0 --token-file "$dir/token" --max-body 2000 \
  --cors-origin http://x.test || fail "the server did not say where it listens"

curl -fsS "$url/healthz" | grep -q '"ok":true' || fail "healthz"
# The same bytes as the commands' --format json.
curl -fsS "$url/api/series?a=PRK&b=USA&by=month" > "$dir/api.json" || fail "series"
"$dyad" trend PRK USA --by month --format json --db "$dir/s.db" > "$dir/cli.json"
cmp -s "$dir/api.json" "$dir/cli.json" || fail "series differs from dyad trend"
curl -fsS "$url/api/brief?a=PRK&b=USA&format=md" > "$dir/api.md" || fail "brief"
"$dyad" brief PRK USA --db "$dir/s.db" > "$dir/cli.md"
cmp -s "$dir/api.md" "$dir/cli.md" || fail "brief differs from dyad brief"
# CORS as asked.
curl -fsS -D - -o /dev/null "$url/healthz" | grep -qi '^Access-Control-Allow-Origin: http://x.test' || fail "CORS header"
# The body limit and the token.
status=$(curl -s -o /dev/null -w '%{http_code}' --data-binary "$(head -c 3000 /dev/zero | tr '\0' a)" "$url/api/code")
[[ "$status" == 413 ]] || fail "body over --max-body: $status"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer wrong-token-0123456789' --data-binary '{}' "$url/api/ingest")
[[ "$status" == 403 ]] || fail "wrong token: $status"
line='{"id": "serve-1", "date": "2026-11-26", "text": "North Korea fired a ballistic missile into the sea on Thursday."}'
curl -fsS -H "Authorization: Bearer serve-test-token-0123456789" --data-binary "$line" "$url/api/ingest" |
  grep -q '"added_articles":1' || fail "ingest with the token"

kill -TERM "$pid"
for _ in $(seq 1 100); do
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.1
done
kill -0 "$pid" 2> /dev/null && fail "still running 10 s after SIGTERM"
wait "$pid"
code=$?
pid=""
[[ $code -eq 0 ]] || fail "exit code $code after SIGTERM"
grep -q 'stopping (SIGTERM)' "$dir/serve.log" || fail "no stop message"
echo "serve: ok"
