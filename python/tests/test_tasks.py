"""Curricula, task ids, progress and embeddings, as observations carry them."""

import numpy as np

import gridmmo
from conftest import SMALL


def test_load_curriculum_reads_tasks_and_embeddings():
    curriculum = gridmmo.load_curriculum(gridmmo.curriculum_path("train"))
    assert len(curriculum) > 10
    assert curriculum.embeddings.shape == (len(curriculum), 256) and curriculum.embeddings.dtype == np.float32
    assert len(set(curriculum.names)) == len(curriculum)
    assert all({"name", "predicate", "reward_to", "weight", "tags"} <= set(task) for task in curriculum.tasks)
    # Different tasks embed differently.
    assert len({row.tobytes() for row in curriculum.embeddings}) > len(curriculum) // 2


def test_environment_tasks_match_the_curriculum_and_the_observations():
    path = gridmmo.curriculum_path("train")
    curriculum = gridmmo.load_curriculum(path)
    env = gridmmo.VecEnv(envs=2, seed=3, curriculum=path, **SMALL)
    env.reset()
    assert [task["name"] for task in env.tasks] == curriculum.names
    assert np.array_equal(env.task_embeddings, curriculum.embeddings)
    policy = gridmmo.ScriptedPolicy(env, "forager", 1)
    for _ in range(30):
        env.step(policy.act())
    ids, progress = env.task_ids()
    segments = env.unpack()
    assert np.array_equal(segments["task"][:, 0], ids)
    assert np.array_equal(segments["task_progress"][:, 0], progress)
    assert ((progress >= 0) & (progress <= 1)).all() and ((ids >= 0) & (ids < len(curriculum))).all()
    # The task_embedding segment carries each agent's task embedding in half precision.
    assert np.array_equal(segments["task_embedding"], curriculum.embeddings[ids].astype(np.float16))
    assert env.stats()["tasks_assigned"] == env.num_agents
    env.close()


def test_without_a_curriculum_task_calls_say_so(small_env):
    import pytest

    with pytest.raises(gridmmo.GridMMOError, match="no curriculum"):
        small_env.task_ids()
    assert "task" not in small_env.observation_layout


def test_task_embeddings_can_be_left_out_of_observations():
    env = gridmmo.VecEnv(envs=1, curriculum=gridmmo.curriculum_path("train"), task_embedding=False, **SMALL)
    assert "task" in env.observation_layout and "task_embedding" not in env.observation_layout
    assert env.task_embeddings.shape[1] == 256
    env.close()
