"""ctypes bindings to libGridMMOC.so, the C ABI declared in Sources/MMOCAPI/gridmmo.h.

Every function returns a status code; ``call`` turns a nonzero one into a ``GridMMOError`` that
carries the library's message (which names the argument, option or file at fault).
"""

import ctypes
import os
from ctypes import POINTER, c_char_p, c_int32, c_int64, c_size_t, c_uint64, c_void_p

from .data import native_path

ABI_VERSION = 1

OK = 0
ERROR_HANDLE = 1
ERROR_ARGUMENT = 2
ERROR_BUFFER = 3
ERROR_BUSY = 4
ERROR_IO = 5
ERROR_STATE = 6

_CODE_NAMES = {
    ERROR_HANDLE: "handle",
    ERROR_ARGUMENT: "argument",
    ERROR_BUFFER: "buffer",
    ERROR_BUSY: "busy",
    ERROR_IO: "io",
    ERROR_STATE: "state",
}

STAT_NAMES = ("agent_steps", "episodes", "episode_ticks", "illegal_actions", "tasks_assigned", "tasks_completed")


class GridMMOError(RuntimeError):
    """An error reported by the GridMMO library; ``code`` is its GRIDMMO_ERROR_* number."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.kind = _CODE_NAMES.get(code, "unknown")


class Shape(ctypes.Structure):
    """gridmmo_shape: the sizes of an environment's buffers."""

    _fields_ = [
        ("environments", c_int64),
        ("agents_per_env", c_int64),
        ("total_agents", c_int64),
        ("observation_bytes", c_int64),
        ("mask_width", c_int64),
        ("head_count", c_int64),
        ("task_count", c_int64),
        ("task_embedding_dim", c_int64),
        ("threads", c_int64),
        ("horizon", c_int64),
    ]


_BUFFERS = [c_void_p, c_size_t] * 5  # observations, masks, rewards, terminations, truncations


def _declare(lib):
    signatures = {
        "gridmmo_abi_version": (c_int32, []),
        "gridmmo_last_error": (c_char_p, []),
        "gridmmo_env_create": (c_int32, [c_char_p, POINTER(c_uint64)]),
        "gridmmo_env_destroy": (c_int32, [c_uint64]),
        "gridmmo_env_shape": (c_int32, [c_uint64, POINTER(Shape)]),
        "gridmmo_env_describe": (c_int32, [c_uint64, c_void_p, c_size_t, POINTER(c_size_t)]),
        "gridmmo_env_reset": (c_int32, [c_uint64, c_void_p, c_size_t] + _BUFFERS),
        "gridmmo_env_step": (c_int32, [c_uint64, c_void_p, c_size_t] + _BUFFERS),
        "gridmmo_env_send": (c_int32, [c_uint64, c_void_p, c_size_t] + _BUFFERS),
        "gridmmo_env_recv": (c_int32, [c_uint64]),
        "gridmmo_env_stats": (c_int32, [c_uint64, c_void_p, c_size_t]),
        "gridmmo_env_tasks": (c_int32, [c_uint64, c_void_p, c_void_p, c_size_t]),
        "gridmmo_env_task_embeddings": (c_int32, [c_uint64, c_void_p, c_size_t]),
        "gridmmo_env_replay_start": (c_int32, [c_uint64, c_size_t, c_char_p]),
        "gridmmo_env_replay_finish": (c_int32, [c_uint64, c_size_t, POINTER(c_int64), POINTER(c_int64), POINTER(c_uint64)]),
        "gridmmo_curriculum_describe": (c_int32, [c_char_p, c_void_p, c_size_t, POINTER(c_size_t)]),
        "gridmmo_policy_create": (c_int32, [c_uint64, c_char_p, c_uint64, POINTER(c_uint64)]),
        "gridmmo_policy_act": (c_int32, [c_uint64, c_void_p, c_size_t, c_void_p, c_size_t, c_void_p, c_size_t]),
        "gridmmo_policy_destroy": (c_int32, [c_uint64]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


def library_path():
    """The shared library to load: $GRIDMMO_LIBRARY if set, else the one installed with the package."""
    override = os.environ.get("GRIDMMO_LIBRARY")
    if override:
        return override
    return native_path("libGridMMOC.so")


def _load():
    path = library_path()
    if not os.path.exists(path):
        raise ImportError(f"gridmmo: the native library {path} is missing; install the package with `pip install ./python` from the GridMMO checkout")
    lib = ctypes.CDLL(path)
    _declare(lib)
    version = lib.gridmmo_abi_version()
    if version != ABI_VERSION:
        raise ImportError(f"gridmmo: {path} speaks ABI version {version}, this package needs {ABI_VERSION}; reinstall the package")
    return lib


lib = _load()


def last_error():
    """This thread's last error message from the library."""
    return lib.gridmmo_last_error().decode("utf-8", "replace")


def call(function, *args):
    """Calls ``function`` and raises ``GridMMOError`` with the library's message if it fails."""
    code = function(*args)
    if code != OK:
        raise GridMMOError(code, last_error())


def read_text(function, *args):
    """Calls a text-returning function twice: once for the length, once into a buffer of that size."""
    length = c_size_t(0)
    code = function(*args, None, 0, ctypes.byref(length))
    if code not in (OK, ERROR_BUFFER) or (code == ERROR_BUFFER and length.value == 0):
        raise GridMMOError(code, last_error())
    buffer = ctypes.create_string_buffer(length.value + 1)
    call(function, *args, buffer, length.value + 1, ctypes.byref(length))
    return buffer.value.decode("utf-8")


__all__ = ["GridMMOError", "Shape", "call", "lib", "last_error", "read_text", "STAT_NAMES"]
