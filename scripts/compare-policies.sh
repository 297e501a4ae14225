#!/bin/bash
# Scores policies on the held-out tasks and maps the way `make demo` reports them: for each policy
# (random, forager, combat, or a checkpoint path), `gridmmo simulate` over curricula/eval_heldout.json
# on maps/eval (8 environments x 1,024 ticks, seed 1, 2 threads) and its competition score.
# Usage: scripts/compare-policies.sh GRIDMMO POLICY...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gridmmo=$1
shift
printf "%-44s %s\n" "policy" "held-out score (of 100), mean survivors"
for policy in "$@"; do
  output=$("$gridmmo" simulate --maps "$root/maps/eval" --curriculum "$root/curricula/eval_heldout.json" --envs 8 --ticks 1024 --seed 1 --threads 2 --policy "$policy")
  score=$(sed -n 's/.*weighted score \([0-9.]*\) of 100.*/\1/p' <<<"$output")
  survivors=$(sed -n 's/.*mean survivors \([0-9.]*\) of.*/\1/p' <<<"$output")
  printf "%-44s %s, %s\n" "$policy" "$score" "${survivors:-?}"
done
