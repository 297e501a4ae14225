"""The batched environment: N worlds x M agents stepped by one call, every agent a row.

``VecEnv`` follows Gymnasium's ``VectorEnv`` (each agent row is one sub-environment: ``num_envs`` is
the number of agent rows) and PufferLib's and EnvPool's conventions (flat NumPy arrays,
``single_observation_space``, ``single_action_space``, ``send``/``recv``). The arrays ``reset``,
``step`` and ``recv`` return are the engine's own buffers, written in place by the library with
no copy: they are overwritten by the next call, so copy what you keep.
"""

import ctypes
import json
import os

import numpy as np
from gymnasium import spaces
from gymnasium.vector import AutoresetMode
from gymnasium.vector import VectorEnv as _GymnasiumVectorEnv
from gymnasium.vector.utils import batch_space

from . import _native
from ._native import GridMMOError
from .layout import ActionLayout, ObservationLayout


_AUTORESET_MODES = {"same-step": AutoresetMode.SAME_STEP, "next-step": AutoresetMode.NEXT_STEP}


class EnvironmentClosedError(GridMMOError):
    """A call on an environment after ``close()``."""

    def __init__(self):
        super().__init__(_native.ERROR_HANDLE, "the environment is closed")


class VecEnv(_GymnasiumVectorEnv):
    """N worlds x M agents of GridMMO, stepped together into flat NumPy arrays.

    Rows are agents, world-major (agent ``a`` of world ``w`` is row ``w * agents_per_env + a``):

    - observations: ``(num_agents, observation_bytes)`` uint8, one record per agent (see
      ``observation_layout``; ``unpack(obs)`` views it by segment);
    - masks: ``(num_agents, mask_width)`` uint8, 1 = legal, the heads' masks back to back;
    - rewards: ``(num_agents,)`` float32; terminations, truncations: ``(num_agents,)`` bool;
    - actions: ``(num_agents, head_count)`` integers, one option per head.

    A world whose episode ends (horizon, everyone dead, or early stop) starts its next episode
    inside the same step: the observation returned is the new episode's first, while that step's
    rewards and flags belong to the episode that ended. With ``autoreset="next-step"`` the step
    that ends the episode returns its final observation instead (to bootstrap a truncated
    episode's value), and the world's next step ignores its actions and returns the next episode's
    first observation with zero rewards and flags (Gymnasium's NEXT_STEP mode). Dead agents keep
    their rows until then (zero reward, only the no-op legal, ``self.alive == 0``); ``alive()``
    says which rows live.

    Options (see the README): ``preset``, ``config`` (path or dict), ``immortal``, ``horizon``,
    ``maps`` (directory; default: maps generated in memory), ``generated_maps`` (how many),
    ``map_seed`` (their seeds' start, default ``seed``), ``curriculum``
    (path or dict), ``task_embedding``, ``envs``, ``seed``, ``threads``, ``death_penalty``,
    ``early_stop_population``, ``autoreset`` (``"same-step"`` or ``"next-step"``).
    """

    metadata = {"autoreset_mode": AutoresetMode.SAME_STEP, "render_modes": []}

    def __init__(self, *, envs=8, seed=1, threads=None, **options):
        options = {key: value for key, value in options.items() if value is not None}
        for key in ("maps", "curriculum", "config"):
            if isinstance(options.get(key), os.PathLike):
                options[key] = os.fspath(options[key])
        options.update(envs=envs, seed=seed)
        if threads is not None:
            options["threads"] = threads
        handle = ctypes.c_uint64(0)
        _native.call(_native.lib.gridmmo_env_create, json.dumps(options).encode(), ctypes.byref(handle))
        self._handle = handle.value
        self._closed = False

        shape = _native.Shape()
        _native.call(_native.lib.gridmmo_env_shape, self._handle, ctypes.byref(shape))
        self.description = json.loads(_native.read_text(_native.lib.gridmmo_env_describe, self._handle))
        self.observation_layout = ObservationLayout(self.description["observation"])
        self.action_layout = ActionLayout(self.description["actions"])
        self.num_worlds = int(shape.environments)
        self.agents_per_env = int(shape.agents_per_env)
        self.num_agents = int(shape.total_agents)
        self.num_envs = self.num_agents
        self.threads = int(shape.threads)
        self.horizon = int(shape.horizon)
        self.seed = seed
        self.tasks = self.description["tasks"]
        self.metadata = {**self.metadata, "autoreset_mode": _AUTORESET_MODES[self.description["autoreset"]]}

        self.single_observation_space = spaces.Box(0, 255, (self.observation_layout.bytes_per_agent,), np.uint8)
        self.single_action_space = self.action_layout.space()
        self.observation_space = batch_space(self.single_observation_space, self.num_agents)
        self.action_space = batch_space(self.single_action_space, self.num_agents)

        self.observations = np.zeros((self.num_agents, self.observation_layout.bytes_per_agent), np.uint8)
        self.masks = np.zeros((self.num_agents, self.action_layout.mask_width), np.uint8)
        self.rewards = np.zeros(self.num_agents, np.float32)
        self._terminations = np.zeros(self.num_agents, np.uint8)
        self._truncations = np.zeros(self.num_agents, np.uint8)
        self.terminations = self._terminations.view(np.bool_)
        self.truncations = self._truncations.view(np.bool_)
        self.actions = np.zeros((self.num_agents, self.action_layout.head_count), np.int32)
        self._buffer_args = (
            self.observations.ctypes.data, self.observations.nbytes,
            self.masks.ctypes.data, self.masks.nbytes,
            self.rewards.ctypes.data, self.rewards.size,
            self._terminations.ctypes.data, self._terminations.size,
            self._truncations.ctypes.data, self._truncations.size,
        )
        self._actions_address = self.actions.ctypes.data
        self._infos = {}
        self._resets = 0
        self._fresh = True
        self._pending = None

    # Gymnasium / PufferLib API

    def reset(self, seed=None, options=None):
        """Starts every world over and returns ``(observations, infos)``.

        ``seed``: an int (world ``i`` plays ``seed + i``, exactly as ``VecEnv(seed=seed)`` would),
        a list of one seed per world, or None (the creation seed on the first reset, then fresh
        seeds ``seed + k * num_worlds + i`` for the k-th reset).
        """
        self._check_open()
        self._check_idle()
        # A new environment already stands at the start of its creation seeds' episodes.
        seeds = [] if seed is None and self._fresh else self._seeds(seed)
        array = np.ascontiguousarray(seeds, dtype=np.uint64)
        _native.call(_native.lib.gridmmo_env_reset, self._handle, array.ctypes.data, array.size, *self._buffer_args)
        self._resets += 1
        self._fresh = False
        return self.observations, self._infos

    def step(self, actions):
        """Applies one action row per agent and returns ``(obs, rewards, terminations, truncations, infos)``."""
        self._check_open()
        self._check_idle()
        address = self._action_address(actions)
        self._fresh = False
        _native.call(_native.lib.gridmmo_env_step, self._handle, address, self.actions.size, *self._buffer_args)
        return self.observations, self.rewards, self.terminations, self.truncations, self._infos

    def send(self, actions):
        """Starts a step with these actions on a background thread and returns at once."""
        self._check_open()
        self._check_idle()
        address = self._action_address(actions)
        self._fresh = False
        _native.call(_native.lib.gridmmo_env_send, self._handle, address, self.actions.size, *self._buffer_args)
        self._pending = "step"

    def async_reset(self, seed=None):
        """Resets (as ``reset``) so that the next ``recv`` returns the first observations."""
        self.reset(seed)
        self.rewards.fill(0)
        self._pending = "reset"

    def recv(self):
        """Waits for the step ``send`` started; returns ``(obs, rewards, terminations, truncations, infos)``."""
        self._check_open()
        if self._pending is None:
            raise GridMMOError(_native.ERROR_STATE, "recv without a send or async_reset")
        pending, self._pending = self._pending, None
        if pending == "step":
            _native.call(_native.lib.gridmmo_env_recv, self._handle)
        return self.observations, self.rewards, self.terminations, self.truncations, self._infos

    def close_extras(self, **kwargs):
        """Frees the environment (finishing any replay being recorded); later calls raise."""
        if self._closed:
            return
        self._closed = True
        _native.call(_native.lib.gridmmo_env_destroy, self._handle)

    def __del__(self):
        if getattr(self, "_closed", True) is False:
            try:
                self.close()
            except Exception:
                pass

    # Reading the state

    def unpack(self, observations=None):
        """The observations (default: the current ones) as a dict of segment arrays, without copying."""
        return self.observation_layout.unpack(self.observations if observations is None else observations)

    def alive(self):
        """A bool per agent row: whether the agent is alive in its world now."""
        self_segment = self.observation_layout["self"]
        column = self_segment.column("alive")
        return self.unpack()["self"][:, column] != 0

    def stats(self):
        """Counters over the environment's life: agent_steps (living agents stepped: the samples a
        learner receives), episodes, episode_ticks, illegal_actions, tasks_assigned, tasks_completed."""
        self._check_open()
        values = np.zeros(len(_native.STAT_NAMES), np.int64)
        _native.call(_native.lib.gridmmo_env_stats, self._handle, values.ctypes.data, values.size)
        return dict(zip(_native.STAT_NAMES, (int(v) for v in values)))

    # Tasks

    @property
    def task_embeddings(self):
        """Every curriculum task's embedding: a (task_count, embedding_dim) float32 array."""
        self._check_open()
        values = np.zeros((len(self.tasks), self.description["task_embedding_dim"]), np.float32)
        _native.call(_native.lib.gridmmo_env_task_embeddings, self._handle, values.ctypes.data, values.size)
        return values

    def task_ids(self):
        """Each agent's task (an index into ``tasks``) and its best progress this episode, in 0...1."""
        self._check_open()
        ids = np.zeros(self.num_agents, np.int32)
        progress = np.zeros(self.num_agents, np.float32)
        _native.call(_native.lib.gridmmo_env_tasks, self._handle, ids.ctypes.data, progress.ctypes.data, self.num_agents)
        return ids, progress

    # Replays

    def record_replay(self, path, world=0):
        """Records world ``world``'s episode, which must be at tick 0 (right after a reset), into a
        replay file for ``gridmmo view``; recording stops when that episode ends."""
        self._check_open()
        _native.call(_native.lib.gridmmo_env_replay_start, self._handle, world, os.fsencode(path))

    def finish_replay(self, world=0):
        """Completes world ``world``'s replay; returns its tick records, bytes and checksum."""
        self._check_open()
        ticks, size, checksum = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_uint64()
        _native.call(_native.lib.gridmmo_env_replay_finish, self._handle, world, ctypes.byref(ticks), ctypes.byref(size), ctypes.byref(checksum))
        return {"ticks": ticks.value, "bytes": size.value, "checksum": checksum.value}

    # Internals

    def _seeds(self, seed):
        if seed is None:
            base = self.seed + self._resets * self.num_worlds
            return [base + world for world in range(self.num_worlds)]
        if isinstance(seed, (int, np.integer)):
            if seed < 0:
                raise ValueError(f"seed must be non-negative, got {seed}")
            return [int(seed) + world for world in range(self.num_worlds)]
        seeds = list(seed)
        if len(seeds) != self.num_worlds:
            raise ValueError(f"seed list holds {len(seeds)} seeds, the environment has {self.num_worlds} worlds (one seed each)")
        return seeds

    def _action_address(self, actions):
        """Where the library reads the actions: the caller's array itself when it is a C-contiguous
        int32 array of the right shape (no copy), else ``self.actions`` after converting into it."""
        if type(actions) is np.ndarray and actions.dtype == np.int32 and actions.shape == self.actions.shape and actions.flags.c_contiguous:
            return actions.ctypes.data
        actions = np.asarray(actions)
        if actions.dtype.kind not in "iu":
            raise TypeError(f"actions must be integers (one option index per head), got dtype {actions.dtype}")
        if actions.shape != self.actions.shape:
            raise ValueError(f"actions must have shape {self.actions.shape} (agents x heads), got {actions.shape}")
        if actions.dtype != np.int32 and actions.size and (actions.min() < -(2**31) or actions.max() >= 2**31):
            raise ValueError("actions must fit in int32")
        np.copyto(self.actions, actions, casting="unsafe")
        return self._actions_address

    def _check_open(self):
        if self._closed:
            raise EnvironmentClosedError()

    def _check_idle(self):
        if self._pending == "step":
            raise GridMMOError(_native.ERROR_BUSY, "a step started with send is in flight; call recv first")


__all__ = ["EnvironmentClosedError", "VecEnv"]
