"""Replays written from Python are files `gridmmo replay info` and `gridmmo view` accept."""

import subprocess

import numpy as np
import pytest

import gridmmo
from conftest import SMALL


def test_a_recorded_episode_is_a_valid_replay(tmp_path):
    env = gridmmo.VecEnv(envs=2, seed=4, curriculum=gridmmo.curriculum_path("train"), **SMALL)
    env.reset()
    path = tmp_path / "world1.replay"
    env.record_replay(path, world=1)
    policy = gridmmo.ScriptedPolicy(env, "combat", 2)
    for _ in range(40):
        env.step(policy.act())
    summary = env.finish_replay(world=1)
    assert summary["ticks"] == 41 and summary["bytes"] == path.stat().st_size
    info = subprocess.run([gridmmo.cli_path(), "replay", "info", str(path)], capture_output=True, text=True, check=True).stdout
    assert "checksum ok" in info and "41 tick records (ticks 0...40)" in info and "64 players" in info
    env.close()


def test_a_replay_must_start_at_tick_zero(small_env, tmp_path):
    small_env.reset()
    small_env.step(np.tile(small_env.action_layout.nothing, (small_env.num_agents, 1)))
    with pytest.raises(gridmmo.GridMMOError, match="is at tick 1"):
        small_env.record_replay(tmp_path / "late.replay")
    with pytest.raises(gridmmo.GridMMOError, match="no replay to finish"):
        small_env.finish_replay()
    with pytest.raises(gridmmo.GridMMOError, match="world 7 is not in 0..<2"):
        small_env.finish_replay(world=7)


def test_an_unwritable_replay_path_is_an_io_error(small_env):
    small_env.reset()
    with pytest.raises(gridmmo.GridMMOError) as caught:
        small_env.record_replay("/nonexistent/dir/x.replay")
    assert caught.value.kind == "io" and "/nonexistent/dir/x.replay" in str(caught.value)


def test_closing_finishes_a_replay(tmp_path):
    env = gridmmo.VecEnv(envs=1, seed=2, **SMALL)
    env.reset()
    path = tmp_path / "closed.replay"
    env.record_replay(path)
    for _ in range(5):
        env.step(np.tile(env.action_layout.nothing, (env.num_agents, 1)))
    env.close()
    info = subprocess.run([gridmmo.cli_path(), "replay", "info", str(path)], capture_output=True, text=True, check=True).stdout
    assert "checksum ok" in info and "6 tick records (ticks 0...5)" in info
