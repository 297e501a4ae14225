"""One GridMMO world as a PettingZoo ``ParallelEnv`` (dicts keyed by agent name)."""

import numpy as np
from gymnasium import spaces
from pettingzoo import ParallelEnv as _PettingZooParallelEnv

from .vector import VecEnv


class ParallelEnv(_PettingZooParallelEnv):
    """One world of GridMMO as a PettingZoo parallel environment.

    Agents are named ``agent_1`` ... ``agent_M`` (player slot order). Each observation is a dict
    with one array per observation segment (``tick``, ``self``, ``tiles``, ``entities``, ...; see
    ``observation_layout``) plus ``action_mask``, a tuple of 0/1 int8 arrays, one per action head in
    head order (what ``MultiDiscrete.sample(mask=...)`` takes); the arrays are copies the caller
    may keep. An action is one option per head (``MultiDiscrete``); agents left
    out of ``step``'s dict do nothing. An agent leaves ``agents`` on the step it dies
    (terminated) or when the episode is cut at its horizon (truncated), and that step's
    observations are its last (the world waits for ``reset`` rather than starting the next episode
    inside the step); the episode is over when ``agents`` is empty, and ``reset`` starts the next one.

    Options are those of ``VecEnv`` (``envs`` is always 1, ``autoreset`` always ``"next-step"``).
    """

    metadata = {"name": "gridmmo_v0", "render_modes": [], "is_parallelizable": True}

    def __init__(self, seed=1, render_mode=None, **options):
        if render_mode is not None:
            raise ValueError(f"render_mode {render_mode!r} is not supported; record a replay with record_replay() and watch it with `gridmmo view`")
        self.render_mode = None
        if options.pop("autoreset", "next-step") != "next-step":
            raise ValueError("ParallelEnv always plays with autoreset='next-step', so that an episode's last step shows its final observations")
        self._env = VecEnv(envs=1, seed=seed, autoreset="next-step", **options)
        self.observation_layout = self._env.observation_layout
        self.action_layout = self._env.action_layout
        self.possible_agents = [f"agent_{slot + 1}" for slot in range(self._env.agents_per_env)]
        self.agents = []
        self._rows = {agent: row for row, agent in enumerate(self.possible_agents)}
        self._observation_space = spaces.Dict(
            {
                **{segment.name: segment.space() for segment in self.observation_layout.segments},
                "action_mask": spaces.Tuple([spaces.MultiBinary(head.size) for head in self.action_layout.heads]),
            }
        )
        self._action_space = self.action_layout.space()

    def observation_space(self, agent):
        return self._observation_space

    def action_space(self, agent):
        return self._action_space

    def reset(self, seed=None, options=None):
        self._env.reset(seed=seed)
        self.agents = [agent for agent, alive in zip(self.possible_agents, self._env.alive()) if alive]
        return self._observations(self.agents), {agent: {} for agent in self.agents}

    def step(self, actions):
        if not self.agents:
            raise RuntimeError("the episode is over; call reset() to start the next one")
        rows = self._env.actions
        rows[:] = self.action_layout.nothing
        for agent, action in actions.items():
            if agent not in self._rows:
                raise KeyError(f"no agent {agent!r}; agents are named agent_1 ... agent_{len(self.possible_agents)}")
            rows[self._rows[agent]] = action
        acting = self.agents
        _, rewards, terminations, truncations, _ = self._env.step(rows)
        observations = self._observations(acting)
        reward = {agent: float(rewards[self._rows[agent]]) for agent in acting}
        terminated = {agent: bool(terminations[self._rows[agent]]) for agent in acting}
        truncated = {agent: bool(truncations[self._rows[agent]]) for agent in acting}
        infos = {agent: {} for agent in acting}
        self.agents = [agent for agent in acting if not (terminated[agent] or truncated[agent])]
        return observations, reward, terminated, truncated, infos

    def close(self):
        self._env.close()

    def state(self):
        raise NotImplementedError("GridMMO has no global state observation")

    # GridMMO extras

    def record_replay(self, path):
        """Records this episode (call right after reset) into a replay file for ``gridmmo view``."""
        self._env.record_replay(path, world=0)

    def finish_replay(self):
        """Completes the replay; returns its tick records, bytes and checksum."""
        return self._env.finish_replay(world=0)

    def task_ids(self):
        """Each agent's task index and its progress, as dicts keyed by agent."""
        ids, progress = self._env.task_ids()
        return ({agent: int(ids[row]) for agent, row in self._rows.items()}, {agent: float(progress[row]) for agent, row in self._rows.items()})

    @property
    def tasks(self):
        return self._env.tasks

    def _observations(self, agents):
        segments = self._env.unpack()
        masks = self.action_layout.split_mask(self._env.masks.view(np.int8))
        result = {}
        for agent in agents:
            row = self._rows[agent]
            observation = {name: np.array(values[row]) for name, values in segments.items()}
            observation["action_mask"] = tuple(np.array(mask[row]) for mask in masks.values())
            result[agent] = observation
        return result


__all__ = ["ParallelEnv"]
