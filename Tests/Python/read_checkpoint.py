#!/usr/bin/env python3
"""Loads a GridMMO checkpoint with the `safetensors` package, the way PyTorch and NumPy users will.

Usage: read_checkpoint.py PATH [--expect-fixture]

Prints each tensor's name, dtype, shape and sum (float64), then the metadata. With
--expect-fixture, also checks that the file holds exactly the fixture that the Swift test
`PythonFixtureTests` writes (tensor values recomputed here from the same formula) and exits
non-zero, naming the difference, when it does not.
"""
import json
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

# The fixture of Tests/MMONetTests/PythonFixtureTests.swift: parameters and their shapes, the
# Adam step and the metadata. Each tensor's values are row-major `base + index * scale` with
# base = len(parameter name) (negated for first moments).
FIXTURE_SHAPES = {
    "encoder.weight": (8, 5),
    "encoder.bias": (8,),
    "head.weight": (3, 8),
    "head.bias": (3,),
    "log_temperature": (),
    "unused": (0, 4),
}
FIXTURE_ADAM_STEP = 7
FIXTURE_METADATA = {
    "gridmmo.format_version": "1",
    "gridmmo.adam_step": str(FIXTURE_ADAM_STEP),
    "gridmmo.observation_layout": '{\n  "bytes_per_agent": 16,\n  "segments": [\n    {"name": "tick", "dtype": "int32", "shape": [1], "offset": 0, "columns": []}\n  ]\n}',
    "gridmmo.policy": '{"hidden": 8, "layers": ["encoder", "head"]}',
    "gridmmo.trainer_state": '{"updates": 7, "note": "λ \\"quoted\\" \\\\ tab\\t"}',
}
JSON_KEYS = ("gridmmo.observation_layout", "gridmmo.policy", "gridmmo.trainer_state")


def fixture_value(name, shape, sign, scale):
    count = int(np.prod(shape, dtype=np.int64))
    values = sign * (len(name) + np.arange(count, dtype=np.float64) * scale)
    return values.astype(np.float32).reshape(shape)


def expected_tensors():
    tensors = {}
    for name, shape in FIXTURE_SHAPES.items():
        tensors[name] = fixture_value(name, shape, 1, 0.5)
        tensors["adam.m." + name] = fixture_value(name, shape, -1, 0.25)
        tensors["adam.v." + name] = fixture_value(name, shape, 1, 0.125)
    return tensors


def check_fixture(tensors, metadata):
    problems = []
    expected = expected_tensors()
    for name in sorted(set(expected) - set(tensors)):
        problems.append(f"tensor {name!r} is missing")
    for name in sorted(set(tensors) - set(expected)):
        problems.append(f"tensor {name!r} is not in the fixture")
    for name in sorted(set(tensors) & set(expected)):
        found, wanted = tensors[name], expected[name]
        if found.dtype != np.float32:
            problems.append(f"tensor {name!r} has dtype {found.dtype}, expected float32")
        elif found.shape != wanted.shape:
            problems.append(f"tensor {name!r} has shape {found.shape}, expected {wanted.shape}")
        elif not np.array_equal(found.view(np.uint32), wanted.view(np.uint32)):
            index = int(np.argmax(found.reshape(-1).view(np.uint32) != wanted.reshape(-1).view(np.uint32)))
            problems.append(f"tensor {name!r} differs at flat index {index}: {found.reshape(-1)[index]} != {wanted.reshape(-1)[index]}")
    if metadata != FIXTURE_METADATA:
        for key in sorted(set(metadata) | set(FIXTURE_METADATA)):
            if metadata.get(key) != FIXTURE_METADATA.get(key):
                problems.append(f"metadata {key!r} is {metadata.get(key)!r}, expected {FIXTURE_METADATA.get(key)!r}")
    for key in JSON_KEYS:
        try:
            json.loads(metadata.get(key, ""))
        except ValueError as error:
            problems.append(f"metadata {key!r} is not JSON: {error}")
    return problems


def main(arguments):
    if len(arguments) not in (1, 2) or (len(arguments) == 2 and arguments[1] != "--expect-fixture"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = arguments[0]
    tensors = load_file(path)
    with safe_open(path, framework="numpy") as handle:
        metadata = handle.metadata() or {}
        lazily = {name: handle.get_tensor(name) for name in handle.keys()}
    problems = [f"tensor {name!r} reads differently through safe_open" for name in tensors
                if name not in lazily or not np.array_equal(tensors[name], lazily[name])]
    for name in sorted(tensors):
        tensor = tensors[name]
        print(f"{name}\t{tensor.dtype}\t{list(tensor.shape)}\tsum={float(tensor.astype(np.float64).sum())!r}")
    for key in sorted(metadata):
        print(f"metadata {key} = {metadata[key]!r}")
    if len(arguments) == 2:
        problems += check_fixture(tensors, metadata)
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if problems:
        return 1
    if len(arguments) == 2:
        print(f"{path}: {len(tensors)} tensors and {len(metadata)} metadata entries match the fixture")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
