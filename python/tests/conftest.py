"""Shared fixtures: small environments that step fast, and the shipped data."""

import numpy as np
import pytest

import gridmmo

# The "small" preset: 64 players on a 64x64 map, horizon 128, maps generated in memory.
SMALL = {"preset": "small", "generated_maps": 2}


@pytest.fixture
def small_env():
    env = gridmmo.VecEnv(envs=2, seed=5, threads=2, **SMALL)
    yield env
    env.close()


def fnv1a(data):
    """FNV-1a 64 over bytes, as the Swift side's FNV1a digests them."""
    value = 0xCBF29CE484222325
    for byte in bytes(data):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def play(env, ticks, policy_name="random", seed=0):
    """Steps ``env`` with a scripted policy and returns a list of per-step copies of every buffer."""
    policy = gridmmo.ScriptedPolicy(env, policy_name, seed)
    trajectory = []
    for _ in range(ticks):
        obs, rewards, terminations, truncations, _ = env.step(policy.act())
        trajectory.append((obs.copy(), env.masks.copy(), rewards.copy(), terminations.copy(), truncations.copy()))
    policy.close()
    return trajectory


def same_trajectory(a, b):
    return len(a) == len(b) and all(all(np.array_equal(x, y) for x, y in zip(step_a, step_b)) for step_a, step_b in zip(a, b))
