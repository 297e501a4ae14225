"""Bad input gets a Python exception that names the problem; nothing crashes the process."""

import ctypes
import json

import numpy as np
import pytest

import gridmmo
from gridmmo import _native
from conftest import SMALL


def error_of(function, *args):
    with pytest.raises(gridmmo.GridMMOError) as caught:
        _native.call(function, *args)
    return caught.value


@pytest.mark.parametrize(
    "options, message",
    [
        ({"presets": "small"}, "unknown key 'presets'"),
        ({"preset": "huge"}, "'huge' is not a preset"),
        ({"preset": "small", "envs": 0}, "'envs' must be in 1...65536, got 0"),
        ({"preset": "small", "envs": "8"}, "'envs' must be an integer"),
        ({"preset": "small", "maps": "/nonexistent/maps"}, "/nonexistent/maps"),
        ({"preset": "small", "maps": "x", "generated_maps": 2}, "'maps' names files"),
        ({"preset": "small", "maps": "x", "map_seed": 2}, "'maps' names files"),
        ({"config": {"players": {"count": -3}}}, "options 'config' (inline)"),
        ({"preset": "small", "curriculum": "/nonexistent/tasks.json"}, "/nonexistent/tasks.json"),
        ({"preset": "small", "death_penalty": "a lot"}, "'death_penalty' must be a finite number"),
    ],
)
def test_bad_options_are_named(options, message):
    preset = options.pop("preset", None)
    envs = options.pop("envs", 1)
    with pytest.raises(gridmmo.GridMMOError) as caught:
        gridmmo.VecEnv(envs=envs, preset=preset, **options)
    assert message in str(caught.value)
    assert caught.value.kind == "argument"


def test_malformed_options_json_is_an_error():
    handle = ctypes.c_uint64(0)
    error = error_of(_native.lib.gridmmo_env_create, b'{"envs": 2,', ctypes.byref(handle))
    assert "not valid JSON" in str(error) and error.code == _native.ERROR_ARGUMENT
    error = error_of(_native.lib.gridmmo_env_create, b"[1, 2]", ctypes.byref(handle))
    assert "must be a JSON object" in str(error)
    error = error_of(_native.lib.gridmmo_env_create, b"{}", None)
    assert "out_env is NULL" in str(error)


def test_a_malformed_curriculum_file_is_named(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "gridmmo-curriculum", "version": 1, "tasks": [{"name": "x"}]}')
    with pytest.raises(gridmmo.GridMMOError) as caught:
        gridmmo.load_curriculum(path)
    assert str(path) in str(caught.value)


def test_wrong_actions_raise(small_env):
    env = small_env
    env.reset()
    with pytest.raises(TypeError, match="integers"):
        env.step(np.zeros(env.actions.shape, np.float32))
    with pytest.raises(ValueError, match=r"shape \(128, 8\)|shape"):
        env.step(np.zeros((env.num_agents, env.action_layout.head_count + 1), np.int32))
    with pytest.raises(ValueError, match="int32"):
        env.step(np.full(env.actions.shape, 2**40, np.int64))
    with pytest.raises(ValueError, match="one seed each"):
        env.reset(seed=[1, 2, 3])


def test_out_of_range_actions_do_nothing_and_are_counted(small_env):
    env = small_env
    env.reset()
    env.step(np.full(env.actions.shape, 10_000, np.int32))
    env.step(np.full(env.actions.shape, -7, np.int32))
    stats = env.stats()
    assert stats["illegal_actions"] == 2 * env.num_agents * env.action_layout.head_count
    assert stats["agent_steps"] == 2 * env.num_agents


def test_a_closed_environment_raises():
    env = gridmmo.VecEnv(envs=1, **SMALL)
    env.reset()
    policy = gridmmo.ScriptedPolicy(env, "random")
    env.close()
    env.close()  # closing twice is fine
    for call in (lambda: env.reset(), lambda: env.step(env.actions), lambda: env.stats(), lambda: env.task_ids(), lambda: env.send(env.actions),
                 lambda: env.record_replay("x.replay"), policy.act):
        with pytest.raises(gridmmo.EnvironmentClosedError):
            call()


def test_wrong_buffers_through_the_c_abi_are_refused(small_env):
    env = small_env
    args = list(env._buffer_args)
    actions = (env._actions_address, env.actions.size)
    for index, name in [(1, "observations"), (3, "masks"), (5, "rewards"), (7, "terminations"), (9, "truncations")]:
        wrong = list(args)
        wrong[index] -= 1
        error = error_of(_native.lib.gridmmo_env_step, env._handle, *actions, *wrong)
        assert error.code == _native.ERROR_BUFFER and error.kind == "buffer"
        assert name in str(error) and "needs exactly" in str(error)
    error = error_of(_native.lib.gridmmo_env_step, env._handle, actions[0], actions[1] - 1, *args)
    assert "actions buffer holds" in str(error)
    nulled = list(args)
    nulled[2] = None
    assert "masks is NULL" in str(error_of(_native.lib.gridmmo_env_step, env._handle, *actions, *nulled))
    assert "actions is NULL" in str(error_of(_native.lib.gridmmo_env_step, env._handle, None, actions[1], *args))
    assert "too large" in str(error_of(_native.lib.gridmmo_env_step, env._handle, actions[0], 2**64 - 1, *args))
    assert "seed_count" in str(error_of(_native.lib.gridmmo_env_reset, env._handle, None, 2**63, *args))
    stats = np.zeros(5, np.int64)
    assert "GRIDMMO_STAT_COUNT" in str(error_of(_native.lib.gridmmo_env_stats, env._handle, stats.ctypes.data, 5))


def test_bad_handles_are_refused(small_env):
    args = small_env._buffer_args
    actions = (small_env._actions_address, small_env.actions.size)
    for handle in (0, 987654321):
        error = error_of(_native.lib.gridmmo_env_step, handle, *actions, *args)
        assert error.code == _native.ERROR_HANDLE
    assert "never valid" in str(error_of(_native.lib.gridmmo_env_destroy, 0))
    env = gridmmo.VecEnv(envs=1, **SMALL)
    handle = env._handle
    env.close()
    assert "does not exist" in str(error_of(_native.lib.gridmmo_env_destroy, handle))
    policy = gridmmo.ScriptedPolicy(small_env, "random")
    error = error_of(_native.lib.gridmmo_env_stats, policy._handle, np.zeros(6, np.int64).ctypes.data, 6)
    assert f"handle {policy._handle} is a policy, not an environment" in str(error)
    with pytest.raises(gridmmo.GridMMOError, match="not a scripted policy"):
        gridmmo.ScriptedPolicy(small_env, "genius")


def test_send_and_recv_are_checked(small_env):
    env = small_env
    env.reset()
    with pytest.raises(gridmmo.GridMMOError, match="recv without a send"):
        env.recv()
    error = error_of(_native.lib.gridmmo_env_recv, env._handle)
    assert error.code == _native.ERROR_STATE
    env.send(env.actions)
    # A second call on the handle while the step is in flight is refused, not run concurrently.
    error = error_of(_native.lib.gridmmo_env_step, env._handle, env._actions_address, env.actions.size, *env._buffer_args)
    assert error.code == _native.ERROR_BUSY
    with pytest.raises(gridmmo.GridMMOError, match="in flight"):
        env.step(env.actions)
    env.recv()
    env.step(env.actions)


def test_describe_reports_a_too_small_text_buffer(small_env):
    length = ctypes.c_size_t(0)
    buffer = ctypes.create_string_buffer(10)
    error = error_of(_native.lib.gridmmo_env_describe, small_env._handle, buffer, 10, ctypes.byref(length))
    assert error.code == _native.ERROR_BUFFER and length.value > 10
    assert json.loads(_native.read_text(_native.lib.gridmmo_env_describe, small_env._handle))["total_agents"] == 128


def test_errors_are_per_thread():
    import threading

    messages = {}

    def fail(name, options):
        try:
            gridmmo.VecEnv(envs=1, **options)
        except gridmmo.GridMMOError as error:
            messages[name] = (str(error), _native.last_error())

    threads = [threading.Thread(target=fail, args=("a", {"preset": "nope"})), threading.Thread(target=fail, args=("b", {"bogus": 1}))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "'nope' is not a preset" in messages["a"][1]
    assert "unknown key 'bogus'" in messages["b"][1]


def test_closing_while_another_thread_steps_is_safe():
    import threading
    import time

    env = gridmmo.VecEnv(envs=2, **SMALL)
    env.reset()
    nothing = np.tile(env.action_layout.nothing, (env.num_agents, 1))
    outcome = {}

    def keep_stepping():
        try:
            while True:
                env.step(nothing)
        except gridmmo.GridMMOError as error:  # EnvironmentClosedError, or the handle's own refusal
            outcome["error"] = error

    stepper = threading.Thread(target=keep_stepping)
    stepper.start()
    time.sleep(0.05)
    env.close()
    stepper.join(timeout=10)
    assert not stepper.is_alive()
    assert outcome["error"].kind in ("handle", "busy")
