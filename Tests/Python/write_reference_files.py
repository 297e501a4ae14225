#!/usr/bin/env python3
"""Writes the safetensors files that Tests/MMONetTests/ReferenceFileTests.swift reads, with the
`safetensors` package's own writer (`safetensors.numpy.save_file`), so that the Swift reader is
checked against files it did not write. Usage: write_reference_files.py OUTPUT_DIRECTORY
(the committed files are in Tests/MMONetTests/Fixtures/).
"""
import os
import sys

import numpy as np
from safetensors.numpy import save_file


def main(arguments):
    if len(arguments) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    directory = arguments[0]
    floats = {
        "weight": np.arange(6, dtype=np.float32).reshape(2, 3) * np.float32(0.5),
        "scalar": np.array(3.25, dtype=np.float32),
        "empty": np.zeros((0, 2), dtype=np.float32),
    }
    save_file(floats, os.path.join(directory, "numpy-f32.safetensors"), metadata={"source": "numpy", "note": "λ"})
    mixed = dict(floats)
    mixed["step"] = np.array([7], dtype=np.int64)
    mixed["half"] = np.array([1.5, -2.0], dtype=np.float16)
    mixed["flags"] = np.array([True, False, True], dtype=np.bool_)
    save_file(mixed, os.path.join(directory, "numpy-mixed.safetensors"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
