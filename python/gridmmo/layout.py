"""The observation record and action heads of an environment, read from the library.

Each agent's observation is a fixed-size byte record made of named segments (``tick``, ``self``,
``tiles``, ``entities``, ... see the README's "Observation layout"). ``ObservationLayout.dtype`` is
a NumPy structured dtype over that record, so ``obs.view(layout.dtype)`` gives every segment by
name without copying; ``ObservationLayout.unpack`` does that for a batch of records.
"""

from dataclasses import dataclass

import numpy as np
from gymnasium import spaces


@dataclass(frozen=True)
class Segment:
    """One named block of the observation record."""

    name: str
    dtype: np.dtype
    shape: tuple
    offset: int
    columns: tuple

    @property
    def nbytes(self):
        return int(np.prod(self.shape)) * self.dtype.itemsize

    def column(self, name):
        """Index of a named column of a table segment (e.g. ``entities``'s ``"hp"``)."""
        try:
            return self.columns.index(name)
        except ValueError:
            raise KeyError(f"segment {self.name!r} has no column {name!r}; its columns are {list(self.columns)}") from None

    def space(self):
        """A gymnasium Box holding every value this segment can carry."""
        if self.dtype.kind == "f":
            return spaces.Box(low=-np.inf, high=np.inf, shape=self.shape, dtype=self.dtype)
        info = np.iinfo(self.dtype)
        return spaces.Box(low=info.min, high=info.max, shape=self.shape, dtype=self.dtype)


class ObservationLayout:
    """The segments of one agent's observation record, as the library describes them."""

    def __init__(self, description):
        self.bytes_per_agent = int(description["bytes_per_agent"])
        self.segments = tuple(
            Segment(s["name"], np.dtype(s["dtype"]).newbyteorder("<"), tuple(s["shape"]), int(s["offset"]), tuple(s["columns"]))
            for s in description["segments"]
        )
        self._by_name = {segment.name: segment for segment in self.segments}
        self.dtype = np.dtype(
            {
                "names": [s.name for s in self.segments],
                "formats": [(s.dtype, s.shape) for s in self.segments],
                "offsets": [s.offset for s in self.segments],
                "itemsize": self.bytes_per_agent,
            }
        )

    def __getitem__(self, name):
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"no observation segment {name!r}; the segments are {list(self._by_name)}") from None

    def __contains__(self, name):
        return name in self._by_name

    def unpack(self, records):
        """Views a (..., bytes_per_agent) uint8 array as a dict of segment arrays, without copying."""
        records = np.asarray(records)
        if records.dtype != np.uint8 or records.shape[-1:] != (self.bytes_per_agent,):
            raise ValueError(f"expected uint8 records of {self.bytes_per_agent} bytes, got {records.dtype} of shape {records.shape}")
        structured = np.ascontiguousarray(records).view(self.dtype)[..., 0]
        return {segment.name: structured[segment.name] for segment in self.segments}

    def space(self):
        """A gymnasium Dict space of one agent's segments."""
        return spaces.Dict({segment.name: segment.space() for segment in self.segments})


@dataclass(frozen=True)
class ActionHead:
    """One integer action head: ``size`` options, named in ``options``; ``nothing`` does nothing."""

    name: str
    size: int
    mask_offset: int
    nothing: int
    options: tuple


class ActionLayout:
    """The action heads: an agent's action is one int32 per head; its mask row the heads' masks back to back."""

    def __init__(self, description):
        self.mask_width = int(description["mask_width"])
        self.heads = tuple(ActionHead(h["name"], int(h["size"]), int(h["mask_offset"]), int(h["nothing"]), tuple(h["options"])) for h in description["heads"])
        self.sizes = np.array([head.size for head in self.heads], dtype=np.int64)
        self.nothing = np.array([head.nothing for head in self.heads], dtype=np.int32)

    @property
    def head_count(self):
        return len(self.heads)

    def head(self, name):
        for head in self.heads:
            if head.name == name:
                return head
        raise KeyError(f"no action head {name!r}; the heads are {[h.name for h in self.heads]}")

    def split_mask(self, masks):
        """Splits (..., mask_width) mask rows into a dict of per-head arrays (views)."""
        return {head.name: masks[..., head.mask_offset : head.mask_offset + head.size] for head in self.heads}

    def space(self):
        """A gymnasium MultiDiscrete space over the heads."""
        return spaces.MultiDiscrete(self.sizes)


__all__ = ["ActionHead", "ActionLayout", "ObservationLayout", "Segment"]
