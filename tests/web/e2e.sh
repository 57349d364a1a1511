#!/usr/bin/env bash
# The web dashboard end to end: a store seeded with the bundled sample news, dyad serve with its built-in
# dashboard (no --static), and e2e.mjs driving headless Chromium through every page. Exit 77 (ctest: skipped)
# when the dashboard is not built or Chromium, node or playwright-core is missing.
#   tests/web/e2e.sh DYAD SOURCE_DIR WEB_DIR ARTIFACT_DIR
set -uo pipefail
dyad="$1"
root="$2"
web="$3"
artifacts="$4"
chromium="${DYAD_CHROMIUM:-/usr/bin/chromium}"
skip() { echo "SKIP: $*"; exit 77; }
[[ -f "$web/index.html" ]] || skip "the dashboard is not built ($web/index.html; needs npm and web/node_modules)"
[[ -x "$chromium" ]] || skip "no $chromium (Debian package chromium; scripts/install-deps installs it)"
command -v node > /dev/null || skip "no node"
# playwright-core needs Node 20 or later (Debian 12's own nodejs is 18: NodeSource's builds are newer).
(( $(node -p 'process.versions.node.split(".")[0]') >= 20 )) || skip "node $(node --version) is older than 20"
[[ -f "$root/web/node_modules/playwright-core/package.json" ]] ||
  skip "no web/node_modules/playwright-core (scripts/install-deps)"
source "$root/tests/cli/serve-start.sh"  # dir, fail, start_serve

"$dyad" ingest -q --db "$dir/s.db" "$root/data/samples/articles.jsonl" 2> /dev/null || fail "ingest"
start_serve "$dir/serve.log" --db "$dir/s.db" --port 0 || fail "the server did not say where it listens"
grep -q "dashboard from $web" "$dir/serve.log" || fail "dyad serve did not pick the built dashboard $web by default"

mkdir -p "$artifacts"
rm -f "$artifacts"/*.png  # only this run's screenshots
DYAD_CHROMIUM="$chromium" node "$root/tests/web/e2e.mjs" "$url" "$artifacts" "$root/web" || fail "the browser test"
echo "web dashboard: ok (screenshots in $artifacts)"
