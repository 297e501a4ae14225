#!/usr/bin/env python3
"""Splits the instructions of VecEnv.step into world systems, observations with masks, action
decoding and (with a curriculum) task evaluation, from a callgrind profile, per living
agent-step (one living agent's step, `VecEnv.agentSteps`). Usage:
    scripts/cost-split.py [policy] [ticks] [extra gridmmo bench options]
e.g. `scripts/cost-split.py random 200 --immortal` (the full-population workload),
`scripts/cost-split.py random 64 --immortal --preset large --envs 1` (1,024 agents on 512x512), or
`scripts/cost-split.py forager 200 --curriculum curricula/train.json`.
Runs `gridmmo bench` (8 environments unless --envs is given, 1 thread, the shipped training maps
for the default-size presets) under callgrind with collection limited to VecEnv.step, then reads
inclusive costs per function."""
import os
import re
import subprocess
import sys
import tempfile

policy = sys.argv[1] if len(sys.argv) > 1 else "random"
ticks = int(sys.argv[2]) if len(sys.argv) > 2 else 200
extra = sys.argv[3:]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
step_symbol = "$s6MMOEnv6VecEnvC4step7actions4into*"
maps = [] if "--preset" in extra and extra[extra.index("--preset") + 1] in ("small", "large") else ["--maps", os.path.join(root, "maps/train")]
envs = [] if "--envs" in extra else ["--envs", "8"]

subprocess.run(["swift", "build", "-c", "release", "--product", "gridmmo"], cwd=root, check=True, stdout=subprocess.DEVNULL)
# Valgrind counts every iteration of a `rep stos`/`rep movs` as one instruction, and glibc's
# memset/memcpy switch to those for 2 KB and more (one "instruction" per byte, some 30 times what
# the same fill costs as vector stores). Raising the thresholds keeps glibc on its vector loops so
# that large fills (the per-tick intent and index resets of the 1,024-agent map) count as the work
# they are; nothing else changes.
environment = dict(os.environ, GLIBC_TUNABLES="glibc.cpu.x86_rep_stosb_threshold=4294967295:glibc.cpu.x86_rep_movsb_threshold=4294967295")
with tempfile.TemporaryDirectory() as scratch:
    profile = os.path.join(scratch, "callgrind.out")
    bench = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", f"--toggle-collect={step_symbol}",
         os.path.join(root, ".build/release/gridmmo"), "bench"] + maps + envs +
        ["--threads", "1", "--ticks", str(ticks), "--repetitions", "1", "--policy", policy] + extra,
        check=True, capture_output=True, text=True, env=environment).stdout
    listing = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", profile],
                             check=True, capture_output=True, text=True).stdout

inclusive = {}
for line in listing.splitlines():
    match = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?\S*?:(\$s\S+)", line)
    if match:
        cost = int(match.group(1).replace(",", ""))
        symbol = match.group(2)
        inclusive[symbol] = max(inclusive.get(symbol, 0), cost)

def cost(pattern):
    return max((value for symbol, value in inclusive.items() if re.search(pattern, symbol)), default=0)

total = cost(r"^\$s6MMOEnv6VecEnvC4step7actions4into")
counts = re.search(r"(\d+) agent-steps in (\d+) slot-steps", bench)
agent_steps, slot_steps = int(counts.group(1)), int(counts.group(2))
rows = [
    ("world tick (all systems)", cost(r"^\$s7MMOCore5WorldC4stepyyF$")),
]
systems = ["NPCBehaviour", "ItemUse", "Market", "Giving", "Combat", "Movement", "Comm", "ResourceRespawn",
           "Vitals", "Foraging", "Harvesting", "DeathFog", "Deaths", "NPCSpawning"]
for system in systems:
    pattern = r"^\$s7MMOCore%d%sO(3run|3use|7destroy|4list|3buy|6expire|7players|4npcs)2in" % (len(system), system)
    value = sum(v for s, v in inclusive.items() if re.search(pattern, s))
    rows.append(("  " + system, value))
rows.append(("  market board rebuild", cost(r"MarketBoardC7rebuild")))
observations = max(cost(r"ObservationWriterC5write_12observations5masks8rowSlots"), cost(r"VecEnvC17writeObservations"))
# The mask writer is inlined into the observation writer, so the two are reported together.
rows.append(("observations and action masks", observations))
rows.append(("action decoding", cost(r"ActionDecoderC6decode")))
tasks = cost(r"TaskAssignmentC6update")
if tasks:
    rows.append(("tasks (counters and progress)", tasks))
print(bench.strip().split(": median")[0])
print(f"{agent_steps} living agent-steps of {slot_steps} slot-steps: {total / agent_steps:.0f} instructions per living agent-step")
print(f"{'part':32} {'per living agent-step':>21} {'share':>7}")
for name, value in rows:
    print(f"{name:32} {value / agent_steps:21.0f} {100 * value / max(total, 1):6.1f}%")
