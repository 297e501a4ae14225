"""NumPy sees exactly what the Swift side computes: digests equal `gridmmo simulate`'s."""

import re
import subprocess

import gridmmo
from conftest import fnv1a


def simulate_digest(*args):
    out = subprocess.run([gridmmo.cli_path(), "simulate", *args], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"observation digest ([0-9a-f]+)", out).group(1), 16)


def python_digest(ticks, policy, **options):
    env = gridmmo.VecEnv(**options)
    env.reset()
    scripted = gridmmo.ScriptedPolicy(env, policy, options["seed"])
    for _ in range(ticks):
        env.step(scripted.act())
    digest = fnv1a(env.observations)
    env.close()
    return digest


def test_observations_equal_the_command_line_run():
    maps = gridmmo.train_maps()
    expected = simulate_digest("--maps", maps, "--envs", "2", "--seed", "7", "--ticks", "25", "--policy", "forager", "--threads", "1")
    assert python_digest(25, "forager", maps=maps, envs=2, seed=7, threads=2) == expected


def test_observations_with_tasks_equal_the_command_line_run():
    curriculum = gridmmo.curriculum_path("train")
    expected = simulate_digest("--preset", "small", "--envs", "3", "--seed", "9", "--ticks", "140", "--policy", "combat",
                               "--curriculum", curriculum)
    assert python_digest(140, "combat", preset="small", envs=3, seed=9, curriculum=curriculum) == expected
