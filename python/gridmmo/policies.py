"""GridMMO's scripted policies (random, forager, combat) acting on a ``VecEnv``'s buffers."""

import ctypes

import numpy as np

from . import _native

NAMES = ("random", "forager", "combat")


class ScriptedPolicy:
    """A scripted policy for every agent of ``env``: ``random`` (uniform legal options), ``forager``
    (seeks food and water when low) or ``combat`` (the scripted fighter). World ``i`` draws from a
    stream seeded by ``seed + i``, so its choices repeat for a seed whatever the batch."""

    def __init__(self, env, name="forager", seed=0):
        self.env = env
        self.name = name
        handle = ctypes.c_uint64(0)
        env._check_open()
        _native.call(_native.lib.gridmmo_policy_create, env._handle, name.encode(), seed, ctypes.byref(handle))
        self._handle = handle.value
        self.actions = np.zeros_like(env.actions)

    def act(self, observations=None, masks=None):
        """Actions for every agent (a (num_agents, head_count) int32 array, reused between calls)
        from the given observations and masks, by default the environment's current ones."""
        self.env._check_open()
        if not self._handle:
            raise _native.GridMMOError(_native.ERROR_HANDLE, "the policy is closed")
        observations = self.env.observations if observations is None else np.ascontiguousarray(observations, dtype=np.uint8)
        masks = self.env.masks if masks is None else np.ascontiguousarray(masks, dtype=np.uint8)
        _native.call(_native.lib.gridmmo_policy_act, self._handle, observations.ctypes.data, observations.nbytes,
                     masks.ctypes.data, masks.nbytes, self.actions.ctypes.data, self.actions.size)
        return self.actions

    def close(self):
        if self._handle:
            handle, self._handle = self._handle, 0
            _native.call(_native.lib.gridmmo_policy_destroy, handle)

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


__all__ = ["NAMES", "ScriptedPolicy"]
