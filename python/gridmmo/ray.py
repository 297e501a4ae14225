"""GridMMO on a Ray cluster: evaluation shards as Ray tasks, rollout workers as Ray actors.

    import ray
    import gridmmo.ray
    ray.init()  # or ray.init(address="auto") on a machine of a cluster
    results = gridmmo.ray.evaluate("pve", {"forager": "forager", "mine": "runs/x/checkpoint.safetensors"},
                                   "out/eval", shards=8, episodes=64)
    fleet = gridmmo.ray.RolloutFleet(4, "forager", envs=8, seed=1, preset="small", generated_maps=4)
    batch = fleet.rollout(64)  # dict of arrays, (64, 4 * 8 * 64, ...)

Nodes need not share a filesystem: ``evaluate`` reads every file it is given (checkpoints, maps,
curriculum, config) on the driver and ships the bytes to the tasks through the object store, and
each task returns the files its shard wrote. Every node needs the same version of the package.
"""

import json
import os
import shlex
import subprocess
import tempfile

import numpy as np
import ray

from .data import cli_path, curriculum_path, eval_maps
from .policies import NAMES as SCRIPTED_NAMES
from .policies import ScriptedPolicy
from .vector import VecEnv

# The CLI's defaults for --maps and --curriculum, relative to its working directory. A shard runs
# in a directory where they name the node's own installed data, so that results record these names
# (as a run from a checkout does) rather than one node's install path.
_SHIPPED_DATA = (("maps/eval", eval_maps), ("curricula/eval_heldout.json", lambda: curriculum_path("eval_heldout")))

# Flags evaluate() sets itself, and the argument that decides each.
_SET_BY_EVALUATE = {"out": "out", "shard": "shards", "threads": "num_cpus", "entrant": "entrants"}


class CLIError(RuntimeError):
    """The ``gridmmo`` command-line tool failed: ``command`` (its argument list), ``returncode``
    and ``stderr`` (the tool's error output, which names the flag or file at fault)."""

    def __init__(self, command, returncode, stderr):
        super().__init__(command, returncode, stderr)
        self.command = command
        self.returncode = returncode
        self.stderr = stderr

    def __str__(self):
        return f"`{shlex.join(self.command)}` failed with exit status {self.returncode}:\n{self.stderr.strip()}"


# Evaluation


def evaluate(mode, entrants, out, shards, *, maps=None, curriculum=None, config=None, num_cpus=1, **options):
    """Runs ``gridmmo eval MODE`` as ``shards`` Ray tasks and merges them into ``out``, which then
    holds what a single run writes (report.md, results.json, the plots) and each shard's files in
    ``out/shards/I/``; returns the results (results.json, parsed).

    ``mode``: ``"pve"`` or ``"pvp"``. ``entrants``: a dict ``{name: agent or checkpoint}`` or a list
    of the CLI's entrant specs (``AGENT``, ``CHECKPOINT``, ``NAME=AGENT``, ``NAME=CHECKPOINT``), where
    AGENT is ``random``, ``forager`` or ``combat`` and CHECKPOINT a file written by ``gridmmo train``
    (a str or ``os.PathLike``). ``maps`` (a directory), ``curriculum`` and ``config`` (files) default
    to the CLI's defaults, the package's held-out maps and curriculum as installed on each node.
    Results name a checkpoint, maps, curriculum or config by its path as given when that path is
    relative and inside the current directory (as a local run from here would), else by
    ``inputs/...``. ``num_cpus``: the CPUs each task asks Ray for and the CLI's ``--threads``.
    ``options``: the CLI's other flags, by keyword: ``episodes=64``, ``seed=1``, ``envs=8``,
    ``preset="small"``, ``horizon=256``, ``generated_maps=4``, ``teams=16``, ``immortal=True``,
    ``replays=2``, ``resamples=1000``. A shard's CLI failure raises ``CLIError`` with its stderr.
    """
    if mode not in ("pve", "pvp"):
        raise ValueError(f"mode must be 'pve' or 'pvp', got {mode!r}")
    if not isinstance(shards, int) or shards < 1:
        raise ValueError(f"shards must be a positive integer, got {shards!r}")
    if not isinstance(num_cpus, int) or num_cpus < 1:
        raise ValueError(f"num_cpus must be a positive integer (the CLI's --threads), got {num_cpus!r}")
    files = {}
    arguments = _entrant_arguments(entrants, files)
    for name, path, is_directory in (("maps", maps, True), ("curriculum", curriculum, False), ("config", config, False)):
        if path is not None:
            arguments += [f"--{name}", _ship(path, name, files, is_directory, fallback=f"inputs/{name}")]
    arguments += _option_arguments(options)

    inputs = ray.put(files)
    task = _play_shard.options(num_cpus=num_cpus)
    outputs = _gather([task.remote(mode, arguments, inputs, index, shards, num_cpus) for index in range(shards)])
    out = os.fspath(out)
    if shards == 1:
        # The CLI writes the whole report for shard 0/1: there is nothing to merge.
        _write_files(out, outputs[0])
    else:
        directories = [os.path.join(out, "shards", str(index)) for index in range(shards)]
        for directory, files_written in zip(directories, outputs):
            _write_files(directory, files_written)
        _run_cli(["eval", "merge", *directories, "--out", out])
    with open(os.path.join(out, "results.json"), encoding="utf-8") as file:
        return json.load(file)


@ray.remote
def _play_shard(mode, arguments, inputs, index, shards, threads):
    """Runs shard ``index`` of ``shards`` in a temporary directory of this node holding ``inputs``
    ({relative path: bytes}) and the shipped data; returns the files it wrote ({path in --out: bytes})."""
    with tempfile.TemporaryDirectory(prefix="gridmmo-shard-") as root:
        work, out = os.path.join(root, "work"), os.path.join(root, "out")
        _write_files(work, inputs)
        for relative, installed in _SHIPPED_DATA:
            path = os.path.join(work, relative)
            if not os.path.lexists(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                os.symlink(installed(), path)
        _run_cli(["eval", mode, *arguments, "--shard", f"{index}/{shards}", "--threads", str(threads), "--out", out], cwd=work)
        return _read_files(out)


def _entrant_arguments(entrants, files):
    """The ``--entrant NAME=VALUE`` arguments, adding each checkpoint's bytes to ``files``."""
    if isinstance(entrants, (str, bytes, os.PathLike)):
        raise TypeError(f"entrants must be a list or a dict of entrants, got the single value {entrants!r}")
    if isinstance(entrants, dict):
        pairs = [(str(name), value) for name, value in entrants.items()]
    else:
        pairs = []
        for spec in entrants:
            if isinstance(spec, os.PathLike):
                spec = os.fspath(spec)
            name, separator, value = spec.partition("=")
            pairs.append((name, value if separator else name))
    if not pairs:
        raise ValueError("entrants: give at least one entrant")
    names = [name for name, _ in pairs]
    for name in names:
        if not name or "=" in name or names.count(name) > 1:
            raise ValueError(f"entrants: the name {name!r} is empty, holds '=' or is given twice")
    arguments = []
    for position, (name, value) in enumerate(pairs):
        if isinstance(value, str) and value in SCRIPTED_NAMES:
            arguments += ["--entrant", f"{name}={value}"]
            continue
        label = _ship(value, f"entrant {name!r}", files, False, fallback=f"inputs/entrant-{position}")
        # The CLI takes a value for a checkpoint if it ends in .safetensors or holds a '/'.
        if "/" not in label and not label.endswith(".safetensors"):
            label = "./" + label
        arguments += ["--entrant", f"{name}={label}"]
    return arguments


def _ship(path, argument, files, is_directory, fallback):
    """Adds the file (or the directory's files) at ``path`` to ``files`` and returns the relative path
    the CLI reads it from in a shard's directory: ``path`` as given when it is relative and stays
    inside the current directory, else ``FALLBACK/BASENAME``."""
    path = os.fspath(path)
    if is_directory and not os.path.isdir(path):
        raise FileNotFoundError(f"{argument}: {path} is not a directory")
    if not is_directory and not os.path.isfile(path):
        raise FileNotFoundError(f"{argument}: {path} is not a file")
    normal = os.path.normpath(path)
    escapes = os.path.isabs(path) or normal == os.pardir or normal.startswith(os.pardir + os.sep)
    label = f"{fallback}/{os.path.basename(os.path.abspath(path))}" if escapes else path
    if is_directory:
        for entry in sorted(os.listdir(path)):
            if os.path.isfile(os.path.join(path, entry)):
                files[os.path.join(label, entry)] = _read_bytes(os.path.join(path, entry))
    else:
        files[label] = _read_bytes(path)
    return label


def _option_arguments(options):
    """The CLI flags for keyword options: ``generated_maps=4`` is ``--generated-maps 4``, True a bare flag."""
    arguments = []
    for key, value in options.items():
        if key in _SET_BY_EVALUATE:
            raise TypeError(f"evaluate() sets --{key} itself, from its {_SET_BY_EVALUATE[key]} argument")
        flag = "--" + key.replace("_", "-")
        if value is True:
            arguments.append(flag)
        elif value is not None and value is not False:
            arguments += [flag, str(value)]
    return arguments


def _gather(tasks):
    """The tasks' results; if one fails, the others are cancelled and its own exception (a
    ``CLIError`` for a failed CLI) is raised rather than Ray's wrapper of it."""
    try:
        return ray.get(tasks)
    except ray.exceptions.RayTaskError as failure:
        for task in tasks:
            ray.cancel(task)
        if isinstance(failure.cause, CLIError):
            raise failure.cause from None
        raise


def _run_cli(arguments, cwd=None):
    """Runs the package's ``gridmmo`` with ``arguments``; raises ``CLIError`` if it fails."""
    command = [cli_path(), *arguments]
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if completed.returncode != 0:
        raise CLIError(command, completed.returncode, completed.stderr)


def _read_bytes(path):
    with open(path, "rb") as file:
        return file.read()


def _write_files(directory, files):
    """Writes ``files`` ({relative path: bytes}) below ``directory``."""
    for relative, content in files.items():
        path = os.path.join(directory, os.path.normpath(relative))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(content)


def _read_files(directory):
    """Every file below ``directory``, as {relative path: bytes}."""
    files = {}
    for parent, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(parent, name)
            files[os.path.relpath(path, directory)] = _read_bytes(path)
    return files


# Rollouts


class RolloutWorker:
    """A ``VecEnv`` made from ``env_options`` and a policy that plays it: a Ray actor's state
    (``RolloutFleet`` makes them), usable in-process too. Its worlds start at creation; each
    ``rollout`` continues them where the last one stopped.

    ``policy``: a scripted policy's name (``random``, ``forager``, ``combat``), seeded with
    ``policy_seed`` (default: the environment's seed, so world ``i`` draws from ``seed + i``), or a
    picklable callable ``policy(observations, masks) -> actions`` given the environment's buffers.
    """

    def __init__(self, policy="random", *, policy_seed=None, **env_options):
        self.env = VecEnv(**env_options)
        if isinstance(policy, str):
            self.policy = ScriptedPolicy(self.env, policy, self.env.seed if policy_seed is None else policy_seed).act
        elif callable(policy):
            self.policy = policy
        else:
            raise TypeError(f"policy must be a scripted policy's name ({', '.join(SCRIPTED_NAMES)}) "
                            f"or a callable policy(observations, masks) -> actions, got {policy!r}")
        self.env.reset()

    def rollout(self, steps):
        """Plays ``steps`` steps; returns a dict of arrays with a leading time axis: ``observations``
        and ``masks`` (what the policy saw at step t), ``actions`` (what it chose), ``rewards``,
        ``terminations`` and ``truncations`` (what step t gave), each (steps, num_agents, ...)."""
        env = self.env
        buffers = {"observations": env.observations, "masks": env.masks, "actions": env.actions,
                   "rewards": env.rewards, "terminations": env.terminations, "truncations": env.truncations}
        batch = {name: np.empty((steps, *buffer.shape), buffer.dtype) for name, buffer in buffers.items()}
        for step in range(steps):
            batch["observations"][step] = env.observations
            batch["masks"][step] = env.masks
            actions = self.policy(env.observations, env.masks)
            env.step(actions)
            batch["actions"][step] = actions
            for name in ("rewards", "terminations", "truncations"):
                batch[name][step] = buffers[name]
        return batch

    def close(self):
        """Frees the environment."""
        self.env.close()


class RolloutFleet:
    """``workers`` ``RolloutWorker`` actors whose worlds do not overlap: worker ``k`` plays
    ``VecEnv(envs=envs, seed=seed + k * envs, threads=num_cpus, **env_options)``, asking Ray for
    ``num_cpus`` CPUs, with ``policy`` (its seed, if given, spaced the same way). Paths among
    ``env_options`` are opened on the workers' nodes; ``curriculum`` and ``config`` may be dicts."""

    def __init__(self, workers, policy="random", *, envs=8, seed=1, policy_seed=None, num_cpus=1, **env_options):
        if not isinstance(workers, int) or workers < 1:
            raise ValueError(f"workers must be a positive integer, got {workers!r}")
        actor = ray.remote(RolloutWorker).options(num_cpus=num_cpus)
        self.workers = [
            actor.remote(policy, policy_seed=None if policy_seed is None else policy_seed + k * envs,
                         envs=envs, seed=seed + k * envs, threads=num_cpus, **env_options)
            for k in range(workers)
        ]

    def rollout(self, steps):
        """Every worker's ``rollout(steps)``, run in parallel and joined along the agent axis
        (worker ``k``'s rows after worker ``k - 1``'s)."""
        parts = ray.get([worker.rollout.remote(steps) for worker in self.workers])
        return {name: np.concatenate([part[name] for part in parts], axis=1) for name in parts[0]}

    def close(self):
        """Ends the workers' actors, freeing their CPUs."""
        for worker in self.workers:
            ray.kill(worker)
        self.workers = []


__all__ = ["CLIError", "RolloutFleet", "RolloutWorker", "evaluate"]
