"""The batched VecEnv: spaces, zero-copy buffers, seeding, threads, send/recv."""

import numpy as np
import pytest
from gymnasium.vector import AutoresetMode
from gymnasium.vector.utils import batch_space

import gridmmo
from conftest import SMALL, play, same_trajectory


def test_shapes_and_spaces_follow_the_layout(small_env):
    env = small_env
    assert env.num_worlds == 2 and env.agents_per_env == 64 and env.num_agents == env.num_envs == 128
    layout = env.observation_layout
    assert env.single_observation_space.shape == (layout.bytes_per_agent,)
    assert env.observation_space == batch_space(env.single_observation_space, env.num_envs)
    assert env.action_space == batch_space(env.single_action_space, env.num_envs)
    assert list(env.single_action_space.nvec) == [head.size for head in env.action_layout.heads]
    assert sum(head.size for head in env.action_layout.heads) == env.action_layout.mask_width
    # Segments are 8-byte aligned, in order, and inside the record.
    end = 0
    for segment in layout.segments:
        assert segment.offset % 8 == 0 and segment.offset >= end
        end = segment.offset + segment.nbytes
    assert end <= layout.bytes_per_agent
    assert [s.name for s in layout.segments][:4] == ["tick", "self", "skills", "tiles"]


def test_reset_and_step_write_into_the_same_arrays(small_env):
    env = small_env
    obs, infos = env.reset(seed=5)
    address = obs.ctypes.data
    assert obs is env.observations and isinstance(infos, dict)
    assert env.single_observation_space.contains(obs[0])
    policy = gridmmo.ScriptedPolicy(env, "random", 1)
    for tick in range(1, 4):
        obs, rewards, terminations, truncations, _ = env.step(policy.act())
        assert obs.ctypes.data == address
        assert rewards.dtype == np.float32 and terminations.dtype == np.bool_ and truncations.dtype == np.bool_
        assert (env.unpack()["tick"][:, 0] == tick).all()
    # Every legal mask row has at least one legal option per head.
    for name, mask in env.action_layout.split_mask(env.masks).items():
        assert (mask.sum(axis=1) >= 1).all(), name


def test_the_unpacked_view_shares_memory_with_the_records(small_env):
    env = small_env
    env.reset()
    tiles = env.unpack()["tiles"]
    assert np.shares_memory(tiles, env.observations)
    segment = env.observation_layout["tiles"]
    raw = env.observations[3, segment.offset : segment.offset + segment.nbytes].reshape(segment.shape)
    assert np.array_equal(tiles[3], raw)


def test_reset_with_a_seed_plays_like_a_new_environment():
    # Generated maps come from map_seed (default: the seed); fix it so both share one map pool.
    fresh = gridmmo.VecEnv(envs=2, seed=11, threads=1, map_seed=500, **SMALL)
    fresh.reset()
    expected = play(fresh, 140, seed=3)
    assert fresh.stats()["episodes"] >= 2, "the run should cross the 128-tick horizon"
    fresh.close()

    reused = gridmmo.VecEnv(envs=2, seed=1, threads=2, map_seed=500, **SMALL)
    reused.reset()
    play(reused, 30, seed=8)
    reused.reset(seed=11)
    assert same_trajectory(play(reused, 140, seed=3), expected)
    reused.reset(seed=[11, 12])
    assert same_trajectory(play(reused, 140, seed=3), expected)
    reused.close()


def test_results_do_not_depend_on_threads_or_batch_size():
    one = gridmmo.VecEnv(envs=3, seed=20, threads=1, map_seed=500, **SMALL)
    two = gridmmo.VecEnv(envs=3, seed=20, threads=2, map_seed=500, **SMALL)
    one.reset()
    two.reset()
    a, b = play(one, 40, seed=2), play(two, 40, seed=2)
    assert same_trajectory(a, b)
    single = gridmmo.VecEnv(envs=1, seed=21, threads=1, map_seed=500, **SMALL)
    single.reset()
    # World 1 of the batch plays seed 21; the policy's stream for it is seed 2 + 1.
    c = play(single, 40, seed=3)
    rows = slice(64, 128)
    assert all(np.array_equal(x[0][rows], y[0]) and np.array_equal(x[2][rows], y[2]) for x, y in zip(a, c))
    for env in (one, two, single):
        env.close()


def test_send_recv_equals_step():
    stepped = gridmmo.VecEnv(envs=2, seed=9, **SMALL)
    pooled = gridmmo.VecEnv(envs=2, seed=9, **SMALL)
    stepped.reset()
    pooled.async_reset()
    obs, rewards, _, _, _ = pooled.recv()
    assert np.array_equal(obs, stepped.observations) and not rewards.any()
    policy = gridmmo.ScriptedPolicy(stepped, "forager", 4)
    for _ in range(20):
        actions = policy.act().copy()
        expected = [x.copy() for x in stepped.step(actions)[:4]]
        pooled.send(actions)
        got = pooled.recv()[:4]
        assert all(np.array_equal(x, y) for x, y in zip(expected, got))
    stepped.close()
    pooled.close()


def test_actions_of_other_integer_types_are_accepted():
    narrow = gridmmo.VecEnv(envs=1, seed=3, **SMALL)
    wide = gridmmo.VecEnv(envs=1, seed=3, **SMALL)
    narrow.reset()
    wide.reset()
    policy = gridmmo.ScriptedPolicy(narrow, "random", 6)
    for _ in range(10):
        actions = policy.act()
        narrow.step(actions)
        wide.step(actions.astype(np.int64))
        assert np.array_equal(narrow.observations, wide.observations)
    assert narrow.stats() == wide.stats() and narrow.stats()["illegal_actions"] == 0
    for env in (narrow, wide):
        env.close()


def test_stats_count_living_agent_steps(small_env):
    env = small_env
    env.reset()
    living = int(env.alive().sum())
    assert living == env.num_agents
    env.step(np.tile(env.action_layout.nothing, (env.num_agents, 1)))
    assert env.stats()["agent_steps"] == living


def test_next_step_autoreset_shows_the_final_observation():
    options = dict(envs=2, seed=4, horizon=20, **SMALL)
    same = gridmmo.VecEnv(autoreset="same-step", **options)
    following = gridmmo.VecEnv(autoreset="next-step", **options)
    assert same.metadata["autoreset_mode"] == AutoresetMode.SAME_STEP
    assert following.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
    for env in (same, following):
        env.reset()
    policy_same, policy_next = gridmmo.ScriptedPolicy(same, "forager", 1), gridmmo.ScriptedPolicy(following, "forager", 1)
    for _ in range(20):
        same.step(policy_same.act())
        _, _, _, truncations, _ = following.step(policy_next.act())
    assert truncations.any()
    assert (same.unpack()["tick"] == 0).all() and (following.unpack()["tick"] == 20).all()
    # The next step ignores the actions, starts the same next episode and reports nothing.
    _, rewards, terminations, truncations, _ = following.step(policy_next.act())
    assert np.array_equal(following.observations, same.observations)
    assert not rewards.any() and not terminations.any() and not truncations.any()
    for env in (same, following):
        env.close()
    with pytest.raises(gridmmo.GridMMOError, match="'autoreset' must be one of"):
        gridmmo.VecEnv(autoreset="never", **options)
