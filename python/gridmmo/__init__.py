"""GridMMO for Python: a Neural-MMO-style multi-agent world, stepped in batches by a Swift engine.

    import gridmmo
    env = gridmmo.VecEnv(envs=8, seed=1, curriculum=gridmmo.curriculum_path("train"))
    obs, infos = env.reset(seed=1)
    policy = gridmmo.ScriptedPolicy(env, "random")
    obs, rewards, terminations, truncations, infos = env.step(policy.act())

``VecEnv`` is the batched API (Gymnasium VectorEnv, PufferLib and EnvPool conventions),
``gridmmo.pettingzoo.ParallelEnv`` one world for PettingZoo, ``load_curriculum`` reads task sets,
``gridmmo.ray`` spreads evaluation shards and rollout workers over a Ray cluster.
"""

from ._native import GridMMOError
from .data import cli_path, curriculum_path, data_path, eval_maps, train_maps
from .layout import ActionHead, ActionLayout, ObservationLayout, Segment
from .policies import ScriptedPolicy
from .tasks import Curriculum, load_curriculum
from .vector import EnvironmentClosedError, VecEnv

__version__ = "0.1.0"

__all__ = [
    "ActionHead",
    "ActionLayout",
    "Curriculum",
    "EnvironmentClosedError",
    "GridMMOError",
    "ObservationLayout",
    "ScriptedPolicy",
    "Segment",
    "VecEnv",
    "cli_path",
    "curriculum_path",
    "data_path",
    "eval_maps",
    "load_curriculum",
    "train_maps",
]
