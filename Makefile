# GridMMO: `make demo` runs a short headless simulation, trains a policy for two minutes, evaluates
# it and attacks it, `make test` runs every test, `make bench` runs the benchmarks (the Swift ones,
# then Python's stepping against Swift's), `make fuzz` the fuzz targets. Each target first installs
# the Debian packages it needs, if missing (python3-venv: Debian's python3 makes no virtual
# environment without it).

SWIFT ?= swift
APT_PACKAGES := pkg-config libopenblas-dev libsdl2-dev zlib1g-dev python3-venv
DEMO_OUT := out
# An optimised build whose FixedArray checks every index (-DCHECKED_BOUNDS), for a shorter soak in
# `make test` that makes an out-of-bounds access trap instead of silently corrupting memory.
CHECKED_BUILD := .build-checked
# `asan-smoke`: short CLI runs (simulate with a curriculum and a replay, replay info, headless view)
# of the gridmmo built by the fuzz targets' build (optimised, address sanitizer, coverage; see
# scripts/fuzz.sh), failing on any memory error and on any leak LeakSanitizer reports at exit.
# LeakSanitizer does not see pointers in which Swift keeps an enum's case number
# (llvm/llvm-project#56751), so it also reports the boxes of an indirect enum such as TaskPredicate
# that is still alive at exit: free everything before exiting.
ASAN_OUT := .build-fuzz/smoke
ASAN := ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 .build-fuzz/build/release/gridmmo

# `python-venv`: a Python environment with numpy, `safetensors` and `openskill` (for checking that
# Python users read what GridMMO writes), and gymnasium, pettingzoo, pytest and ray for the Python
# package's tests. Torch stays out of it (the example trainer, python/examples, needs its own).
# `check-checkpoint-python`: a Swift test writes a fixed checkpoint (GRIDMMO_CHECKPOINT_OUT), which
# Tests/Python/read_checkpoint.py loads with safetensors and compares, value by value and entry by
# entry, with the same fixture recomputed in Python.
VENV := .build/venv
CHECKPOINT_FIXTURE := .build/checkpoint-python/fixture.safetensors
# `check-openskill-python`: Tests/Python/openskill_cases.py rates fresh random games with the
# `openskill` package (pinned: the committed fixture Tests/MMOEvalTests/Fixtures was written by the
# same version) and the Swift test OpenSkillFixtureTests replays them with MMOEval's PlackettLuce.
# The seed changes every run unless given (`make check-openskill-python OPENSKILL_SEED=N`); the
# cases file records it.
OPENSKILL_VERSION := 6.2.0
OPENSKILL_CASES := .build/openskill/cases.json
OPENSKILL_SEED ?= $(shell date +%s)

# `python-package`: `pip install ./python` into the venv, which builds the GridMMOC library and the
# gridmmo tool in release mode with the Swift runtime linked statically (.build-python). `make test`
# runs its soak and training checks with that tool (RELEASE_CLI) rather than building another
# release tree. `check-python`: the C header against the library (Tests/CAPI/smoke.c, compiled with
# the Swift toolchain's clang), then the package's tests (python/tests) against the installed package.
PYTHON_BUILD := .build-python
RELEASE_CLI := $(PYTHON_BUILD)/release/gridmmo
PYTHON_TEST_PACKAGES := numpy safetensors openskill==$(OPENSKILL_VERSION) gymnasium pettingzoo pytest ray

# Seconds each fuzz target runs in `make fuzz` (`make test` gives each 15).
FUZZ_SECONDS ?= 60

.PHONY: all deps build demo test python-venv python-package check-python check-checkpoint-python check-openskill-python asan-smoke bench fuzz maps clean

all: build

deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --traits Viewer --product gridmmo

demo: build
	@mkdir -p $(DEMO_OUT)
	.build/release/gridmmo simulate --maps maps/train --envs 8 --ticks 1024 --seed 1 --curriculum curricula/train.json --replay $(DEMO_OUT)/demo.replay
	.build/release/gridmmo replay info $(DEMO_OUT)/demo.replay
	.build/release/gridmmo view $(DEMO_OUT)/demo.replay --headless --ticks 0:1024:128 --out $(DEMO_OUT)/frames --contact-sheet
	rm -rf $(DEMO_OUT)/run
	.build/release/gridmmo train --maps maps/train --curriculum curricula/train.json --minutes 2 --out $(DEMO_OUT)/run
	.build/release/gridmmo simulate --maps maps/eval --envs 1 --ticks 1024 --seed 1 --curriculum curricula/eval_heldout.json --policy $(DEMO_OUT)/run/checkpoint.safetensors --replay $(DEMO_OUT)/trained.replay
	.build/release/gridmmo eval pve --entrant trained=$(DEMO_OUT)/run/checkpoint.safetensors --entrant random --entrant forager --entrant combat --episodes 4 --out $(DEMO_OUT)/eval
	.build/release/gridmmo attack --policy $(DEMO_OUT)/run/checkpoint.safetensors --attack gaussian,align,fgsm --eps 0.1 --fraction 0.5 --episodes 8 --horizon 256 --out $(DEMO_OUT)/attack
	@echo "the held-out evaluation: $(DEMO_OUT)/eval/report.md; under attack: $(DEMO_OUT)/attack/report.md; watch the trained policy: .build/release/gridmmo view $(DEMO_OUT)/trained.replay"

test: deps
	$(SWIFT) build --build-tests --traits Viewer
	$(SWIFT) test --skip-build --traits Viewer
	$(MAKE) --no-print-directory check-checkpoint-python
	$(MAKE) --no-print-directory check-openskill-python
	$(MAKE) --no-print-directory check-python
	$(RELEASE_CLI) soak --maps maps/train --envs 64 --ticks 10000 --curriculum curricula/train.json
	scripts/check-training.sh $(RELEASE_CLI)
	scripts/check-training.sh $(RELEASE_CLI) 10 --recurrent
	$(SWIFT) build -c release --product gridmmo --scratch-path $(CHECKED_BUILD) -Xswiftc -DCHECKED_BOUNDS
	$(CHECKED_BUILD)/release/gridmmo soak --maps maps/train --envs 16 --ticks 2000 --seed 2 --curriculum curricula/train.json
	scripts/fuzz.sh 15
	$(MAKE) --no-print-directory asan-smoke

python-venv: deps
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import numpy, safetensors, gymnasium, pettingzoo, pytest, ray; from importlib.metadata import version; assert version('openskill') == '$(OPENSKILL_VERSION)'" 2>/dev/null \
	  || $(VENV)/bin/pip install --quiet $(PYTHON_TEST_PACKAGES)

python-package: python-venv
	$(VENV)/bin/pip install --quiet ./python

check-python: python-package
	@mkdir -p $(PYTHON_BUILD)/capi
	clang -std=c11 -Wall -Wextra -Werror -I Sources/MMOCAPI Tests/CAPI/smoke.c -L $(PYTHON_BUILD)/release -lGridMMOC \
	  -Wl,-rpath,$(CURDIR)/$(PYTHON_BUILD)/release -o $(PYTHON_BUILD)/capi/smoke
	$(PYTHON_BUILD)/capi/smoke
	$(VENV)/bin/python -m pytest -q python/tests

check-checkpoint-python: python-venv
	$(SWIFT) build --build-tests --traits Viewer
	@mkdir -p $(dir $(CHECKPOINT_FIXTURE))
	GRIDMMO_CHECKPOINT_OUT=$(CHECKPOINT_FIXTURE) $(SWIFT) test --skip-build --traits Viewer --filter PythonFixtureTests
	$(VENV)/bin/python Tests/Python/read_checkpoint.py $(CHECKPOINT_FIXTURE) --expect-fixture

check-openskill-python: python-venv
	$(SWIFT) build --build-tests --traits Viewer
	$(VENV)/bin/python Tests/Python/openskill_cases.py $(OPENSKILL_CASES) --seed $(OPENSKILL_SEED)
	GRIDMMO_OPENSKILL_CASES=$(OPENSKILL_CASES) $(SWIFT) test --skip-build --traits Viewer --filter OpenSkillFixtureTests

fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

asan-smoke: deps
	scripts/fuzz.sh build
	rm -rf $(ASAN_OUT) && mkdir -p $(ASAN_OUT)
	$(ASAN) simulate --maps maps/train --envs 2 --ticks 200 --seed 3 --curriculum curricula/train.json --replay $(ASAN_OUT)/smoke.replay
	$(ASAN) replay info $(ASAN_OUT)/smoke.replay
	$(ASAN) view $(ASAN_OUT)/smoke.replay --headless --ticks 0:200:50 --out $(ASAN_OUT)/frames --contact-sheet

bench: deps python-package
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark
	$(VENV)/bin/python python/benchmarks/step_overhead.py

maps: build
	.build/release/gridmmo maps generate --count 64 --seed 1 --out maps/train
	.build/release/gridmmo maps generate --count 16 --seed 1000001 --out maps/eval

clean:
	rm -rf .build $(CHECKED_BUILD) .build-fuzz $(PYTHON_BUILD) $(DEMO_OUT) Benchmarks/.build python/build python/*.egg-info
