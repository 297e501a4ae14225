"""Python-side stepping against the Swift side's, on the same work.

Both sides step the same default VecEnv (8 worlds x 128 agents, 4 maps generated from the seed,
random legal actions from the same scripted policy and seed, chosen outside the timed region), so
they play bit-identical trajectories; only the caller differs. The Swift side is
`gridmmo bench step`, the Python side times `VecEnv.step` alone. Rounds alternate the two to share
the machine's noise; each round reports the median of its repetitions, in living agent-steps per
second, and the script prints the median over rounds and the Python/Swift ratio.

    python python/benchmarks/step_overhead.py [--envs 8] [--ticks 256] [--repetitions 5] [--rounds 3]
"""

import argparse
import re
import statistics
import subprocess
import time

import gridmmo


def swift_rate(args):
    out = subprocess.run(
        [gridmmo.cli_path(), "bench", "step", "--envs", str(args.envs), "--seed", str(args.seed), "--ticks", str(args.ticks),
         "--repetitions", str(args.repetitions), "--threads", str(args.threads), "--policy", "random"],
        capture_output=True, text=True, check=True,
    ).stdout
    return float(re.search(r"median (\d+) agent-steps/s", out).group(1))


def python_rate(args):
    env = gridmmo.VecEnv(envs=args.envs, seed=args.seed, threads=args.threads)
    env.reset()
    policy = gridmmo.ScriptedPolicy(env, "random", args.seed)
    rates = []
    for _ in range(args.repetitions):
        before = env.stats()["agent_steps"]
        elapsed = 0.0
        for _ in range(args.ticks):
            actions = policy.act()
            start = time.perf_counter()
            env.step(actions)
            elapsed += time.perf_counter() - start
        rates.append((env.stats()["agent_steps"] - before) / elapsed)
    policy.close()
    env.close()
    return statistics.median(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ticks", type=int, default=256)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    swift, python = [], []
    for round_index in range(args.rounds):
        swift.append(swift_rate(args))
        python.append(python_rate(args))
        print(f"round {round_index + 1}: swift {swift[-1]:,.0f} agent-steps/s, python {python[-1]:,.0f} agent-steps/s")
    s, p = statistics.median(swift), statistics.median(python)
    print(f"median over {args.rounds} rounds: swift {s:,.0f}, python {p:,.0f} agent-steps/s; python/swift = {p / s:.3f}")


if __name__ == "__main__":
    main()
