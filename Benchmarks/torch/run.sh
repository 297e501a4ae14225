#!/usr/bin/env bash
# Runs the PyTorch mirror of GridMMO's policy update (see README.md in this folder).
# Creates a venv under .build/torch-venv (git-ignored, outside `make test`) on first use, installs
# torch (CPU build) and numpy into it, then runs policy_update_bench.py with the given arguments:
#   Benchmarks/torch/run.sh                  # both variants, 1 and 2 threads
#   Benchmarks/torch/run.sh --threads 1 --repetitions 3
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${TORCH_VENV:-$ROOT/.build/torch-venv}"
if [ ! -x "$VENV/bin/python" ]; then
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
if ! "$PY" -c "import torch" >/dev/null 2>&1; then
  # The CPU-only wheel index first (a few hundred MB, no CUDA libraries); if it cannot be
  # reached, whatever the configured package index serves.
  if ! "$PY" -m pip install --timeout 20 --retries 1 torch --index-url https://download.pytorch.org/whl/cpu; then
    echo "run.sh: the PyTorch CPU index is not reachable; installing torch from the default index" >&2
    "$PY" -m pip install torch
  fi
fi
if ! "$PY" -c "import numpy" >/dev/null 2>&1; then
  "$PY" -m pip install numpy
fi
exec "$PY" "$ROOT/Benchmarks/torch/policy_update_bench.py" "$@"
