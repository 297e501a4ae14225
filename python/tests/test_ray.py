"""gridmmo.ray on a local two-CPU Ray: sharded evaluations merge into a single run's report,
rollout workers play what in-process environments play, and failures name their cause."""

import json
import logging
import os
import subprocess

import numpy as np
import pytest
import ray

import gridmmo
import gridmmo.ray
from conftest import SMALL

# A PvE evaluation of seconds on the shipped held-out maps: 2 entrants x 4 episodes of 32 ticks,
# 2 games at a time (4 batches), as evaluate() options and as the same CLI flags.
EVALUATION = {"episodes": 4, "envs": 2, "horizon": 32, "seed": 3}
EVALUATION_FLAGS = ["--episodes", "4", "--envs", "2", "--horizon", "32", "--seed", "3"]


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    yield
    ray.shutdown()


def run_cli(cwd, *arguments):
    subprocess.run([gridmmo.cli_path(), *arguments], cwd=cwd, check=True, capture_output=True)


def without_run(results):
    return {key: value for key, value in results.items() if key != "run"}


def read_results(directory):
    with open(directory / "results.json", encoding="utf-8") as file:
        return json.load(file)


def test_a_sharded_evaluation_writes_the_report_of_a_single_run(tmp_path):
    # The single run plays from the shipped data's root, where the CLI's default maps/eval and
    # curricula/eval_heldout.json are; the shards play on each worker's own installed copies.
    single = tmp_path / "single"
    run_cli(gridmmo.data_path(), "eval", "pve", "--entrant", "random", "--entrant", "forager", *EVALUATION_FLAGS, "--out", str(single))
    out = tmp_path / "ray"
    results = gridmmo.ray.evaluate("pve", ["random", "forager"], out, shards=2, **EVALUATION)

    assert results["run"]["shards"] == 2 and results == read_results(out)
    assert without_run(results) == without_run(read_results(single))
    assert results["plan"]["setup"]["maps"] == "maps/eval"
    # The report holds no run-specific text: it is the single run's, byte for byte.
    for name in ("report.md", "category-scores.svg"):
        assert (out / name).read_bytes() == (single / name).read_bytes(), name
    assert sorted(os.listdir(out / "shards")) == ["0", "1"]
    assert all((out / "shards" / shard / "partial.json").is_file() for shard in ("0", "1"))


def test_checkpoints_travel_to_the_shards_as_bytes(tmp_path, monkeypatch):
    # A checkout-like directory: the shipped data and a checkpoint trained in a second.
    for name in ("maps", "curricula"):
        (tmp_path / name).symlink_to(gridmmo.data_path(name))
    run_cli(tmp_path, "train", "--steps", "1000", "--envs", "1", "--rollout-steps", "8", "--minibatch", "512", "--out", "runs/tiny")
    checkpoint = "runs/tiny/checkpoint.safetensors"
    run_cli(tmp_path, "eval", "pve", "--entrant", "random", "--entrant", f"tiny={checkpoint}", *EVALUATION_FLAGS, "--out", "single")
    monkeypatch.chdir(tmp_path)

    # A relative path is kept, so the results are those of the local run.
    results = gridmmo.ray.evaluate("pve", {"random": "random", "tiny": checkpoint}, "ray", shards=2, **EVALUATION)
    assert without_run(results) == without_run(read_results(tmp_path / "single"))

    # Absolute paths are named inputs/...: the same content under another name. One shard writes
    # the report itself.
    shipped = {"maps": gridmmo.eval_maps(), "curriculum": gridmmo.curriculum_path("eval_heldout")}
    single = gridmmo.ray.evaluate("pve", [f"tiny={tmp_path / checkpoint}"], "absolute", shards=1, **shipped, **EVALUATION)
    assert single["plan"]["entrants"][0]["spec"] == {"name": "tiny", "checkpoint": "inputs/entrant-0/checkpoint.safetensors"}
    assert single["plan"]["entrants"][0]["fingerprint"] == results["plan"]["entrants"][1]["fingerprint"]
    setup, local_setup = single["plan"]["setup"], results["plan"]["setup"]
    assert (setup["maps"], setup["curriculum"]) == ("inputs/maps/eval", "inputs/curriculum/eval_heldout.json")
    assert (setup["mapsDigest"], setup["curriculumDigest"]) == (local_setup["mapsDigest"], local_setup["curriculumDigest"])
    assert single["run"]["shards"] == 1 and (tmp_path / "absolute" / "report.md").is_file()


def test_a_failing_shard_raises_the_cli_error(tmp_path):
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(b"not a checkpoint")
    with pytest.raises(gridmmo.ray.CLIError) as caught:
        gridmmo.ray.evaluate("pve", {"random": "random", "broken": broken}, tmp_path / "out", shards=2, **EVALUATION)
    error = caught.value
    assert error.returncode != 0 and "--entrant broken=" in error.stderr
    assert "--shard" in error.command and error.stderr.strip() in str(error)
    assert not (tmp_path / "out" / "results.json").exists()


def test_bad_arguments_are_named_before_any_shard_runs(tmp_path):
    with pytest.raises(FileNotFoundError, match="entrant 'ghost': .*missing.safetensors is not a file"):
        gridmmo.ray.evaluate("pve", {"ghost": tmp_path / "missing.safetensors"}, tmp_path, shards=2)
    with pytest.raises(FileNotFoundError, match="maps: .* is not a directory"):
        gridmmo.ray.evaluate("pve", ["random"], tmp_path, shards=2, maps=tmp_path / "nowhere")
    with pytest.raises(ValueError, match="mode must be 'pve' or 'pvp'"):
        gridmmo.ray.evaluate("duel", ["random"], tmp_path, shards=2)
    with pytest.raises(ValueError, match="'random' .* given twice"):
        gridmmo.ray.evaluate("pve", ["random", "random"], tmp_path, shards=2)
    with pytest.raises(TypeError, match="sets --threads itself, from its num_cpus argument"):
        gridmmo.ray.evaluate("pve", ["random"], tmp_path, shards=2, threads=4)


def play_in_process(steps, policy_name, **env_options):
    """What a RolloutWorker should return, stepped here by hand."""
    env = gridmmo.VecEnv(**env_options)
    env.reset()
    policy = gridmmo.ScriptedPolicy(env, policy_name, env.seed)
    steps_seen = []
    for _ in range(steps):
        observations, masks = env.observations.copy(), env.masks.copy()
        actions = policy.act().copy()
        _, rewards, terminations, truncations, _ = env.step(actions)
        steps_seen.append((observations, masks, actions, rewards.copy(), terminations.copy(), truncations.copy()))
    env.close()
    names = ("observations", "masks", "actions", "rewards", "terminations", "truncations")
    return {name: np.stack([step[column] for step in steps_seen]) for column, name in enumerate(names)}


def test_a_fleet_plays_what_in_process_environments_play():
    # Horizon 8: the 16 steps cross two episode ends.
    fleet = gridmmo.ray.RolloutFleet(2, "forager", envs=1, seed=7, horizon=8, **SMALL)
    try:
        first, second = fleet.rollout(10), fleet.rollout(6)
    finally:
        fleet.close()
    workers = [play_in_process(16, "forager", envs=1, seed=7 + k, threads=1, horizon=8, **SMALL) for k in range(2)]
    for name, expected in ((name, np.concatenate([worker[name] for worker in workers], axis=1)) for name in workers[0]):
        got = np.concatenate([first[name], second[name]])
        assert got.dtype == expected.dtype and got.shape == expected.shape == (16, 128, *expected.shape[2:]), name
        assert np.array_equal(got, expected), name
    assert first["truncations"].any() and second["truncations"].any()


def test_a_worker_plays_a_callable_policy():
    options = {"envs": 1, "seed": 4, "threads": 1, **SMALL}
    twin = gridmmo.VecEnv(**options)
    twin_policy = gridmmo.ScriptedPolicy(twin, "random", 4)
    by_callable = gridmmo.ray.RolloutWorker(lambda observations, masks: twin_policy.act(observations, masks), **options)
    by_name = gridmmo.ray.RolloutWorker("random", **options)
    a, b = by_callable.rollout(8), by_name.rollout(8)
    assert all(np.array_equal(a[name], b[name]) for name in a)
    for closable in (by_callable, by_name, twin):
        closable.close()
