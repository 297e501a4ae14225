"""The PettingZoo ParallelEnv passes PettingZoo's own API and seed tests."""

import numpy as np
from pettingzoo.test import parallel_api_test, parallel_seed_test

import gridmmo
from gridmmo.pettingzoo import ParallelEnv
from conftest import SMALL


def test_parallel_api():
    env = ParallelEnv(seed=3, **SMALL)
    parallel_api_test(env, num_cycles=200)
    env.close()


def test_parallel_seed():
    parallel_seed_test(lambda: ParallelEnv(**SMALL), num_cycles=60)


def test_observations_match_the_documented_layout():
    env = ParallelEnv(seed=2, curriculum=gridmmo.curriculum_path("train"), **SMALL)
    observations, infos = env.reset(seed=2)
    assert env.agents == env.possible_agents and set(observations) == set(env.agents)
    layout = env.observation_layout
    first = observations["agent_1"]
    for segment in layout.segments:
        assert first[segment.name].shape == segment.shape and first[segment.name].dtype == segment.dtype
    assert env.observation_space("agent_1").contains(first)
    assert [mask.shape[0] for mask in first["action_mask"]] == [head.size for head in env.action_layout.heads]
    # The same numbers as the batched environment's unpacked row.
    batched = gridmmo.VecEnv(envs=1, seed=2, curriculum=gridmmo.curriculum_path("train"), **SMALL)
    batched.reset()
    assert np.array_equal(batched.unpack()["entities"][0], first["entities"])
    ids, _ = env.task_ids()
    assert ids["agent_1"] == int(first["task"][0])
    batched.close()
    env.close()


def test_agents_leave_when_done_and_the_episode_ends():
    env = ParallelEnv(seed=5, **SMALL)
    env.reset(seed=5)
    steps = 0
    while env.agents:
        actions = {agent: env.action_space(agent).sample() for agent in env.agents}
        observations, _, terminated, truncated, _ = env.step(actions)
        steps += 1
        assert all(agent not in env.agents for agent in terminated if terminated[agent] or truncated[agent])
    assert steps <= 128
    # The last step's observations are the episode's final ones, not the next episode's first.
    assert all(int(observation["tick"][0]) == steps for observation in observations.values())
    env.close()
