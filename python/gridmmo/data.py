"""The maps, curricula and command-line tool installed with the package.

An installed package carries them in ``gridmmo/data`` and ``gridmmo/_lib``. Run from a checkout
without installing (``PYTHONPATH=python``), it uses the checkout's ``maps/`` and ``curricula/`` and
the products of ``.build-python`` (what ``pip install ./python`` builds) instead.
"""

import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_CHECKOUT = os.path.dirname(os.path.dirname(_HERE))
_INSTALLED = os.path.isdir(os.path.join(_HERE, "data"))
_DATA = os.path.join(_HERE, "data") if _INSTALLED else _CHECKOUT


def native_path(name):
    """A built product: installed in ``gridmmo/_lib``, or in a checkout's ``.build-python/release``."""
    installed = os.path.join(_HERE, "_lib", name)
    if os.path.exists(installed):
        return installed
    return os.path.join(_CHECKOUT, ".build-python", "release", name)


def data_path(*parts):
    """A path inside the shipped data: ``data_path("maps", "train")``, ``data_path("curricula", "train.json")``."""
    path = os.path.join(_DATA, *parts)
    if not os.path.exists(path):
        raise FileNotFoundError(f"gridmmo: {path} is not part of the shipped data")
    return path


def train_maps():
    """The shipped training maps (default rules)."""
    return data_path("maps", "train")


def eval_maps():
    """The shipped held-out evaluation maps (default rules)."""
    return data_path("maps", "eval")


def curriculum_path(name="train"):
    """A shipped curriculum by name: ``train``, ``eval_heldout``, ..."""
    return data_path("curricula", name + ".json")


def cli_path():
    """The ``gridmmo`` command-line tool: $GRIDMMO_CLI if set, else the one installed with the package."""
    override = os.environ.get("GRIDMMO_CLI")
    if override:
        return override
    return native_path("gridmmo")


__all__ = ["native_path", "cli_path", "curriculum_path", "data_path", "eval_maps", "train_maps"]
