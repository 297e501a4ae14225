#!/usr/bin/env bash
# Counts the instructions of VecEnv.step (world tick + observations + masks) per agent-step with
# callgrind, which is repeatable on a noisy machine. Usage:
#   scripts/instructions-per-agent-step.sh [policy] [ticks]
# Runs `gridmmo bench` on one thread, 8 default environments, the shipped training maps.
set -euo pipefail
cd "$(dirname "$0")/.."
policy=${1:-random}
ticks=${2:-200}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
swift build -c release --product gridmmo >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
  --toggle-collect='$s6MMOEnv6VecEnvC4step7actions4intoySPys5Int32VG_AA11StepBuffersVtF' \
  .build/release/gridmmo bench --maps maps/train --envs 8 --threads 1 --ticks "$ticks" --repetitions 1 --policy "$policy" \
  >"$out/log" 2>&1
instructions=$(grep -E '^(summary|totals):' "$out/cg" | head -1 | awk '{print $2}')
agent_steps=$((ticks * 8 * 128))
echo "policy $policy: $instructions instructions in VecEnv.step over $agent_steps agent-steps = $((instructions / agent_steps)) per agent-step"
