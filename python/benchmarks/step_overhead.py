"""Python-side stepping against the Swift side's, on the same work.

Both sides step the same default VecEnv (8 worlds x 128 agents, 4 maps generated from the seed,
random legal actions from the same scripted policy and seed, chosen outside the timed region), so
they play bit-identical trajectories; only the caller differs. The Swift side is
`gridmmo bench step`, the Python side times `VecEnv.step` alone. Each round runs both, in
alternating order (Swift first in odd rounds), so that they share the machine's swings; each side
reports the median of its repetitions, in living agent-steps per second. The script prints every
round, the median of each side and the median (and range) of the rounds' Python/Swift ratios.

    python python/benchmarks/step_overhead.py [--envs 8] [--ticks 256] [--repetitions 3] [--rounds 10]
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
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    swift, python, ratios = [], [], []
    for round_index in range(args.rounds):
        if round_index % 2 == 0:
            swift.append(swift_rate(args))
            python.append(python_rate(args))
        else:
            python.append(python_rate(args))
            swift.append(swift_rate(args))
        ratios.append(python[-1] / swift[-1])
        print(f"round {round_index + 1}: swift {swift[-1]:,.0f}, python {python[-1]:,.0f} agent-steps/s, ratio {ratios[-1]:.3f}")
    print(f"{args.envs} worlds x 128 agents, {args.rounds} rounds: median swift {statistics.median(swift):,.0f}, "
          f"python {statistics.median(python):,.0f} agent-steps/s; python/swift median {statistics.median(ratios):.3f} "
          f"(range {min(ratios):.3f}-{max(ratios):.3f})")


if __name__ == "__main__":
    main()
