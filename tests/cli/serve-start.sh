# Sourced by the tests that run dyad serve (tests/cli/serve.sh, tests/web/e2e.sh), after they set `dyad`.
# Makes a temporary directory `dir`, removed at exit after the server (if started) is stopped; fail MESSAGE
# prints the message and the server's log (dir/serve.log) and exits 1.
dir=$(mktemp -d)
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2> /dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [[ -f "$dir/serve.log" ]] && cat "$dir/serve.log"; exit 1; }

# start_serve LOG ARGS...: runs `$dyad serve ARGS...` in the background with its stderr in LOG, sets `pid`, and
# sets `url` once the server has said where it listens (pass --port 0 for a free port). Returns 1 when it has
# not said so within 10 s.
start_serve() {
  local log="$1"
  shift
  "$dyad" serve "$@" 2> "$log" &
  pid=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
    [[ -n "$url" ]] && return 0
    sleep 0.1
  done
  return 1
}
