#!/usr/bin/env bash
# Load test of `dyad serve`: seeds a store with synthetic events (dyad synth), starts the server on it, and runs
# wrk against the cached series endpoint; with --soak, keeps the load on and samples the server's resident memory
# every 10 s to show whether it grows.
#
#   bench/serve-load.sh                      30 s at 50 connections, wrk's latency report
#   bench/serve-load.sh --soak 600           600 s at 50 connections, RSS every 10 s and its growth
#   options: --duration S  --connections N  --wrk-threads N  --server-threads N  --events N  --port P
#            --dyad path   (default build/release/dyad)
#
# Needs wrk (Debian package `wrk`, in scripts/install-deps); without it the script says so and exits 0.
set -euo pipefail

duration=30
connections=50
wrk_threads=2
server_threads=64
events=200000
port=18080
soak=0
dyad="$(cd "$(dirname "$0")/.." && pwd)/build/release/dyad"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --wrk-threads) wrk_threads="$2"; shift 2 ;;
    --server-threads) server_threads="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --soak) soak="$2"; shift 2 ;;
    --dyad) dyad="$2"; shift 2 ;;
    *) echo "serve-load: unknown option $1" >&2; exit 2 ;;
  esac
done

if ! command -v wrk > /dev/null; then
  echo "serve-load: wrk is not installed (apt-get install wrk, or scripts/install-deps); skipped"
  exit 0
fi
if [[ ! -x "$dyad" ]]; then
  echo "serve-load: $dyad not found; build first (cmake --build --preset release --target dyad)" >&2
  exit 1
fi

work="$(mktemp -d /tmp/dyad-serve-load.XXXXXX)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "serve-load: seeding $events synthetic events"
"$dyad" synth --db "$work/dyad.db" --events "$events" --seed 7 2> "$work/synth.log"
"$dyad" serve --db "$work/dyad.db" --port "$port" --threads "$server_threads" 2> "$work/serve.log" &
server_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 200); do
  if curl -fsS "$url/healthz" > /dev/null 2>&1; then break; fi
  sleep 0.1
done
curl -fsS "$url/healthz" || { echo "serve-load: the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
echo

# The cached series endpoint: a year of one dyad by week (the first request computes it, the rest hit the cache).
path="/api/series?a=USA&b=CHN&by=week&from=2023-01-02&to=2023-12-31"
bytes=$(curl -fsS "$url$path" | wc -c)
echo "serve-load: GET $path ($bytes bytes)"

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }

if [[ "$soak" -eq 0 ]]; then
  wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency "$url$path"
else
  echo "serve-load: soak for ${soak}s; RSS of the server every 10 s"
  wrk -t "$wrk_threads" -c "$connections" -d "${soak}s" --latency "$url$path" > "$work/wrk.txt" &
  wrk_pid=$!
  start_rss=$(rss_kib)
  first_sample=""
  elapsed=0
  printf "%6s %10s\n" "second" "rss_kib"
  printf "%6s %10s\n" 0 "$start_rss"
  while kill -0 "$wrk_pid" 2> /dev/null; do
    sleep 10
    elapsed=$((elapsed + 10))
    rss=$(rss_kib)
    [[ -z "$first_sample" ]] && first_sample="$rss"
    printf "%6s %10s\n" "$elapsed" "$rss"
  done
  wait "$wrk_pid" || true
  end_rss=$(rss_kib)
  cat "$work/wrk.txt"
  echo "serve-load: RSS $start_rss KiB at start, $first_sample KiB after 10 s, $end_rss KiB at the end;" \
       "growth after warm-up $((end_rss - first_sample)) KiB"
fi
echo
curl -fsS "$url/metrics" | grep -E '^dyad_cache_(hits|misses)_total|^process_resident_memory_bytes|endpoint="/api/series",status' || true
