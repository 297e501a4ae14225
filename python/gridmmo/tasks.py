"""Curricula: the task sets agents are dealt from, read without making an environment."""

import json
import os
from dataclasses import dataclass

import numpy as np

from . import _native


@dataclass(frozen=True)
class Curriculum:
    """A curriculum file's tasks and their embeddings (the vectors policies are conditioned on).

    ``tasks``: one dict per task as the file holds it (``name``, ``predicate``, ``reward_to``,
    ``weight``, ``tags``); ``embeddings``: a (task_count, embedding_dim) float32 array, row ``i`` the
    embedding of task ``i`` (the index environments report in ``task_ids()`` and the ``task``
    observation segment).
    """

    path: str
    tasks: tuple
    embeddings: np.ndarray

    @property
    def names(self):
        return [task["name"] for task in self.tasks]

    def __len__(self):
        return len(self.tasks)


def load_curriculum(path):
    """Reads and checks a curriculum file; errors name the file and the entry at fault."""
    path = os.fspath(path)
    description = json.loads(_native.read_text(_native.lib.gridmmo_curriculum_describe, path.encode()))
    embeddings = np.array(description["embeddings"], dtype=np.float32).reshape(len(description["tasks"]), description["embedding_dim"])
    return Curriculum(path, tuple(description["tasks"]), embeddings)


__all__ = ["Curriculum", "load_curriculum"]
