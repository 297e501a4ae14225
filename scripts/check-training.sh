#!/bin/bash
# The trainer learns: trains a policy for 300,000 agent-steps on a tiny curriculum (eat 3 times,
# drink 3 times; small preset, fixed seed and 2 threads, so the run repeats exactly) and requires
# its competition score on that curriculum to beat random play's by at least MARGIN points (default
# 10), on environments seeded apart from training's. Further arguments go to `gridmmo train`
# (e.g. --recurrent). Usage: scripts/check-training.sh [GRIDMMO] [MARGIN] [TRAIN-FLAG...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gridmmo=${1:-$root/.build/release/gridmmo}
margin=${2:-10}
shift $(( $# < 2 ? $# : 2 ))
curriculum=$root/Tests/Training/eat_and_drink.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gridmmo" train --preset small --curriculum "$curriculum" --steps 300000 --envs 8 --threads 2 --seed 1 "$@" --out "$work/run" > "$work/train.log" 2>&1 \
  || { cat "$work/train.log"; exit 1; }
score() {
  "$gridmmo" simulate --preset small --curriculum "$curriculum" --envs 8 --ticks 512 --seed 101 --threads 2 --policy "$1" \
    | sed -n 's/.*weighted score \([0-9.]*\) of 100.*/\1/p'
}
trained=$(score "$work/run/checkpoint.safetensors")
random=$(score random)
echo "check-training${1:+ ($*)}: eat-and-drink score after 300,000 agent-steps: trained $trained, random $random (needs random + $margin)"
awk -v t="$trained" -v r="$random" -v m="$margin" 'BEGIN { exit !(t != "" && r != "" && t >= r + m) }' \
  || { echo "check-training: FAILED: the trained policy does not beat random play by $margin points"; tail -5 "$work/train.log"; exit 1; }
