#!/bin/bash
# Resident memory over a long PvP evaluation: runs GAMES (default 2,000) PvP games of the random,
# forager and combat agents (small preset, 16 teams of 4, 8 games at a time) with a release gridmmo,
# samples the process's VmRSS from /proc every INTERVAL seconds (default 2), and prints the first,
# last and largest sample, the samples at each tenth of the run, and the run's speed.
# Usage: scripts/eval-memory.sh [GRIDMMO] [GAMES] [INTERVAL]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gridmmo=${1:-$root/.build/release/gridmmo}
games=${2:-2000}
interval=${3:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$gridmmo" eval pvp --entrant random --entrant forager --entrant combat --preset small --generated-maps 8 \
  --curriculum "$root/curricula/eval_heldout.json" --episodes "$games" --envs 8 --teams 16 --threads 2 --out "$out/eval" >"$out/log" 2>&1 &
pid=$!
: >"$out/rss"
start=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$(( $(date +%s) - start )) $rss" >>"$out/rss"
  sleep "$interval"
done
wait "$pid" || { cat "$out/log"; exit 1; }
grep -E "^played|^ *[0-9]+\. " "$out/log"
awk '{ t[NR] = $1; r[NR] = $2; if ($2 > max) { max = $2; at = $1 } }
  END {
    printf "RSS samples: %d over %d s (every %s s)\n", NR, t[NR], "'"$interval"'"
    printf "first %.1f MB (t=%d s), last %.1f MB (t=%d s), max %.1f MB (t=%d s)\n", r[1] / 1024, t[1], r[NR] / 1024, t[NR], max / 1024, at
    printf "at each tenth of the run (MB):"
    for (i = 1; i <= 10; i++) { k = int(NR * i / 10); if (k < 1) k = 1; printf " %.1f", r[k] / 1024 }
    printf "\n"
  }' "$out/rss"
